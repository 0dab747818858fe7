import { type Pid, readProcFile } from './proc-files.js';
import { ProcError } from './proc-error.js';

/** The memory lines of /proc/PID/status (proc(5)), in KiB as the kernel prints them ("kB"). */
export interface ProcStatus {
  name: string;
  pid: number;
  /** proc(5) Tgid: the thread group (process) this PID belongs to; equals pid for a process. */
  tgid: number;
  /** proc(5) State: "S (sleeping)", "R (running)", "T (stopped)", "Z (zombie)", ... */
  state: string;
  /** proc(5) Uid: real, effective, saved set, and filesystem UIDs. */
  uids: [real: number, effective: number, saved: number, filesystem: number];
  vmPeakKiB: number;
  vmSizeKiB: number;
  vmHwmKiB: number;
  vmRssKiB: number;
  rssAnonKiB: number;
  rssFileKiB: number;
  rssShmemKiB: number;
  vmDataKiB: number;
  vmStkKiB: number;
  vmExeKiB: number;
  vmLibKiB: number;
  vmSwapKiB: number;
}

const kibFields = {
  VmPeak: 'vmPeakKiB', VmSize: 'vmSizeKiB', VmHWM: 'vmHwmKiB', VmRSS: 'vmRssKiB', RssAnon: 'rssAnonKiB',
  RssFile: 'rssFileKiB', RssShmem: 'rssShmemKiB', VmData: 'vmDataKiB', VmStk: 'vmStkKiB', VmExe: 'vmExeKiB',
  VmLib: 'vmLibKiB', VmSwap: 'vmSwapKiB',
} as const;

export function parseStatus(text: string): ProcStatus {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  // "Uid:\t1000\t1000\t1000\t1000"; -1 where a field is missing (never read as root's 0).
  const uids = (fields.get('Uid') ?? '').split(/\s+/).map((text) => (/^\d+$/.test(text) ? Number(text) : -1));
  const status = {
    name: fields.get('Name') ?? '',
    pid: Number(fields.get('Pid')),
    tgid: Number(fields.get('Tgid') ?? fields.get('Pid')),
    state: fields.get('State') ?? '?',
    uids: [uids[0] ?? -1, uids[1] ?? -1, uids[2] ?? -1, uids[3] ?? -1],
  } as ProcStatus;
  for (const [key, property] of Object.entries(kibFields)) {
    const raw = fields.get(key);
    // Kernel threads have no Vm* lines; a user process always has VmSize.
    const kib = raw === undefined ? 0 : Number.parseInt(raw, 10);
    if (Number.isNaN(kib)) throw new ProcError('parse', `/proc status: ${key} is not a number: "${raw}"`);
    status[property] = kib;
  }
  if (!fields.has('VmSize')) throw new ProcError('parse', '/proc status has no VmSize line: is this a kernel thread?');
  return status;
}

export function readStatus(pid: Pid = 'self'): ProcStatus {
  return parseStatus(readProcFile(pid, 'status'));
}
