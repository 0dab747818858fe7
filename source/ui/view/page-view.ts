import type { ChunkInfo } from '../../heap/index.js';
import type { HeapPart } from '../../result/index.js';
import type { LabState, PageSpan } from '../../session/index.js';

/** One cell of a page's grid: a unit of a heap page, or a block of a raw page. */
export type Cell =
  | { kind: 'free' }
  | { kind: 'used'; id: number; glyph: string }
  | { kind: 'written' }
  | { kind: 'untouched' }
  /** Free space a student's code wrote into (bookkeeping in the page, which the lab forbids). */
  | { kind: 'stray' }
  /** A unit two live chunks claim (a byte handed out twice). */
  | { kind: 'overlap' };

export interface PageView {
  /** p<name> on screen and in commands. */
  name: number;
  owner: 'raw' | HeapPart;
  base: bigint;
  /** "#3", "#3 (page 2 of 4)", "Part A", "Part B". */
  title: string;
  /** By mincore; null when not known (a student's page beyond the 64 memtui watches). */
  resident: boolean | null;
  cellBytes: number;
  cells: readonly Cell[];
}

/** Raw pages are drawn as 64 blocks of 64 B; a block is "written" when it holds a non-zero byte. */
export const RAW_BLOCKS = 64;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const UNTOUCHED: Cell = Object.freeze({ kind: 'untouched' });
const FREE: Cell = Object.freeze({ kind: 'free' });
/** Every page nobody wrote looks the same: one array of cells, shared. */
const UNTOUCHED_PAGE: readonly Cell[] = Object.freeze(Array.from({ length: RAW_BLOCKS }, () => UNTOUCHED));

/**
 * A used chunk's letter: its id's place in the alphabet (#1 A, #2 B, ... #27 A again). When the
 * chunk just before it on the page would be drawn with the same letter, it is drawn in
 * lowercase, so that any two chunks side by side can be told apart without colour.
 */
export function chunkGlyph(id: number, previousGlyph: string | null): string {
  const letter = LETTERS[(id - 1) % LETTERS.length]!;
  return previousGlyph === letter ? letter.toLowerCase() : letter;
}

/** The letter of every used chunk in a page, in address order (as the grid draws them). */
export function glyphsOf(chunks: readonly ChunkInfo[]): Map<number, string> {
  const glyphs = new Map<number, string>();
  let previous: string | null = null;
  for (const chunk of chunks) {
    if (chunk.free) { previous = null; continue; }
    previous = chunkGlyph(chunk.id, previous);
    glyphs.set(chunk.id, previous);
  }
  return glyphs;
}

function rawCells(view: Uint8Array, pageSize: number): readonly Cell[] {
  const blockBytes = pageSize / RAW_BLOCKS;
  let written: Cell[] | null = null;
  for (let block = 0; block < RAW_BLOCKS; block += 1) {
    let any = false;
    for (let at = block * blockBytes, end = at + blockBytes; at < end; at += 1) {
      if (view[at] !== 0) { any = true; break; }
    }
    if (any) {
      written ??= [...UNTOUCHED_PAGE];
      written[block] = { kind: 'written' };
    }
  }
  return written ?? UNTOUCHED_PAGE;
}

function heapCells(chunks: readonly ChunkInfo[], unitBytes: number, pageBytes: number): Cell[] {
  const cells: Cell[] = [];
  const glyphs = glyphsOf(chunks);
  for (const chunk of chunks) {
    const cell: Cell = chunk.free ? FREE : { kind: 'used', id: chunk.id, glyph: glyphs.get(chunk.id)! };
    for (let unit = 0; unit < chunk.size / unitBytes; unit += 1) cells.push(cell);
  }
  while (cells.length < pageBytes / unitBytes) cells.push(FREE);
  return cells;
}

/**
 * The view of one page, built when it is on screen: residency asked of the kernel (mincore on
 * its span), and a raw page's bytes read only when it is resident (reading an untouched page
 * would map the zero page and make "ours" lie).
 */
export function pageView(lab: LabState, name: number): PageView | null {
  const named = lab.pages.named(name);
  if (!named) return null;
  const { span, pageInSpan } = named;
  const base = span.base + BigInt(pageInSpan * lab.pageSize);
  if (span.owner.kind === 'raw') {
    const resident = span.resident[pageInSpan] === 1;
    const { mapping, id } = span.owner;
    const title = span.pageCount > 1 ? `#${id} (page ${pageInSpan + 1} of ${span.pageCount})` : `#${id}`;
    const cells = resident
      ? rawCells(mapping.view().subarray(pageInSpan * lab.pageSize, (pageInSpan + 1) * lab.pageSize), lab.pageSize)
      : UNTOUCHED_PAGE;
    return { name, owner: 'raw', base, title, resident, cellBytes: lab.pageSize / RAW_BLOCKS, cells };
  }
  const { part, region } = span.owner;
  const heap = lab.heap(part)!;
  const heapPage = heap.pages.indexOf(region);
  const chunks = lab.chunksOnPage(part, heapPage);
  return {
    name, owner: part, base, title: part === 'a' ? 'Part A' : 'Part B', resident: span.resident[0] === 1,
    cellBytes: heap.unitBytes, cells: heapCells(chunks, heap.unitBytes, heap.pageBytes),
  };
}

/** Rows a page takes in the grid: its label and its rows of 64 cells. */
export function pageRows(span: PageSpan, lab: LabState): number {
  if (span.owner.kind === 'raw') return 2;
  const heap = lab.heap(span.owner.part);
  const cells = heap ? heap.pageBytes / heap.unitBytes : RAW_BLOCKS;
  return 1 + Math.ceil(Math.max(cells, RAW_BLOCKS) / RAW_BLOCKS);
}
