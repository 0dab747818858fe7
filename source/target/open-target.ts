import { ProcError, type ProcStat, readExecutablePath, readMaps, readStat, readStatus } from '../proc/index.js';
import { explainFailure } from './access-problem.js';
import { checkIdentity, exitedProblem, identityOf } from './process-identity.js';
import { Target } from './target.js';
import { type TargetProblem, problem } from './target-problem.js';

export type TargetOpening = { ok: true; target: Target } | { ok: false; problem: TargetProblem };

/** A PID from a user or a caller: a positive whole number (text of digits is fine). */
function parsePid(input: number | string): number | null {
  const value = typeof input === 'string' && /^\s*\d+\s*$/.test(input) ? Number(input) : input;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/**
 * Starts watching process `pid` through /proc. It succeeds only when memtui may read the
 * process's memory map (maps and pagemap need the same right), so a process of another user,
 * a non-dumpable one, or one hidden by hidepid is refused here, with the reason and what to do.
 *
 * ```ts
 * const opened = openTarget(1234);
 * if (!opened.ok) console.log(opened.problem.message);
 * else console.log(opened.target.sample());
 * ```
 */
export function openTarget(pid: number | string): TargetOpening {
  const number = parsePid(pid);
  if (number === null) {
    return problem('not-a-pid', 0, `"${pid}" is not a PID: a PID is a positive whole number (\`ps -u $USER\` lists yours)`);
  }
  let stat: ProcStat;
  try {
    stat = readStat(number);
  } catch (error) {
    return { ok: false, problem: explainFailure(number, error) };
  }
  const identity = identityOf(stat);
  if (stat.state === 'Z' || stat.state === 'X') return { ok: false, problem: exitedProblem(identity, true) };
  try {
    readStatus(number);
  } catch (error) {
    if (error instanceof ProcError && error.kind === 'parse') {
      // proc(5): kernel threads have no Vm* lines in status.
      return problem('kernel-thread', number, `PID ${number} (${stat.comm}) is a kernel thread: it has no user memory to watch; `
        + 'pick a process of your own (`ps -u $USER`)');
    }
    return { ok: false, problem: explainFailure(number, error) };
  }
  try {
    // Reading maps needs the right to read the process's memory (ptrace "read" access).
    readMaps(number);
  } catch (error) {
    return { ok: false, problem: explainFailure(number, error) };
  }
  const executable = readExecutablePath(number);
  // The reads above were of this process only if stat still shows the same start time.
  const gone = checkIdentity(identity);
  if (gone) return { ok: false, problem: gone };
  return { ok: true, target: new Target(identity, executable) };
}
