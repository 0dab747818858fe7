import { seg } from './line.js';
import type { StudentPicture } from '../../session/index.js';
import { type GridSource, pageLines } from './grid-view.js';
import { type Cell, chunkGlyph, type PageView, RAW_BLOCKS } from './page-view.js';

const PAGE_BYTES = 4096;
const FREE: Cell = Object.freeze({ kind: 'free' });
const STRAY: Cell = Object.freeze({ kind: 'stray' });
const OVERLAP: Cell = Object.freeze({ kind: 'overlap' });

/** The lab's unit of each part, one cell each: 512 cells of 8 B (Part A), 16 of 256 B (Part B). */
export function studentUnitBytes(picture: StudentPicture): number {
  return picture.part === 'a' ? 8 : 256;
}

/**
 * One page of theirs as cells: a live chunk's units by its letter, free units '.', free units
 * their code wrote into '!' (bookkeeping in the page), units two chunks claim '*'. A unit is the
 * chunk's when any of its bytes is: a chunk at an odd offset still shows where it is.
 */
export function studentCells(picture: StudentPicture, base: bigint): Cell[] {
  const unit = studentUnitBytes(picture);
  const cells: Cell[] = Array.from({ length: PAGE_BYTES / unit }, () => FREE);
  const stray = picture.strayBytes.get(base);
  if (stray) {
    for (let index = 0; index < cells.length; index += 1) {
      if (stray.subarray(index * unit, (index + 1) * unit).includes(1)) cells[index] = STRAY;
    }
  }
  const end = base + BigInt(PAGE_BYTES);
  const chunks = picture.chunks
    .filter((chunk) => chunk.address < end && chunk.address + BigInt(chunk.size) > base)
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  let previous: { glyph: string; end: bigint } | null = null;
  for (const chunk of chunks) {
    const chunkEnd = chunk.address + BigInt(chunk.size);
    // Side by side with the same letter, the second is lowercase (as on memtui's own pages).
    const glyph = chunkGlyph(chunk.id, previous && previous.end === chunk.address ? previous.glyph : null);
    const from = chunk.address > base ? Number(chunk.address - base) : 0;
    const to = chunkEnd < end ? Number(chunkEnd - base) : PAGE_BYTES;
    for (let index = Math.floor(from / unit); index < Math.ceil(to / unit); index += 1) {
      cells[index] = cells[index]!.kind === 'used' ? OVERLAP : { kind: 'used', id: chunk.id, glyph };
    }
    previous = { glyph, end: chunkEnd };
  }
  return cells;
}

/**
 * The grid of a loaded student allocator: the pages their code mapped, named p0, p1, ... in the
 * order it mapped them (grade's "page N"), with the chunks alloc returned drawn in them.
 */
export function studentGrid(picture: StudentPicture): GridSource {
  const pages = [...picture.pages].sort((a, b) => a.order - b.order);
  const names = pages.map((page) => page.order);
  const byName = new Map(pages.map((page) => [page.order, page]));
  const unit = studentUnitBytes(picture);
  const rows = 1 + Math.ceil(Math.max(PAGE_BYTES / unit, RAW_BLOCKS) / RAW_BLOCKS);
  const view = (name: number): PageView => {
    const page = byName.get(name)!;
    return { name, owner: picture.part, base: page.base, title: picture.name, resident: page.resident, cellBytes: unit, cells: studentCells(picture, page.base) };
  };
  return {
    first: () => names[0] ?? null,
    last: () => names[names.length - 1] ?? null,
    step: (name, direction) => {
      const index = names.indexOf(name);
      if (index < 0) return (direction > 0 ? names.find((other) => other > name) : [...names].reverse().find((other) => other < name)) ?? null;
      return names[index + direction] ?? null;
    },
    has: (name) => byName.has(name),
    rows: () => rows,
    lines: (name, selected, highlightId) => pageLines(view(name), selected, highlightId),
    empty: () => [
      [seg(`${picture.name} (Part ${picture.part.toUpperCase()}, PID ${picture.pid}) has no page mapped.`, { bold: true })],
      [seg(picture.initialised
        ? (picture.part === 'b' ? 'alloc <size> calls your alloc, which maps a page when it needs one.' : 'Your code has no page now: init calls your init_alloc.')
        : 'Press i (or type init) to call your init_alloc.', { tone: 'muted' })],
    ],
    nameOf: (name) => `p${name}`,
  };
}
