import { hex } from '../../heap/index.js';
import type { LabState } from '../../session/index.js';
import { type Line, seg, type Segment, type Tone } from './line.js';
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
    seg(page.resident ? 'resident' : 'not resident', { tone: page.resident ? 'good' : 'muted' }),
    seg(`  (${unit})`, { tone: 'muted' }),
  ];
  const cells = stretch(page.cells);
  const rows: Line[] = [];
  for (let start = 0; start < cells.length; start += GRID_WIDTH) rows.push(runs(cells.slice(start, start + GRID_WIDTH), highlightId));
  return [label, ...rows];
}

export interface GridWindow {
  lines: Line[];
  /** Names of the pages drawn, top to bottom. */
  shown: number[];
}

/**
 * The grid's lines for `height` rows: the selected page always whole, its neighbours around it
 * while they fit, and a line naming the pages left out. Only the pages drawn are built (their
 * residency asked of the kernel then): a frame costs what it shows, not what is mapped.
 */
export function gridWindow(lab: LabState, selected: number | null, height: number, highlightId: number | null): GridWindow {
  const directory = lab.pages;
  if (directory.mappedPages === 0 || selected === null) {
    const now = directory.nextName > 0 ? 'No page of ours is mapped now.' : 'No page is mapped yet.';
    return { lines: [[seg(now, { bold: true })], [seg('Press m (or type mmap) to map one, or i / init for an allocator.', { tone: 'muted' })]], shown: [] };
  }
  const rowsOf = (name: number) => pageRows(directory.named(name)!.span, lab);
  // Around the selected page: pages above up to half the room, then below, then above again.
  const choose = (room: number) => {
    const chosen: number[] = [selected];
    let used = rowsOf(selected);
    let first = selected;
    let last = selected;
    const grow = (direction: 1 | -1, limit: number): void => {
      for (;;) {
        const next = directory.step(direction > 0 ? last : first, direction);
        if (next === null) return;
        const rows = rowsOf(next);
        if (used + rows > limit) return;
        used += rows;
        if (direction > 0) { chosen.push(next); last = next; } else { chosen.unshift(next); first = next; }
      }
    };
    grow(-1, Math.max(used, Math.floor((room + used) / 2)));
    grow(1, room);
    grow(-1, room);
    return { chosen, used, first, last, complete: directory.step(first, -1) === null && directory.step(last, 1) === null };
  };
  // Every page fits: no line is needed for the ones left out. Otherwise keep a row for it.
  let window = choose(height);
  if (!window.complete) window = choose(height - 1);
  const { chosen, used, first, last } = window;
  const lines: Line[] = [];
  for (const span of new Set(chosen.map((name) => directory.named(name)!.span))) lab.refreshResidency(span);
  for (const name of chosen) lines.push(...pageLines(pageView(lab, name)!, name === selected, highlightId));
  const before = directory.step(first, -1);
  const after = directory.step(last, 1);
  if (before !== null || after !== null) {
    const parts: string[] = [];
    if (before !== null) parts.push(`${directory.first() === before ? `p${before}` : `p${directory.first()}..p${before}`} above`);
    if (after !== null) parts.push(`${directory.last() === after ? `p${after}` : `p${after}..p${directory.last()}`} below`);
    lines.push([seg(`  ${parts.join(', ')} - arrows select pages`, { tone: 'muted' })]);
  }
  return { lines: lines.slice(0, Math.max(height, used)), shown: chosen };
}
