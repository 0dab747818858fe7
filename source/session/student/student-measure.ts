import { classifyRegion, entrySize, type MapsEntry, readMaps, readStat, readStatus, runPs } from '../../proc/index.js';
import { kib, plural } from '../../result/index.js';
import type { CommandContext } from '../command/command-spec.js';
import type { Outcome } from '../outcome.js';
import type { LoadedAllocator } from './loaded-allocator.js';

// stat, ps and maps while a student's allocator is loaded: the same questions, asked of the
// driver process their code runs in, with their pages named.

function since(now: number, mark: number | undefined): string {
  return mark === undefined ? '' : ` (${kib(now - mark, { signed: true })} since mark)`;
}

export function studentStat(loaded: LoadedAllocator, { mark }: CommandContext): Outcome {
  const status = readStatus(loaded.pid);
  const stat = readStat(loaded.pid);
  const ours = loaded.ours();
  const vsz = status.vmSizeKiB * 1024;
  const rss = status.vmRssKiB * 1024;
  const pages = ours.mappedBytes / 4096;
  return {
    ok: true,
    message: `VSZ ${kib(vsz)}${since(vsz, mark?.vszBytes)}, RSS ${kib(rss)}${since(rss, mark?.rssBytes)} of the process running ${loaded.name} (PID ${loaded.pid}); `
      + `ours: ${plural(pages, 'page')} your code mapped (${kib(ours.mappedBytes)}), ${(ours.residentBytes / 4096).toLocaleString('en-US')} resident (${kib(ours.residentBytes)})`,
    details: [
      `/proc/${loaded.pid}/stat   vsize ${stat.vsizeBytes} B (field 23), rss ${stat.rssPages} pages (field 24), minor faults ${stat.minorFaults}`,
      `/proc/${loaded.pid}/status VmSize ${status.vmSizeKiB} kB, VmRSS ${status.vmRssKiB} kB = RssAnon ${status.rssAnonKiB} + RssFile ${status.rssFileKiB} + RssShmem ${status.rssShmemKiB} kB`,
      `the rest is memtui's small driver: its code, libc, your library's code, a stack, and its copies of the bytes it expects in your pages (${kib(rss - ours.residentBytes)})`,
      'the driver allocates nothing after it starts: VSZ moves by exactly 4 KiB for each page your code maps',
    ],
    effect: { kind: 'stat' },
  };
}

export async function studentPs(loaded: LoadedAllocator): Promise<Outcome> {
  const reading = await runPs(loaded.pid);
  return {
    ok: true,
    message: `ps says VSZ ${reading.vszKiB.toLocaleString('en-US')} KiB, RSS ${reading.rssKiB.toLocaleString('en-US')} KiB for the process running ${loaded.name} (its own words below)`,
    details: [`$ ${reading.command}`, reading.raw],
    effect: { kind: 'ps', vszKiB: reading.vszKiB, rssKiB: reading.rssKiB },
  };
}

/** Which of theirs a maps line holds: "p0, p1", "your library's code". */
function ownerOf(loaded: LoadedAllocator, entry: MapsEntry): string {
  const pages = loaded.layout.pages.filter((page) => page.base >= entry.start && page.base < entry.end).map((page) => `p${page.order}`);
  if (pages.length > 0) return `your pages ${pages.length > 6 ? `${pages.slice(0, 6).join(', ')} and ${pages.length - 6} more` : pages.join(', ')}`;
  if (entry.path === loaded.allocator.library) return `your code (${loaded.name}, as memtui built it)`;
  return '';
}

export function studentMaps(loaded: LoadedAllocator, all: boolean): Outcome {
  const entries = readMaps(loaded.pid);
  const owners = entries.map((entry) => ownerOf(loaded, entry));
  const marked = owners.flatMap((owner, index) => (owner === '' ? [] : [index]));
  const near = new Set<number>();
  for (const index of marked) for (const neighbour of [index - 1, index, index + 1]) if (entries[neighbour]) near.add(neighbour);
  const shown = all ? entries.map((_, index) => index) : [...near].sort((a, b) => a - b);
  const details = shown.map((index) => {
    const entry = entries[index]!;
    const owner = owners[index]!;
    const range = `${entry.start.toString(16)}-${entry.end.toString(16)}`;
    return `${owner.startsWith('your pages') ? '>>' : '  '} ${range} ${entry.perms} ${kib(entrySize(entry)).padStart(11)}  ${classifyRegion(entry).padEnd(9)} ${entry.path}${owner === '' ? '' : `   <- ${owner}`}`;
  });
  if (!all) details.push(`(${entries.length} lines in all; maps all lists every one)`);
  const pages = loaded.layout.pages.length;
  return {
    ok: true,
    message: `/proc/${loaded.pid}/maps (the process running ${loaded.name}): ${entries.length} lines; ${pages === 0 ? 'your code has mapped no page yet' : `your ${plural(pages, 'page')} marked >> (the kernel may merge a page into a neighbouring line)`}`,
    details,
    effect: { kind: 'maps', oursShown: marked.filter((index) => owners[index]!.startsWith('your pages')).length },
  };
}
