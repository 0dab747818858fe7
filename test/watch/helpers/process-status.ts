import { readFileSync } from 'node:fs';

/** VmSize and VmRSS of `pid` in bytes, read straight from /proc/PID/status. */
export function processStatus(pid: number): { vsz: number; rss: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)![1]) * 1024;
  return { vsz: kB('VmSize'), rss: kB('VmRSS') };
}

/**
 * VmSize and VmRSS once the program is asleep and they stay put. A test program prints "ready"
 * and then enters getchar, whose first call allocates stdin's buffer: RSS +4 KiB a moment after
 * the line a test waited for.
 */
export async function settledStatus(pid: number): Promise<{ vsz: number; rss: number }> {
  let last = processStatus(pid);
  for (let tries = 0; tries < 40; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = processStatus(pid);
    const asleep = /^State:\s+S/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (asleep && now.vsz === last.vsz && now.rss === last.rss) return now;
    last = now;
  }
  throw new Error(`PID ${pid} did not settle: ${JSON.stringify(last)}`);
}
