import { hex } from '../../heap/index.js';
import type { LabState, PageSpan } from '../../session/index.js';
import { GRID_COLUMNS as GRID_LABEL_WIDTH } from '../layout/layout.js';
import { type Line, lineLength, seg, type Segment, type Tone } from './line.js';
import { type Cell, pageRows, type PageView, pageView, RAW_BLOCKS } from './page-view.js';

const GRID_WIDTH = RAW_BLOCKS;
export const GRID_COLUMNS = GRID_WIDTH + 2;

/** The tone of a chunk: eight colours by id, repeating; the glyph alone already tells chunks apart. */
export function chunkTone(id: number): Tone {
  return `chunk${(id - 1) % 8}` as Tone;
}

function cellLook(cell: Cell, highlightId: number | null): { text: string; tone?: Tone; inverse?: boolean } {
  switch (cell.kind) {
    case 'free': return { text: '.', tone: 'muted' };
    case 'used': return { text: cell.glyph, tone: chunkTone(cell.id), inverse: cell.id === highlightId };
    case 'written': return { text: '#', tone: 'written' };
    case 'untouched': return { text: '-', tone: 'muted' };
    case 'stray': return { text: '!', tone: 'bad' };
    case 'overlap': return { text: '*', tone: 'bad' };
  }
}

/** A page's cells stretched to 64 columns: a Part B page's 16 units become 4 characters each. */
function stretch(cells: readonly Cell[]): readonly Cell[] {
  if (cells.length >= GRID_WIDTH) return cells;
  const factor = Math.floor(GRID_WIDTH / cells.length);
  return cells.flatMap((cell) => Array<Cell>(factor).fill(cell));
}

/** Runs of same-looking cells: one segment each, so a 512-cell page is a few dozen segments. */
function runs(cells: readonly Cell[], highlightId: number | null): Line {
  const line: Line = [seg('  ')];
  let last: Segment | null = null;
  for (const cell of cells) {
    const look = cellLook(cell, highlightId);
    if (last && last.tone === look.tone && last.inverse === look.inverse && last.text[0] === look.text) last.text += look.text;
    else line.push((last = { text: look.text, tone: look.tone, inverse: look.inverse }));
  }
  return line;
}

/** A page's label line and its rows of cells. */
export function pageLines(page: PageView, selected: boolean, highlightId: number | null): Line[] {
  const unit = page.owner === 'raw' ? `${page.cellBytes} B blocks` : `${page.cellBytes} B units`;
  const label: Line = [
    seg(`${selected ? '>' : ' '}p${page.name} `, { bold: true, inverse: selected }),
    seg(` ${page.title}  ${hex(page.base)}  `),
    seg(page.resident === null ? 'residency not watched' : page.resident ? 'resident' : 'not resident', { tone: page.resident ? 'good' : 'muted' }),
  ];
  // The cell size is the label's least needed part: it goes where the grid is at its narrowest.
  const note = seg(`  (${unit})`, { tone: 'muted' });
  if (lineLength(label) + note.text.length <= GRID_LABEL_WIDTH) label.push(note);
  const cells = stretch(page.cells);
  const rows: Line[] = [];
  for (let start = 0; start < cells.length; start += GRID_WIDTH) rows.push(runs(cells.slice(start, start + GRID_WIDTH), highlightId));
  return [label, ...rows];
}

export interface GridWindow {
  lines: Line[];
  /** Names of the items drawn, top to bottom. */
  shown: number[];
}

/**
 * What the grid draws: items (pages of ours, a student's pages, a watched process's regions)
 * named by numbers in screen order, each a label and rows of cells. The window logic below
 * picks which items show; the source draws them, and only those.
 */
export interface GridSource {
  first(): number | null;
  last(): number | null;
  /** The next item after (1) or before (-1) one, or null past the ends. */
  step(name: number, direction: 1 | -1): number | null;
  has(name: number): boolean;
  /** Rows an item takes: its label and its rows of cells. */
  rows(name: number): number;
  /** The item's lines, built when it is on screen. */
  lines(name: number, selected: boolean, highlightId: number | null): Line[];
  /** Called once per frame with the items about to be drawn (to ask the kernel about just those). */
  prepare?(names: readonly number[]): void;
  /** What the grid says when there is nothing to draw. */
  empty(): Line[];
  /** How the line of items left out names them: "p3", "region 4". */
  nameOf(name: number): string;
  /** Told which item the screen draws as selected, before rows are counted (a source may draw it larger). */
  select?(name: number | null): void;
  /** For an item that is gone: the one that now stands for it (a mapping that grew over it); null: none. */
  resolve?(name: number): number | null;
  /** How commands name the item (a mapping's start address), when it is not a page of ours. */
  addressOf?(name: number): string | null;
  /** The line of figures under the grid, when the source has its own. */
  status?(): Line;
}

/** The pages memtui mapped for the student: raw mappings and the two heap parts. */
export function labGrid(lab: LabState): GridSource {
  const directory = lab.pages;
  return {
    first: () => directory.first(),
    last: () => directory.last(),
    step: (name, direction) => directory.step(name, direction),
    has: (name) => directory.named(name) !== undefined,
    rows: (name) => pageRows(directory.named(name)!.span, lab),
    lines: (name, selected, highlightId) => pageLines(pageView(lab, name)!, selected, highlightId),
    // Residency asked of the kernel for the pages on screen only: one mincore per mapping shown.
    prepare: (names) => {
      const ranges = new Map<PageSpan, { first: number; last: number }>();
      for (const name of names) {
        const { span, pageInSpan } = directory.named(name)!;
        const range = ranges.get(span);
        if (range) range.last = Math.max(range.last, pageInSpan);
        else ranges.set(span, { first: pageInSpan, last: pageInSpan });
      }
      for (const [span, { first, last }] of ranges) lab.refreshResidency(span, first, last - first + 1);
    },
    empty: () => [
      [seg(directory.nextName > 0 ? 'No page of ours is mapped now.' : 'No page is mapped yet.', { bold: true })],
      [seg('Press m (or type mmap) to map one, or i / init for an allocator.', { tone: 'muted' })],
    ],
    nameOf: (name) => `p${name}`,
  };
}

/**
 * The grid's lines for `height` rows: the selected item always whole, its neighbours around it
 * while they fit, and a line naming the items left out. Only the items drawn are built: a frame
 * costs what it shows, not what exists.
 */
export function gridWindow(source: GridSource, selected: number | null, height: number, highlightId: number | null): GridWindow {
  if (selected === null || !source.has(selected)) return { lines: source.empty(), shown: [] };
  // Around the selected item: items above up to half the room, then below, then above again.
  const choose = (room: number) => {
    const chosen: number[] = [selected];
    let used = source.rows(selected);
    let first = selected;
    let last = selected;
    const grow = (direction: 1 | -1, limit: number): void => {
      for (;;) {
        const next = source.step(direction > 0 ? last : first, direction);
        if (next === null) return;
        const rows = source.rows(next);
        if (used + rows > limit) return;
        used += rows;
        if (direction > 0) { chosen.push(next); last = next; } else { chosen.unshift(next); first = next; }
      }
    };
    grow(-1, Math.max(used, Math.floor((room + used) / 2)));
    grow(1, room);
    grow(-1, room);
    return { chosen, used, first, last, complete: source.step(first, -1) === null && source.step(last, 1) === null };
  };
  // Every item fits: no line is needed for the ones left out. Otherwise keep a row for it.
  let window = choose(height);
  if (!window.complete) window = choose(height - 1);
  const { chosen, used, first, last } = window;
  source.prepare?.(chosen);
  const lines: Line[] = [];
  for (const name of chosen) lines.push(...source.lines(name, name === selected, highlightId));
  const before = source.step(first, -1);
  const after = source.step(last, 1);
  if (before !== null || after !== null) {
    const range = (from: number, to: number) => (from === to ? source.nameOf(from) : `${source.nameOf(from)}..${source.nameOf(to)}`);
    const parts: string[] = [];
    if (before !== null) parts.push(`${range(source.first()!, before)} above`);
    if (after !== null) parts.push(`${range(after, source.last()!)} below`);
    lines.push([seg(`  ${parts.join(', ')} - arrows select`, { tone: 'muted' })]);
  }
  return { lines: lines.slice(0, Math.max(height, used)), shown: chosen };
}
