import { openSync, readFileSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { colourWanted, EXIT, exitStatusHelp, Lifecycle, StdoutSink } from './cli/index.js';
import { kib } from './result/index.js';
import {
  AddressBudget, lessons, ownAllocatorLesson, runScript, SCREEN_ADDRESS_SPACE_BYTES, type ScriptInput, Session, warmUp, watchPid, type WatchedProcess,
} from './session/index.js';

const usage = `memtui: watch how the OS hands memory to a process, on real pages of this one

Usage:
  memtui                        the terminal UI (q quits, ? lists every key and command)
  memtui -e "CMD; CMD"          run commands without the UI, one result per line
  printf 'mmap\\nstat\\n' | memtui   commands from a pipe (stdin that is not a terminal)
  memtui grade FILE...          grade your own alloc.c / ealloc.c (memtui grade --help)
                                (in the UI: load FILE runs it, lesson ${ownAllocatorLesson} walks you through)
  memtui --pid PID              watch another process of yours: its VSZ, RSS, maps and pages, live
  memtui watch -- PROGRAM       start PROGRAM in a pane and watch it (memtui watch --help)

Options:
  -e, --eval "CMD; CMD"   run these commands (; or a new line between them), then exit
  -s, --script FILE       run the commands in FILE (one a line, # comments), then exit
  -j, --json              with -e, --script or a pipe: one JSON object per result
  -l, --lesson N          open lesson N (1-${lessons.length}) of the guided walkthrough
  -p, --pid PID           measure process PID (one of yours) instead of memtui: the UI, -e, --script, --json
  -n, --no-color          no colour at all (as NO_COLOR=1 does); letters alone tell chunks apart
  -h, --help              this text
  -v, --version           the version

${exitStatusHelp}
Commands: memtui -e help`;

/**
 * Rounds of rehearsal before the first measured command (see session/warm-up.ts). Twenty made a
 * 600-command script's raw RSS change equal ours in 98.8% of commands (six: 96-97%), for about
 * 110 ms; the UI takes six, about 35 ms before its first frame.
 */
const SCRIPT_WARM_UP_ROUNDS = 20;
const UI_WARM_UP_ROUNDS = 6;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

type UiModules = typeof import('./ui/entry.js');

/** The UI, bundled with ink and React into one file by the build (scripts/finish-build.mjs). */
export function loadUi(): Promise<UiModules> {
  return import(new URL('./ui.bundle.js', import.meta.url).href) as Promise<UiModules>;
}

/** A lesson number from --lesson: 1 to the number of lessons; else what is wrong. */
export function lessonNumber(text: string): number | string {
  const number = Number(text);
  if (!Number.isInteger(number) || number < 1 || number > lessons.length) {
    return `--lesson takes a lesson number from 1 to ${lessons.length}, not "${text}"`;
  }
  return number;
}

/** Why the screen cannot start under this address-space limit (V8 would abort while loading it), or null. */
export function screenBudgetProblem(): string | null {
  const limit = new AddressBudget().limitBytes;
  if (limit === null || limit >= SCREEN_ADDRESS_SPACE_BYTES) return null;
  return `the screen needs an address-space limit of at least ${kib(SCREEN_ADDRESS_SPACE_BYTES)} (ulimit -v ${SCREEN_ADDRESS_SPACE_BYTES / 1024}); this one is ${kib(limit)}: raise it (ulimit -v unlimited), or run commands without the screen (memtui -e "mmap; stat"), which need about 0.9 GB`;
}

export function usageError(message: string): number {
  process.stderr.write(`memtui: ${message}\n`);
  return EXIT.usage;
}

/** A script file, opened now so that a missing one is a usage error before anything runs. */
function openScript(path: string): ScriptInput | string {
  try {
    if (statSync(path).isDirectory()) return `cannot read the script ${path}: it is a directory`;
    return createReadStream('', { fd: openSync(path, 'r'), encoding: 'utf8' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `cannot read the script ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`;
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        eval: { type: 'string', short: 'e' },
        script: { type: 'string', short: 's' },
        json: { type: 'boolean', short: 'j' },
        lesson: { type: 'string', short: 'l' },
        'no-color': { type: 'boolean', short: 'n' },
        pid: { type: 'string', short: 'p' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    process.stderr.write(`memtui: ${(error as Error).message}\n\n${usage}\n`);
    return EXIT.usage;
  }
  const options = parsed.values;
  if (options.help) { process.stdout.write(`${usage}\n`); return EXIT.ok; }
  if (options.version) { process.stdout.write(`memtui ${version()}\n`); return EXIT.ok; }
  const lesson = options.lesson === undefined ? undefined : lessonNumber(options.lesson);
  if (typeof lesson === 'string') return usageError(lesson);
  if (options.eval !== undefined && options.script !== undefined) return usageError('give either -e or --script, not both');

  let input: ScriptInput | undefined = options.eval;
  if (options.script !== undefined) {
    const opened = openScript(options.script);
    if (typeof opened === 'string') return usageError(opened);
    input = opened;
  } else if (input === undefined && !process.stdin.isTTY) {
    input = process.stdin.setEncoding('utf8');
  }
  if (input === undefined && options.json) return usageError('--json is for scripts (-e, --script, or a pipe), not the UI');

  const budget = input === undefined ? screenBudgetProblem() : null;
  if (budget !== null) return usageError(budget);
  let watched: WatchedProcess | undefined;
  if (options.pid !== undefined) {
    const opening = watchPid(options.pid);
    if (!opening.ok) return usageError(`--pid ${options.pid}: ${opening.message}`);
    watched = opening.watched;
  }
  // The UI (ink, react, yoga's wasm) loads only for the UI, so scripts stay small and fast; it
  // starts loading now, while the session binds libc.
  const uiModules = input === undefined ? loadUi() : undefined;
  uiModules?.catch(() => undefined);
  const session = new Session(input === undefined ? {} : { logLimit: 0 });
  const lifecycle = new Lifecycle(session);
  // Before anything is measured: the runtime's own first-time growth is not the student's.
  // Scripts measure every command, so they rehearse longer; the UI starts sooner.
  // (A watched process's figures are not memtui's: nothing to rehearse for them.)
  if (watched) session.setSubject(watched);
  else await warmUp(() => new Session({ logLimit: 0 }), input === undefined ? UI_WARM_UP_ROUNDS : SCRIPT_WARM_UP_ROUNDS);
  if (lesson !== undefined) await session.run(`lesson ${lesson}`);
  return input === undefined
    ? runUi(session, lifecycle, uiModules!, options['no-color'] !== true && colourWanted())
    : runScriptMode(session, lifecycle, input, options.json === true);
}

async function runScriptMode(session: Session, lifecycle: Lifecycle, input: ScriptInput, json: boolean): Promise<number> {
  const sink = new StdoutSink();
  const stopReading = () => {
    if (typeof input !== 'string' && 'destroy' in input) (input as NodeJS.ReadableStream & { destroy(): void }).destroy();
  };
  lifecycle.onStop(stopReading);
  process.on('uncaughtException', (error) => lifecycle.failHard(error));
  const summary = await runScript(session, input, { json, output: sink, signal: lifecycle.abort.signal });
  await sink.flush();
  // What was not read is not wanted: a pipe still open (`yes stat | memtui`) must not keep us.
  stopReading();
  session.dispose();
  if (lifecycle.signal) return lifecycle.status(0);
  if (sink.failure?.kind === 'closed' || summary.ended === 'output-closed') return sink.failure?.kind === 'failed' ? failedOutput(sink) : EXIT.outputClosed;
  if (sink.failure) return failedOutput(sink);
  return summary.exitCode;
}

function failedOutput(sink: StdoutSink): number {
  const failure = sink.failure as Extract<StdoutSink['failure'], { kind: 'failed' }>;
  process.stderr.write(`memtui: cannot write the output: ${failure.code} (${failure.message.replace(/^\w+: /, '')})\n`);
  return EXIT.outputFailed;
}

export async function runUi(session: Session, lifecycle: Lifecycle, uiModules: Promise<UiModules>, colour: boolean): Promise<number> {
  const { startUi } = await uiModules;
  const app = startUi(session, { colour });
  lifecycle.onStop(() => app.unmount());
  process.on('uncaughtException', (error) => lifecycle.failHard(error, () => app.unmount()));
  await app.waitUntilExit();
  session.dispose();
  return lifecycle.status(EXIT.ok);
}
