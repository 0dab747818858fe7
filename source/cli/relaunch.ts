import { spawn } from 'node:child_process';
import { type HandledSignal, signalNumbers } from './exit-status.js';

/**
 * Node options the screen wants that only work when node starts. With WebAssembly's trap
 * handler on, V8 reserves 8 and 10 GiB of guard regions around the wasm memory of the screen's
 * layout engine (VSZ 22 GB); without it, 7 GB (measured on Node 22: the rest is explained in
 * lesson 1). Bounds are then checked in code, which the layout engine does not notice.
 */
export const SCREEN_NODE_OPTIONS = ['--disable-wasm-trap-handler'] as const;

const scriptFlags = /^(-e|--eval|-s|--script|-j|--json|-h|--help|-v|--version)(=|$)/;

/** True when this run will draw the screen and node was started without the screen's options. */
export function wantsRelaunch(argv: readonly string[], execArgv: readonly string[] = process.execArgv): boolean {
  const screen = process.stdin.isTTY === true && process.stdout.isTTY === true
    && argv[0] !== 'grade' && !argv.some((arg) => scriptFlags.test(arg));
  return screen && !SCREEN_NODE_OPTIONS.every((option) => execArgv.includes(option));
}

/**
 * Starts memtui again under node with the screen's options, on the same terminal, and waits for
 * it: signals sent to this process go on to it, and its exit status is this one's.
 */
export function relaunch(script: string, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...SCREEN_NODE_OPTIONS, ...process.execArgv, script, ...argv], { stdio: 'inherit' });
  for (const name of Object.keys(signalNumbers) as HandledSignal[]) process.on(name, () => child.kill(name));
  return new Promise((resolve) => {
    child.on('error', () => resolve(70));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? (signalNumbers[signal as HandledSignal] ?? 9) : 0)));
  });
}
