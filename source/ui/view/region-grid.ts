import { kib, plural } from '../../result/index.js';
import {
  PAGE_PRESENT, PAGE_SWAPPED, PAGES_READ_LIMIT_BYTES, pageChanged, pageState, type RegionChange, type RegionPages, type TargetRegion, type WatchedProcess,
} from '../../session/index.js';
import type { GridSource } from './grid-view.js';
import { GRID_COLUMNS } from '../layout/layout.js';
import { type Line, seg, type Segment, type Tone } from './line.js';
import { wrapWords } from './wrap.js';

/** Cells a row, as the grid of memtui's own pages. */
const ROW_CELLS = 64;
/** At most four rows of cells: a larger mapping is drawn several pages to a cell. */
export const MAX_CELLS = 4 * ROW_CELLS;
/** Rows of the selected mapping besides its cells: its label, its counts, its note (or the legend). */
const SELECTED_EXTRA_ROWS = 3;

const secondsAgo = (at: number | null, now: number): string => (at === null ? '' : ` ${Math.max(0, Math.round((now - at) / 1000))} s ago`);

/** What a mapping holds, in a word: the file's name, [heap], [stack], or anonymous. */
function holder(region: TargetRegion): string {
  if (region.path === '') return 'anonymous';
  if (region.path.startsWith('[')) return region.path;
  return region.path.slice(region.path.lastIndexOf('/') + 1);
}

function changeText(change: RegionChange): string {
  return change.kind === 'new' ? 'new' : change.bytes === 0 ? 'changed' : kib(change.bytes, { signed: true });
}

/** Pages a cell stands for: one, or as many as keep a large mapping within MAX_CELLS. */
export function pagesPerCell(pages: number): number {
  return pages <= MAX_CELLS ? 1 : Math.ceil(pages / MAX_CELLS);
}

/** Rows of cells for a mapping of `pages` pages. */
export function cellRows(pages: number): number {
  return Math.ceil(Math.ceil(pages / pagesPerCell(pages)) / ROW_CELLS);
}

interface CellLook {
  glyph: string;
  tone: Tone;
  changed: boolean;
}

/**
 * One cell: `#` present, `.` not present, `s` swapped; for a cell of several pages `+` when some
 * are present. A cell whose pages changed at the last change is drawn inverse.
 */
function cellLook(states: Uint8Array, from: number, to: number): CellLook {
  let present = 0;
  let swapped = 0;
  let changed = false;
  for (let page = from; page < to; page += 1) {
    const state = pageState(states, page);
    if (state === PAGE_PRESENT) present += 1;
    else if (state === PAGE_SWAPPED) swapped += 1;
    if (pageChanged(states, page)) changed = true;
  }
  const count = to - from;
  if (present === count) return { glyph: '#', tone: 'good', changed };
  if (present > 0) return { glyph: '+', tone: 'good', changed };
  if (swapped > 0) return { glyph: 's', tone: 'warn', changed };
  return { glyph: '.', tone: 'muted', changed };
}

/** Cells made once per reading: a frame redrawn within the second (a key, the program's output) reuses them. */
const cellsOfReading = new WeakMap<Uint8Array, Line[]>();

/** The rows of cells of a reading: runs of same-looking cells, one segment each. Made once per reading. */
export function cellLines(states: Uint8Array): Line[] {
  let lines = cellsOfReading.get(states);
  if (!lines) cellsOfReading.set(states, (lines = makeCellLines(states)));
  return lines;
}

function makeCellLines(states: Uint8Array): Line[] {
  const perCell = pagesPerCell(states.length);
  const cells = Math.ceil(states.length / perCell);
  const lines: Line[] = [];
  for (let row = 0; row * ROW_CELLS < cells; row += 1) {
    const line: Line = [seg('  ')];
    let last: Segment | null = null;
    for (let cell = row * ROW_CELLS; cell < Math.min(cells, (row + 1) * ROW_CELLS); cell += 1) {
      const look = cellLook(states, cell * perCell, Math.min(states.length, (cell + 1) * perCell));
      const tone: Tone = look.changed ? 'warn' : look.tone;
      if (last && last.tone === tone && last.inverse === look.changed && last.text[0] === look.glyph) last.text += look.glyph;
      else line.push((last = { text: look.glyph, tone, inverse: look.changed }));
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The one line that says where "present" does not mean "touched" (short enough for the grid's
 * 64 cells), or the legend when nothing needs saying; `pages <address>` says it in full.
 */
function noteLine(pages: RegionPages & { kind: 'pages' }, region: TargetRegion): Line {
  const { reading } = pages;
  const perCell = pagesPerCell(region.pages);
  // smaps AnonHugePages: a transparent huge page is mapped whole (2 MiB, 512 pages) on one touch.
  if (reading.hugePagesBytes !== null && reading.hugePagesBytes > 0) {
    return [seg('  THP: one touch maps 2 MiB (512 pages): present is not touched', { tone: 'warn' })];
  }
  // Read-ahead and fault-around bring a file's pages in before they are used.
  if (region.path.startsWith('/') && reading.present > 0) return [seg('  a file\'s pages come ahead of use: present is not touched', { tone: 'warn' })];
  // pagemap's "exclusively mapped" bit off: the shared zero page after a read, or pages shared after fork.
  if (reading.presentShared > 0) {
    return [seg(`  ${plural(reading.presentShared, 'present page')} shared (zero page, fork): not its own RSS`, { tone: 'warn' })];
  }
  const some = perCell > 1 ? `  + some (a cell: ${perCell.toLocaleString('en-US')} pages)` : '';
  return [seg(`  # present  . not present  s swapped${some}  inverse: changed`, { tone: 'muted' })];
}

/** The counts under the selected mapping's label. */
function countsLine(pages: RegionPages, now: number): Line {
  if (pages.kind === 'too-large') return [seg(`  ${pages.message.slice(0, pages.message.indexOf(' (its RSS'))}`, { tone: 'muted' })];
  if (pages.kind === 'problem') return [seg(`  ${pages.problem.message}`, { tone: 'bad' })];
  const { reading, changedAt } = pages;
  const changed = changedAt === null ? '' : `; ${reading.changed.toLocaleString('en-US')} changed${secondsAgo(changedAt, now)} (marked)`;
  return [seg(`  ${plural(reading.pages, 'page')}: ${reading.present.toLocaleString('en-US')} present, `
    + `${reading.swapped.toLocaleString('en-US')} swapped, ${reading.absent.toLocaleString('en-US')} not present${changed}`)];
}

/**
 * A watched process's mappings as the grid's items, in address order: each a label (range,
 * permissions, size, RSS from smaps, what it holds, whether it changed), and the selected one
 * also its pages from pagemap. Items are named by the page number of their start, so a name
 * stays with its mapping while other mappings come and go. Built for one frame: maps is read
 * (at most once a second) when it is made; pagemap only for the selected mapping, in `prepare`,
 * when it is drawn.
 */
export function regionGrid(watched: WatchedProcess, pageBytes: number): GridSource {
  const view = watched.regions();
  const regions = view.ok ? view.regions : [];
  const names = regions.map((region) => Number(BigInt(region.start) / BigInt(pageBytes)));
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const now = Date.now();
  let selected: number | null = null;
  let pages: RegionPages | null = null;
  const region = (name: number) => regions[indexOf.get(name)!]!;
  /** The index of the first mapping starting at or above page `name`. */
  const above = (name: number): number => {
    let low = 0;
    let high = names.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (names[middle]! < name) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const readPages = (name: number): RegionPages => (pages ??= watched.pagesOf(region(name)));

  const label = (name: number, isSelected: boolean): Line => {
    const index = indexOf.get(name)!;
    const item = regions[index]!;
    const change = view.ok ? view.changes.get(item.start) : undefined;
    // 49 columns before what it holds, so that a label and its marks fit the grid's 66; when it
    // changed is said once, in the line under the grid.
    const line: Line = [
      seg(`${isSelected ? '>' : ' '}m${index + 1}`.padEnd(5), { bold: true, inverse: isSelected }),
      seg(`${item.start.padEnd(14)} ${item.perms} ${kib(item.sizeBytes).padStart(9)} RSS ${kib(item.rssBytes).padStart(9)} `),
      seg(holder(item), { tone: item.kind === 'anonymous' || item.kind === 'heap' || item.kind === 'stack' ? undefined : 'muted' }),
    ];
    if (item.anonHugePagesBytes > 0) line.push(seg(' THP', { tone: 'warn' }));
    if (change) line.push(seg(` ${changeText(change)}`, { tone: 'warn', bold: true }));
    return line;
  };

  return {
    first: () => names[0] ?? null,
    last: () => names.at(-1) ?? null,
    step: (name, direction) => {
      const index = indexOf.get(name) ?? (direction > 0 ? above(name) - 1 : above(name));
      return names[index + direction] ?? null;
    },
    has: (name) => indexOf.has(name),
    resolve: (name) => {
      // The mapping that holds the page where the selected one began (it grew, or merged).
      const index = above(name + 1) - 1;
      const candidate = regions[index];
      return candidate && name < names[index]! + candidate.pages ? names[index]! : null;
    },
    select: (name) => {
      if (name !== selected) pages = null;
      selected = name;
    },
    rows: (name) => {
      if (name !== selected) return 1;
      const item = region(name);
      return SELECTED_EXTRA_ROWS + (item.sizeBytes > PAGES_READ_LIMIT_BYTES ? 0 : cellRows(item.pages));
    },
    prepare: (shown) => {
      if (selected !== null && shown.includes(selected)) readPages(selected);
    },
    lines: (name, isSelected) => {
      if (!isSelected) return [label(name, false)];
      const reading = readPages(name);
      const item = region(name);
      const lines: Line[] = [label(name, true), countsLine(reading, now)];
      if (reading.kind === 'pages') lines.push(...cellLines(reading.reading.states), noteLine(reading, item));
      else if (reading.kind === 'problem') lines.push(...Array.from({ length: cellRows(item.pages) }, () => []), []);
      else lines.push([seg('  (v counts its pages once: pages reads its pagemap, 8 bytes a page)', { tone: 'muted' })]);
      return lines;
    },
    empty: () => (view.ok
      ? [[seg('No mappings: the process has no user memory.', { bold: true })]]
      // Wrapped at the grid's narrowest: the message ends with what to do.
      : [...wrapWords(view.problem.message, GRID_COLUMNS).map((text) => [seg(text, { tone: 'bad', bold: true })]), [seg('What was measured stays in the log; q quits.', { tone: 'muted' })]]),
    nameOf: (name) => `m${(indexOf.get(name) ?? 0) + 1}`,
    addressOf: (name) => regions[indexOf.get(name) ?? -1]?.start ?? null,
    status: () => {
      if (!view.ok) return [seg(`PID ${watched.pid}: ${view.problem.kind === 'pid-reused' ? 'PID reused' : 'ended'}`, { tone: 'bad' })];
      // Which mappings changed at the last change, by name: where to look after an mmap.
      const changed = [...view.changes].slice(0, 3)
        .map(([start, change]) => `m${regions.findIndex((item) => item.start === start) + 1} ${changeText(change)}`);
      const more = view.changes.size > 3 ? ` and ${view.changes.size - 3} more` : '';
      const said = changed.length === 0 ? '' : `; changed${secondsAgo(view.changedAt, now)}: ${changed.join(', ')}${more}`;
      return [seg(`${plural(regions.length, 'mapping')}${said}; all read every second`, { tone: 'muted' })];
    },
  };
}
