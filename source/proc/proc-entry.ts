import { readlinkSync, statSync } from 'node:fs';
import { getProcRoot } from './proc-files.js';

/**
 * The owner of the files in /proc/PID (of its stat file). proc(5): they belong to the process's
 * effective user, except when the process is not dumpable (prctl(PR_SET_DUMPABLE, 0), or a
 * setuid, setgid or file-capability program): then they belong to root. The directory itself
 * keeps the effective user either way (fs/proc/base.c, task_dump_owner). Null when unseen.
 */
export function readProcFilesOwner(pid: number): number | null {
  try {
    return statSync(`${getProcRoot()}/${pid}/stat`).uid;
  } catch {
    return null;
  }
}

/**
 * The program the process runs: the target of /proc/PID/exe (it ends in " (deleted)" when the
 * file was removed since). Null when it cannot be read: reading it needs the same right as maps.
 */
export function readExecutablePath(pid: number): string | null {
  try {
    return readlinkSync(`${getProcRoot()}/${pid}/exe`);
  } catch {
    return null;
  }
}
