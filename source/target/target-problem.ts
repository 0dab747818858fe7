/**
 * Why a reading of the watched process could not be made, as a value: `kind` for code, and a
 * `message` that says what was wrong and what to do. Nothing in target/ throws these.
 */
export type TargetProblemKind =
  | 'not-a-pid' // the PID given is not a positive whole number
  | 'no-such-process' // no process has that PID (or /proc cannot show it)
  | 'other-user' // another user's process: reading its memory map needs root (EACCES)
  | 'not-dumpable' // ours, but prctl(PR_SET_DUMPABLE, 0) or a setuid/setgid program: root only
  | 'hidepid' // /proc is mounted with hidepid: other users' processes are refused or hidden
  | 'kernel-thread' // a kernel thread: no user memory to watch
  | 'exited' // the watched process has exited (it may be a zombie until its parent reaps it)
  | 'pid-reused' // the watched process exited and its PID now names another process
  | 'bad-address' // an address or range given to presence / regionHolding is not one
  | 'unmapped' // the address lies in no mapping of the process
  | 'too-large' // a presence range larger than memtui reads at once
  | 'no-proc' // no /proc at all (not Linux)
  | 'unreadable'; // anything else the kernel refused, with its words

export interface TargetProblem {
  kind: TargetProblemKind;
  pid: number;
  message: string;
}

/** A reading of the watched process, or why there is none. */
export type Reading<T> = ({ ok: true } & T) | { ok: false; problem: TargetProblem };

export function problem(kind: TargetProblemKind, pid: number, message: string): { ok: false; problem: TargetProblem } {
  return { ok: false, problem: { kind, pid, message } };
}
