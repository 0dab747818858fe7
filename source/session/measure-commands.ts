import {
  classifyRegion, entrySize, formatKiB, type MapsEntry, readMaps, readStat, readStatus, runPsSync, type Sample,
} from '../proc/index.js';
import type { Command } from './command.js';
import { kib, type Outcome, plural } from './outcome.js';
import type { SessionState } from './session-state.js';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

function since(now: number, mark: number | undefined): string {
  return mark === undefined ? '' : ` (${formatKiB(now - mark, true)} since mark)`;
}

export function stat(state: SessionState, ours: { mappedBytes: number; residentBytes: number }, mark: Sample | null): Outcome {
  const status = readStatus();
  const procStat = readStat();
  // The summary comes from one read of status (what ps shows); stat's own fields are listed below it.
  const vsz = status.vmSizeKiB * 1024;
  const rss = status.vmRssKiB * 1024;
  const mappedPages = ours.mappedBytes / state.pageSize;
  const residentPages = ours.residentBytes / state.pageSize;
  return {
    ok: true,
    message: `VSZ ${kib(vsz)}${since(vsz, mark?.vszBytes)}, RSS ${kib(rss)}${since(rss, mark?.rssBytes)}; `
      + `ours: ${plural(mappedPages, 'page')} mapped (${kib(ours.mappedBytes)}), ${residentPages} resident (${kib(ours.residentBytes)})`,
    details: [
      `/proc/self/stat   vsize ${procStat.vsizeBytes} B (field 23), rss ${procStat.rssPages} pages (field 24, summed lazily: may trail VmRSS), minor faults ${procStat.minorFaults}`,
      `/proc/self/status VmSize ${status.vmSizeKiB} kB, VmRSS ${status.vmRssKiB} kB = RssAnon ${status.rssAnonKiB} + RssFile ${status.rssFileKiB} + RssShmem ${status.rssShmemKiB} kB`,
      `                  VmData ${status.vmDataKiB} kB, VmStk ${status.vmStkKiB} kB, VmExe ${status.vmExeKiB} kB, VmLib ${status.vmLibKiB} kB`,
      `the rest of RSS is the runtime: node's code, V8's heap, libraries, stacks (${kib(rss - ours.residentBytes)})`,
    ],
    effect: { kind: 'stat' },
  };
}

export function ps(): Outcome {
  const reading = runPsSync(process.pid);
  return {
    ok: true,
    message: `ps says VSZ ${reading.vszKiB} KiB, RSS ${reading.rssKiB} KiB (its own words below)`,
    details: [`$ ${reading.command}`, reading.raw],
    effect: { kind: 'ps', vszKiB: reading.vszKiB, rssKiB: reading.rssKiB },
  };
}

function ownerOf(state: SessionState, entry: MapsEntry): string {
  const owners: string[] = [];
  for (const [id, mapping] of state.raw) if (mapping.base < entry.end && mapping.end > entry.start) owners.push(`#${id}`);
  for (const part of ['a', 'b'] as const) {
    const heap = state.heap(part);
    if (!heap) continue;
    const pages = heap.pageInfo().filter((page) => page.base >= entry.start && page.base < entry.end);
    if (pages.length > 0) owners.push(`Part ${part.toUpperCase()} ${plural(pages.length, 'page')}`);
  }
  return owners.join(', ');
}

function mapsLine(entry: MapsEntry, owner: string): string {
  const range = `${entry.start.toString(16)}-${entry.end.toString(16)}`;
  const marker = owner === '' ? '  ' : '>>';
  return `${marker} ${range} ${entry.perms} ${kib(entrySize(entry)).padStart(11)}  ${classifyRegion(entry).padEnd(9)} ${entry.path}${owner === '' ? '' : `   <- ours: ${owner}`}`;
}

export function maps(state: SessionState, command: Of<'maps'>): Outcome {
  const entries = readMaps();
  const owners = entries.map((entry) => ownerOf(state, entry));
  const oursIndexes = owners.flatMap((owner, index) => (owner === '' ? [] : [index]));
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(classifyRegion(entry), (counts.get(classifyRegion(entry)) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  let shown: number[];
  if (command.all) shown = entries.map((_, index) => index);
  else {
    const near = new Set<number>();
    for (const index of oursIndexes) for (const neighbour of [index - 1, index, index + 1]) if (entries[neighbour]) near.add(neighbour);
    shown = [...near].sort((a, b) => a - b);
  }
  const details = shown.map((index) => mapsLine(entries[index]!, owners[index]!));
  if (!command.all) details.push(`(${entries.length} lines in all: ${summary}; maps all lists every one)`);
  const oursText = oursIndexes.length === 0
    ? 'none of them holds a page of ours yet (try mmap)'
    : `${plural(oursIndexes.length, 'line')} ${oursIndexes.length === 1 ? 'holds' : 'hold'} our pages (marked >>; the kernel may merge our page with a neighbour of the same permissions)`;
  return { ok: true, message: `/proc/self/maps: ${entries.length} lines; ${oursText}`, details, effect: { kind: 'maps', oursShown: oursIndexes.length } };
}
