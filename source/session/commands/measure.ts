import {
  classifyRegion, entrySize, type MapsEntry, type ProcStat, type ProcStatus, readMaps, readStat, readStatus, runPsSync,
} from '../../proc/index.js';
import { kib, plural, type Sample } from '../../result/index.js';
import { choiceParam } from '../command/param.js';
import { defineCommand } from '../command/command-spec.js';
import type { LabState } from '../lab/lab-state.js';
import type { Outcome } from '../outcome.js';

function since(now: number, mark: number | undefined): string {
  return mark === undefined ? '' : ` (${kib(now - mark, { signed: true })} since mark)`;
}

/**
 * stat and status read at one moment: the runtime maps memory at any instant, so the two files
 * are read again until stat's vsize (before and after) agrees with status's VmSize, at most three
 * times; the gap that is left, if any, is said.
 */
function readTogether(): { stat: ProcStat; status: ProcStatus; gapBytes: number } {
  let last: { stat: ProcStat; status: ProcStatus; gapBytes: number } | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stat = readStat();
    const status = readStatus();
    const again = readStat();
    const gapBytes = stat.vsizeBytes - status.vmSizeKiB * 1024;
    last = { stat, status, gapBytes };
    if (gapBytes === 0 && again.vsizeBytes === stat.vsizeBytes) return last;
  }
  return last!;
}

export const stat = defineCommand({
  name: 'stat', group: 'measure',
  summary: 'VSZ and RSS from /proc/self, and which part of them is ours',
  detail: 'Reads /proc/self/stat and /proc/self/status at one moment; ours = pages we mapped, and those resident by mincore.',
  example: 'stat',
  params: [],
  keys: [{ key: 's', label: 'stat: VSZ, RSS, ours', line: () => 'stat' }],
  run({ lab, mark }): Outcome {
    const { stat: procStat, status, gapBytes } = readTogether();
    const ours = lab.footprint();
    // The summary comes from status (what ps shows); stat's own fields are listed below it.
    const vsz = status.vmSizeKiB * 1024;
    const rss = status.vmRssKiB * 1024;
    const gap = gapBytes === 0 ? '' : `; it differs from VmSize by ${kib(gapBytes, { signed: true })}: the runtime mapped memory between the two reads`;
    return {
      ok: true,
      message: `VSZ ${kib(vsz)}${since(vsz, mark?.vszBytes)}, RSS ${kib(rss)}${since(rss, mark?.rssBytes)}; `
        + `ours: ${plural(ours.mappedBytes / lab.pageSize, 'page')} mapped (${kib(ours.mappedBytes)}), ${(ours.residentBytes / lab.pageSize).toLocaleString('en-US')} resident (${kib(ours.residentBytes)})`,
      details: [
        `/proc/self/stat   vsize ${procStat.vsizeBytes} B (field 23${gap}), rss ${procStat.rssPages} pages (field 24, summed lazily: may trail VmRSS), minor faults ${procStat.minorFaults}`,
        `/proc/self/status VmSize ${status.vmSizeKiB} kB, VmRSS ${status.vmRssKiB} kB = RssAnon ${status.rssAnonKiB} + RssFile ${status.rssFileKiB} + RssShmem ${status.rssShmemKiB} kB`,
        `                  VmData ${status.vmDataKiB} kB, VmStk ${status.vmStkKiB} kB, VmExe ${status.vmExeKiB} kB, VmLib ${status.vmLibKiB} kB`,
        `the rest of RSS is the runtime: node's code, V8's heap, libraries, stacks (${kib(rss - ours.residentBytes)})`,
      ],
      effect: { kind: 'stat' },
    };
  },
});

export const ps = defineCommand({
  name: 'ps', group: 'measure',
  summary: 'run the real `ps -o vsz=,rss= -p PID` on this process and show what it printed',
  detail: 'ps reads the same kernel counters: VSZ and RSS in KiB.',
  example: 'ps',
  params: [],
  keys: [{ key: 'p', label: 'ps on this process', line: () => 'ps' }],
  run(): Outcome {
    const reading = runPsSync(process.pid);
    return {
      ok: true,
      message: `ps says VSZ ${reading.vszKiB.toLocaleString('en-US')} KiB, RSS ${reading.rssKiB.toLocaleString('en-US')} KiB (its own words below)`,
      details: [`$ ${reading.command}`, reading.raw],
      effect: { kind: 'ps', vszKiB: reading.vszKiB, rssKiB: reading.rssKiB },
    };
  },
});

/** Which of ours a line of maps holds: "#3", "Part B 2 pages" (found by address, not by a walk of all our pages). */
function ownerOf(lab: LabState, entry: MapsEntry): string {
  const raw: string[] = [];
  const heapPages = { a: 0, b: 0 };
  for (const span of lab.pages.overlapping(entry.start, entry.end)) {
    if (span.owner.kind === 'raw') raw.push(`#${span.owner.id}`);
    else heapPages[span.owner.part] += 1;
  }
  const owners = raw.length > 4 ? [`${raw.slice(0, 4).join(', ')} and ${raw.length - 4} more`] : raw;
  for (const part of ['a', 'b'] as const) if (heapPages[part] > 0) owners.push(`Part ${part.toUpperCase()} ${plural(heapPages[part], 'page')}`);
  return owners.join(', ');
}

function mapsLine(entry: MapsEntry, owner: string): string {
  const range = `${entry.start.toString(16)}-${entry.end.toString(16)}`;
  const marker = owner === '' ? '  ' : '>>';
  return `${marker} ${range} ${entry.perms} ${kib(entrySize(entry)).padStart(11)}  ${classifyRegion(entry).padEnd(9)} ${entry.path}${owner === '' ? '' : `   <- ours: ${owner}`}`;
}

export const maps = defineCommand({
  name: 'maps', group: 'measure',
  summary: "this process's /proc/self/maps, our mappings marked",
  detail: 'By default the lines that hold our pages, with their neighbours and a count of each kind of region; `maps all` lists every line.',
  example: 'maps',
  params: [choiceParam('which', ['all'] as const, { fallback: null, isNot: 'an option of maps (the only one is all)' })],
  keys: [{ key: 'M', label: 'maps: its regions', line: () => 'maps' }],
  run({ lab }, { which }): Outcome {
    const all = which === 'all';
    const entries = readMaps();
    const owners = entries.map((entry) => ownerOf(lab, entry));
    const oursIndexes = owners.flatMap((owner, index) => (owner === '' ? [] : [index]));
    const counts = new Map<string, number>();
    for (const entry of entries) counts.set(classifyRegion(entry), (counts.get(classifyRegion(entry)) ?? 0) + 1);
    const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
    let shown: number[];
    if (all) shown = entries.map((_, index) => index);
    else {
      const near = new Set<number>();
      for (const index of oursIndexes) for (const neighbour of [index - 1, index, index + 1]) if (entries[neighbour]) near.add(neighbour);
      shown = [...near].sort((a, b) => a - b);
    }
    const details = shown.map((index) => mapsLine(entries[index]!, owners[index]!));
    if (!all) details.push(`(${entries.length} lines in all: ${summary}; maps all lists every one)`);
    const oursText = oursIndexes.length === 0
      ? 'none of them holds a page of ours yet (try mmap)'
      : `${plural(oursIndexes.length, 'line')} ${oursIndexes.length === 1 ? 'holds' : 'hold'} our pages (marked >>; the kernel may merge our page with a neighbour of the same permissions)`;
    return { ok: true, message: `/proc/self/maps: ${entries.length} lines; ${oursText}`, details, effect: { kind: 'maps', oursShown: oursIndexes.length } };
  },
});

export const mark = defineCommand({
  name: 'mark', group: 'measure',
  summary: 'take the current VSZ and RSS as the baseline for the deltas in the header',
  detail: 'The header shows each figure with its change since the last mark.',
  example: 'mark',
  params: [],
  keys: [{ key: 'k', label: 'mark a baseline', line: () => 'mark' }],
  run({ sampleNow, setMark }): Outcome {
    const now: Sample = sampleNow();
    setMark(now);
    return { ok: true, message: 'mark: the header now shows VSZ and RSS as changes from here', effect: { kind: 'mark' } };
  },
});
