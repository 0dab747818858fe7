import { execFile, execFileSync } from 'node:child_process';
import { ProcError } from './proc-error.js';

/** What the real `ps` printed for a process: VSZ and RSS in KiB, as ps(1) reports them. */
export interface PsReading {
  pid: number;
  vszKiB: number;
  rssKiB: number;
  /** The line exactly as ps printed it. */
  raw: string;
  command: string;
}

export function parsePsLine(pid: number, raw: string): PsReading {
  const fields = raw.trim().split(/\s+/);
  const vszKiB = Number(fields[0]);
  const rssKiB = Number(fields[1]);
  if (fields.length < 2 || !Number.isFinite(vszKiB) || !Number.isFinite(rssKiB)) {
    throw new ProcError('parse', `ps printed something memtui did not expect: "${raw.trim()}"`);
  }
  return { pid, vszKiB, rssKiB, raw: raw.replace(/\n$/, ''), command: `ps -o vsz=,rss= -p ${pid}` };
}

/** Runs the real ps with fixed arguments (no shell). */
export function runPs(pid: number = process.pid): Promise<PsReading> {
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    return Promise.reject(new ProcError('no-such-process', `"${pid}" is not a PID: a PID is a positive whole number`));
  }
  return new Promise((resolve, reject) => {
    execFile('ps', ['-o', 'vsz=,rss=', '-p', String(pid)], { timeout: 5000 }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(new ProcError('ps', 'the `ps` program is not installed (Debian: apt-get install procps)'));
        } else if (stdout.trim() === '') {
          reject(new ProcError('no-such-process', `ps knows no process with PID ${pid}: it has exited or never existed`));
        } else {
          reject(new ProcError('ps', `ps failed: ${error.message}`));
        }
        return;
      }
      try { resolve(parsePsLine(pid, stdout)); } catch (parseError) { reject(parseError); }
    });
  });
}

/** The same, blocking: for the session, whose commands run one at a time (ps takes a few ms). */
export function runPsSync(pid: number = process.pid): PsReading {
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new ProcError('no-such-process', `"${pid}" is not a PID: a PID is a positive whole number`);
  let stdout: string;
  try {
    stdout = execFileSync('ps', ['-o', 'vsz=,rss=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string };
    if (failure.code === 'ENOENT') throw new ProcError('ps', 'the `ps` program is not installed (Debian: apt-get install procps)');
    if ((failure.stdout ?? '').trim() === '') throw new ProcError('no-such-process', `ps knows no process with PID ${pid}: it has exited or never existed`);
    throw new ProcError('ps', `ps failed: ${failure.message}`);
  }
  return parsePsLine(pid, stdout);
}
