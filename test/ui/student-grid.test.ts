/**
 * The grid and the chunk list of a loaded student allocator, built from real driver processes
 * (memtui's example allocators compiled with gcc): what the rows say, cell by cell.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Session, studentPicture } from '../../source/session/index.js';
import { chunkPanelFor } from '../../source/ui/view/chunk-panel.js';
import { gridFor } from '../../source/ui/view/grid-for.js';
import { gridWindow } from '../../source/ui/view/grid-view.js';
import type { Line } from '../../source/ui/view/line.js';
import { studentCells } from '../../source/ui/view/student-grid.js';

const text = (line: Line) => line.map((segment) => segment.text).join('');

let session: Session;
afterEach(() => session?.dispose());

async function run(lines: string[]): Promise<Session> {
  session = new Session();
  for (const line of lines) {
    const result = await session.run(line);
    if (!result.ok) throw new Error(`${line}: ${result.error}`);
  }
  return session;
}

describe('the grid of a loaded allocator', () => {
  it('marks the bytes a header allocator writes outside its chunks with !, and its chunk by letter', async () => {
    const live = await run(['load example-header', 'init', 'alloc 64']);
    const picture = studentPicture(live.subject)!;
    const cells = studentCells(picture, picture.pages[0]!.base).map((cell) => (cell.kind === 'used' ? cell.glyph : cell.kind));
    // An 8-byte header at offset 0, the chunk #1 (64 B = 8 units) after it, the next header at offset 72.
    expect(cells.slice(0, 11)).toEqual(['stray', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'stray', 'free']);
    const window = gridWindow(gridFor(live), 0, 20, null);
    expect(text(window.lines[0]!)).toMatch(/^>p0 +alloc-header\.c +0x[0-9a-f]+ +resident +\(8 B units\)$/);
    expect(text(window.lines[1]!)).toBe(`  !AAAAAAAA!${'.'.repeat(54)}`);
    expect(window.lines).toHaveLength(9);
  });

  it('Part B: one row per page, 256 B units four characters wide; side by side same letters are told apart', async () => {
    // #27 is A like #1: freed #2's place puts it right beside #1, so it is drawn as a.
    const live = await run(['load example-b', 'init', ...Array.from({ length: 26 }, () => 'alloc 256'), 'free #2', 'alloc 256']);
    const window = gridWindow(gridFor(live), 0, 20, null);
    const rows = window.lines.map(text);
    expect(rows[0]).toMatch(/^>p0 +ealloc\.c +0x[0-9a-f]+ +resident +\(256 B units\)$/);
    expect(rows[1]).toBe('  AAAAaaaaCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKKKLLLLMMMMNNNNOOOOPPPP');
    expect(rows[2]).toMatch(/^ p1 +ealloc\.c/);
    expect(rows[3]).toBe(`  QQQQRRRRSSSSTTTTUUUUVVVVWWWWXXXXYYYYZZZZ${'.'.repeat(24)}`);
    const panel = chunkPanelFor(live);
    expect(panel.ids).toHaveLength(26);
    expect(panel.summary[0]).toBe('ealloc.c, Part B: 2 pages, 26 chunks, free 1536 B in 1 stretch, largest 1536 B');
    const list = panel.lines(27, true, 44, 40).map(text);
    expect(list.find((line) => line.startsWith('>a #27'))).toMatch(/^>a #27 +[0-9a-f]{12} +p0\+256 +256 used$/);
  });
});
