import { spawn } from 'node:child_process';
import { LaunchedProgram, type LineBuffering } from './launched-program.js';
import { findProgram } from './program-path.js';

export interface LaunchOptions {
  /** Lines of output kept (stdout and stderr together); older ones are dropped. Default 500. */
  keepLines?: number;
  /**
   * Run the program under `stdbuf -oL -eL` (when stdbuf is on PATH) so that C stdio flushes at
   * each newline. Default true. C's stdout to a pipe is otherwise block-buffered: printf output
   * shows only when 4 KiB have gathered, the program calls fflush, or it exits.
   */
  lineBuffered?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export type Launching = { ok: true; program: LaunchedProgram } | { ok: false; message: string };

const stdbufNote = 'line-buffered: memtui runs it under stdbuf -oL -eL, so each line shows when printed';
const noStdbufNote = 'stdbuf is not on PATH, so a C program\'s printf output to memtui arrives in 4 KiB blocks: '
  + 'it shows when the block fills, the program calls fflush(stdout), or it exits (install coreutils, or add fflush(stdout) after printf)';
const offNote = 'not line-buffered (asked so): a C program\'s printf output arrives when it calls fflush(stdout), fills 4 KiB, or exits';

/**
 * Starts `command` (program and arguments, no shell) with pipes for its input and output.
 * Resolves once the process exists, or with why it could not start.
 *
 * ```ts
 * const started = await launchProgram(['./before-you-begin']);
 * if (started.ok) {
 *   const said = await started.program.waitForOutput(/PID (\d+)/);  // said.match[1]
 *   started.program.pressEnter();
 * }
 * ```
 */
export async function launchProgram(command: readonly string[], options: LaunchOptions = {}): Promise<Launching> {
  const [name, ...args] = command;
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const program = findProgram(name ?? '', cwd, env.PATH ?? '');
  if (!program.ok) return program;
  const stdbuf = options.lineBuffered === false ? null : findProgram('stdbuf', cwd, env.PATH ?? '');
  const useStdbuf = stdbuf?.ok === true;
  const lineBuffering: LineBuffering = {
    applied: useStdbuf,
    note: options.lineBuffered === false ? offNote : useStdbuf ? stdbufNote : noStdbufNote,
  };
  // stdbuf(1) sets the buffering through LD_PRELOAD, so it does not reach statically linked or
  // setuid programs, nor programs that call setvbuf themselves.
  const [file, argv] = stdbuf?.ok ? [stdbuf.path, ['-oL', '-eL', program.path, ...args]] : [program.path, args];
  const child = spawn(file, argv, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve) => {
    child.once('spawn', () => resolve({ ok: true, program: new LaunchedProgram(child, command, lineBuffering, options.keepLines ?? 500) }));
    child.once('error', (error) => resolve({ ok: false, message: `could not start ${name}: ${error.message}` }));
  });
}
