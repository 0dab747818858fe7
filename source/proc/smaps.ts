import { type Pid, readProcFile } from './proc-files.js';
import { type MapsEntry, parseMapsLine } from './maps.js';

/** One mapping of /proc/PID/smaps with the per-mapping counters memtui shows, in KiB. */
export interface SmapsEntry extends MapsEntry {
  rssKiB: number;
  pssKiB: number;
  privateDirtyKiB: number;
  anonymousKiB: number;
  swapKiB: number;
  /**
   * proc(5) AnonHugePages: anonymous memory of this mapping held by transparent huge pages. One
   * touch of a THP region brings in a whole 2 MiB page, so its 512 small pages all read as
   * present in pagemap although the program may have touched only one of them.
   */
  anonHugePagesKiB: number;
}

const counters = {
  Rss: 'rssKiB', Pss: 'pssKiB', Private_Dirty: 'privateDirtyKiB', Anonymous: 'anonymousKiB', Swap: 'swapKiB',
  AnonHugePages: 'anonHugePagesKiB',
} as const;

export function parseSmaps(text: string): SmapsEntry[] {
  const entries: SmapsEntry[] = [];
  let current: SmapsEntry | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    // A header line starts with the range "start-end"; counter lines start with "Name:".
    if (/^[0-9a-f]+-[0-9a-f]+\s/.test(line)) {
      current = { ...parseMapsLine(line), rssKiB: 0, pssKiB: 0, privateDirtyKiB: 0, anonymousKiB: 0, swapKiB: 0, anonHugePagesKiB: 0 };
      entries.push(current);
      continue;
    }
    const match = /^(\w+):\s+(\d+) kB/.exec(line);
    if (match && current && match[1]! in counters) {
      current[counters[match[1] as keyof typeof counters]] = Number(match[2]);
    }
  }
  return entries;
}

export function readSmaps(pid: Pid = 'self'): SmapsEntry[] {
  return parseSmaps(readProcFile(pid, 'smaps'));
}
