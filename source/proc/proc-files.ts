import { existsSync, readFileSync } from 'node:fs';
import { ProcError } from './proc-error.js';

/** Where /proc is; tests point it at a folder of captured files to cause faults they cannot cause for real. */
let procRoot = '/proc';

export function setProcRoot(root: string): void {
  procRoot = root;
}

export function getProcRoot(): string {
  return procRoot;
}

export type Pid = number | 'self';

export function procPath(pid: Pid, file: string): string {
  return `${procRoot}/${pid}/${file}`;
}

/** Read /proc/PID/FILE, turning the ways it fails into messages that say what to do. */
export function readProcFile(pid: Pid, file: string): string {
  const path = procPath(pid, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw procFailure(pid, path, error);
  }
}

/** The ProcError for a failed open or read of a /proc file (ENOENT, EACCES, ...). */
export function procFailure(pid: Pid, path: string, error: unknown): ProcError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ESRCH') {
    if (!existsSync(procRoot) || !existsSync(`${procRoot}/self`)) {
      return new ProcError('no-proc', `${procRoot} does not exist: memtui reads the kernel's account of a process from /proc, which only Linux has`);
    }
    return new ProcError('no-such-process', `no process with PID ${pid}: it has exited or never existed (list processes with \`ps -e\`)`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ProcError('permission', `not allowed to read ${path}: the process belongs to another user or made itself non-dumpable (run as that user, or as root)`);
  }
  return new ProcError('unreadable', `could not read ${path}: ${(error as Error).message}`);
}
