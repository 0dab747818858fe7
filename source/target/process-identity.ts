import { ProcError, type ProcStat, readStat } from '../proc/index.js';
import { explainFailure } from './access-problem.js';
import { type TargetProblem } from './target-problem.js';

/**
 * Which process a PID named when watching began. A PID is reused once its process is gone and
 * the PID space wraps around; the start time (proc(5) stat field 22, in clock ticks since boot)
 * tells the new process from the old one. It counts in 1/100 s: a PID reused within the same
 * tick would pass for the old process, which takes a PID space wrapping around within 10 ms.
 */
export interface ProcessIdentity {
  pid: number;
  startTicks: number;
  /** The command name (comm) when watching began; exec may change it later. */
  name: string;
  parentPid: number;
}

export function identityOf(stat: ProcStat): ProcessIdentity {
  return { pid: stat.pid, startTicks: stat.startTicks, name: stat.comm, parentPid: stat.parentPid };
}

export function exitedProblem(identity: ProcessIdentity, zombie: boolean): TargetProblem {
  const { pid, name, parentPid } = identity;
  const reaped = zombie
    ? `; it stays a zombie (no memory, only its exit status) until its parent, PID ${parentPid}, collects that status`
    : '';
  return {
    kind: 'exited', pid,
    message: `PID ${pid} (${name}) has exited: its memory is gone${reaped}. Start it again to watch it anew `
      + '(`memtui watch -- PROGRAM` also reports how it ended)',
  };
}

function reusedProblem(identity: ProcessIdentity, now: ProcStat): TargetProblem {
  const { pid, name } = identity;
  return {
    kind: 'pid-reused', pid,
    message: `PID ${pid} (${name}) has exited, and PID ${pid} now names another process (${now.comm}, started later): `
      + `memtui stopped watching rather than show a stranger's memory. Open PID ${pid} again to watch the new process`,
  };
}

/** True for the problems after which the PID no longer names the watched process. */
export function isEnd(problem: TargetProblem): boolean {
  return problem.kind === 'exited' || problem.kind === 'pid-reused';
}

/**
 * Reads stat now and says whether the PID still names the watched process: null when it does,
 * else why not. Readings made before a null check belong to the watched process (a PID is not
 * reused while its process lives), so every reading is followed by this check.
 */
export function checkIdentity(identity: ProcessIdentity): TargetProblem | null {
  let stat: ProcStat;
  try {
    stat = readStat(identity.pid);
  } catch (error) {
    if (error instanceof ProcError && error.kind === 'no-such-process') return exitedProblem(identity, false);
    return explainFailure(identity.pid, error);
  }
  if (stat.startTicks !== identity.startTicks) return reusedProblem(identity, stat);
  // proc(5) stat field 3: Z zombie, X dead.
  if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return exitedProblem(identity, true);
  return null;
}
