import { hex } from '../heap/index.js';
import type { Cell, PageView } from '../session/index.js';
import { cellColor, cellGlyph } from './glyphs.js';

/** A run of same-looking characters: one <Text> each, so a 512-cell page is a few dozen nodes. */
export interface Segment {
  text: string;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
}

export type Line = Segment[];

const GRID_WIDTH = 64;

/** A page's cells stretched to 64 columns: a Part B page's 16 units become 4 characters each. */
function stretch(cells: Cell[]): Cell[] {
  if (cells.length >= GRID_WIDTH) return cells;
  const factor = Math.floor(GRID_WIDTH / cells.length);
  return cells.flatMap((cell) => Array<Cell>(factor).fill(cell));
}

function runs(cells: Cell[], highlightId: number | null): Line {
  const line: Line = [];
  for (const cell of cells) {
    const text = cellGlyph(cell);
    const color = cellColor(cell);
    const inverse = cell.kind === 'used' && cell.id === highlightId;
    const last = line[line.length - 1];
    if (last && last.color === color && last.text[0] === text && (last.inverse ?? false) === inverse) last.text += text;
    else line.push({ text, color, inverse });
  }
  return line;
}

/** A page's label line and its rows of cells; the chunk `highlightId` is drawn inverted. */
export function pageLines(page: PageView, selected: boolean, highlightId: number | null = null): Line[] {
  const residency = page.resident ? 'resident' : 'not resident';
  const unit = page.owner === 'raw' ? `${page.cellBytes} B blocks` : `${page.cellBytes} B units`;
  const label: Line = [
    { text: `${selected ? '>' : ' '}p${page.index} `, bold: true, inverse: selected },
    { text: ` ${page.title}  ${hex(page.base)}  ` },
    { text: residency, color: page.resident ? 'green' : 'gray' },
    { text: `  (${unit})`, color: 'gray' },
  ];
  const cells = stretch(page.cells);
  const rows: Line[] = [];
  for (let start = 0; start < cells.length; start += GRID_WIDTH) {
    rows.push([{ text: '  ' }, ...runs(cells.slice(start, start + GRID_WIDTH), highlightId)]);
  }
  return [label, ...rows];
}

/** Rows the whole grid takes (each page's label and rows of cells), without drawing it. */
export function gridRowsNeeded(pages: PageView[]): number {
  if (pages.length === 0) return 2;
  return pages.reduce((rows, page) => rows + 1 + Math.ceil(Math.max(page.cells.length, GRID_WIDTH) / GRID_WIDTH), 0);
}

/**
 * The grid's lines for a window of `height` rows, scrolled so the selected page shows. Returns
 * how many pages lie above and below the window, for the "more" markers.
 */
export function gridLines(pages: PageView[], selected: number, height: number, highlightId: number | null = null): { lines: Line[]; above: number; below: number } {
  if (pages.length === 0) {
    return {
      lines: [[{ text: 'No page is mapped yet.', bold: true }], [{ text: 'Press m (or type mmap) to map one, or i / init for an allocator.', color: 'gray' }]],
      above: 0, below: 0,
    };
  }
  const blocks = pages.map((page) => pageLines(page, page.index === selected, highlightId));
  let first = 0;
  // Scroll: start from the selected page and add pages above while they fit.
  const room = Math.max(1, height - 1);
  const selectedIndex = Math.max(0, pages.findIndex((page) => page.index === selected));
  let used = blocks[selectedIndex]!.length;
  first = selectedIndex;
  while (first > 0 && used + blocks[first - 1]!.length <= room) {
    first -= 1;
    used += blocks[first]!.length;
  }
  const lines: Line[] = [];
  let fullyShown = first - 1;
  for (let index = first; index < blocks.length && lines.length < room; index += 1) {
    // The last page may be clipped: a partly shown page beats empty rows.
    const block = blocks[index]!;
    const space = room - lines.length;
    lines.push(...block.slice(0, space));
    if (block.length <= space) fullyShown = index;
  }
  const above = first;
  const below = pages.length - 1 - fullyShown;
  if (above > 0 || below > 0) {
    lines.push([{ text: `  ${above > 0 ? `${above} page(s) above` : ''}${above > 0 && below > 0 ? ', ' : ''}${below > 0 ? `${below} page(s) below or cut` : ''} - arrows select pages`, color: 'gray' }]);
  }
  return { lines: lines.slice(0, height), above, below };
}
