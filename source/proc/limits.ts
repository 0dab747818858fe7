import { type Pid, readProcFile } from './proc-files.js';

/** A soft limit from /proc/PID/limits (proc(5)): a number of its unit, or null for unlimited. */
export interface ProcLimits {
  /** RLIMIT_AS: the most address space (VSZ) the process may have, in bytes. */
  addressSpaceBytes: number | null;
}

export function parseLimits(text: string): ProcLimits {
  // proc(5): columns "Limit  Soft Limit  Hard Limit  Units", the limit's name in words.
  const line = text.split('\n').find((entry) => entry.startsWith('Max address space'));
  const soft = line?.slice('Max address space'.length).trim().split(/\s+/)[0];
  return { addressSpaceBytes: soft === undefined || soft === 'unlimited' ? null : Number(soft) };
}

export function readLimits(pid: Pid = 'self'): ProcLimits {
  return parseLimits(readProcFile(pid, 'limits'));
}
