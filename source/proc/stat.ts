import { type Pid, readProcFile } from './proc-files.js';
import { ProcError } from './proc-error.js';

/** The fields of /proc/PID/stat that memtui uses. */
export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  /** proc(5) field 4: the parent's PID (who collects the exit status). */
  parentPid: number;
  minorFaults: number;
  majorFaults: number;
  /** proc(5) field 23: virtual memory size in bytes (what the lab's test program prints). */
  vsizeBytes: number;
  /** proc(5) field 24: resident set size in pages. */
  rssPages: number;
  /**
   * proc(5) field 22: starttime, clock ticks (sysconf(_SC_CLK_TCK), 100 a second) after boot.
   * A PID names one process only while it lives; PID and start time together name it for good
   * (to the tick: a PID reused within the same 1/100 s would carry the same start time).
   */
  startTicks: number;
}

export function parseStat(text: string): ProcStat {
  // comm (field 2) is in parentheses and may itself hold spaces or ')': split at the last ')'.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new ProcError('parse', `/proc stat is not in the expected form: "${text.slice(0, 60)}"`);
  const rest = text.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  const field = (n: number): number => {
    const value = Number(rest[n - 3]);
    if (!Number.isFinite(value)) throw new ProcError('parse', `/proc stat field ${n} is not a number`);
    return value;
  };
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    parentPid: field(4), // proc(5): (4) ppid
    minorFaults: field(10), // proc(5): (10) minflt
    majorFaults: field(12), // proc(5): (12) majflt
    vsizeBytes: field(23), // proc(5): (23) vsize, bytes
    rssPages: field(24), // proc(5): (24) rss, pages
    startTicks: field(22), // proc(5): (22) starttime, clock ticks since boot
  };
}

export function readStat(pid: Pid = 'self'): ProcStat {
  return parseStat(readProcFile(pid, 'stat'));
}
