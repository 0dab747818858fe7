import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { readExecutablePath } from '../../proc/index.js';
import {
  type LaunchedProgram, type LaunchOptions, type TargetProblemKind, findProgram, launchProgram, openTarget,
} from '../../target/index.js';
import { WatchedProcess } from './watched-process.js';

export type WatchOpening =
  | { ok: true; watched: WatchedProcess }
  | { ok: false; kind: TargetProblemKind | 'self' | 'launch' | 'ended'; message: string; program?: LaunchedProgram };

/** A label for the header: the program's file name and its arguments, cut when long. */
function labelOf(command: readonly string[]): string {
  const [program = '', ...args] = command;
  const text = [basename(program), ...args].join(' ');
  return text.length > 40 ? `${text.slice(0, 39)}~` : text;
}

/**
 * Watches a process that is already running (`memtui --pid PID`). Refused, with what to do, for
 * a PID that is not one, a process that is gone, another user's, a non-dumpable one, a kernel
 * thread, /proc with hidepid, and memtui itself (its own pages are what memtui shows without --pid).
 */
export function watchPid(pid: number | string): WatchOpening {
  const opened = openTarget(pid);
  if (!opened.ok) return { ok: false, kind: opened.problem.kind, message: opened.problem.message };
  if (opened.target.pid === process.pid) {
    return { ok: false, kind: 'self', message: `PID ${process.pid} is this memtui: run memtui without --pid to see its own pages` };
  }
  return { ok: true, watched: new WatchedProcess(opened.target) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Under stdbuf, the process first runs stdbuf, which then exec's the program (same PID): wait
 * for that exec, so that the program's own file names its code in maps. Gives up after
 * `limitMs` (the program goes on either way) or when the process is gone.
 */
async function untilExec(program: LaunchedProgram, cwd: string, path: string, limitMs = 2000): Promise<void> {
  if (!program.lineBuffering.applied) return;
  const stdbuf = findProgram('stdbuf', cwd, path);
  if (!stdbuf.ok) return;
  let stdbufFile: string;
  try {
    stdbufFile = realpathSync(stdbuf.path);
  } catch {
    return;
  }
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline && program.exit === null) {
    const running = readExecutablePath(program.pid);
    if (running === null || running !== stdbufFile) return;
    await sleep(2);
  }
}

/**
 * Starts `command` (`memtui watch -- PROGRAM [ARGS]`) with its output captured and its input
 * ours to send, and watches it. A program that cannot start, or that ends before it can be
 * watched, is said with its output kept in `program`.
 */
export async function watchProgram(command: readonly string[], options: LaunchOptions = {}): Promise<WatchOpening> {
  const launched = await launchProgram(command, options);
  if (!launched.ok) return { ok: false, kind: 'launch', message: launched.message };
  const { program } = launched;
  await untilExec(program, options.cwd ?? process.cwd(), (options.env ?? process.env).PATH ?? '');
  const opened = openTarget(program.pid);
  if (!opened.ok) {
    const gone = opened.problem.kind === 'exited' || opened.problem.kind === 'no-such-process';
    // A program memtui may not read (setuid, say) is not left running unwatched.
    if (!gone) program.stop('SIGKILL');
    const exit = await program.exited;
    return gone
      ? { ok: false, kind: 'ended', message: `${labelOf(command)} ended before memtui could watch it: ${exit.message}`, program }
      : { ok: false, kind: opened.problem.kind, message: `${opened.problem.message} (memtui stopped it)`, program };
  }
  return { ok: true, watched: new WatchedProcess(opened.target, { program, label: labelOf(command) }) };
}
