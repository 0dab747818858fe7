/**
 * The layout while watching another process: no chunk list of ours, and for `watch --` the
 * program's pane, at every size terminals open at, with and without a lesson.
 */
import { describe, expect, it } from 'vitest';
import { computeLayout, type Layout, type LayoutRequest, type Rect } from '../../source/ui/layout/layout.js';

const request = (columns: number, rows: number, extra: Partial<LayoutRequest> = {}): LayoutRequest => ({
  columns, rows, lesson: false, help: false, chunkListFocused: false,
  gridRowsWanted: 40, gridRowsNeeded: 7, chunkListRowsWanted: 12, lessonRowsAt: () => 14, chunkList: false, ...extra,
});

const boxes = (layout: Layout): Rect[] =>
  [layout.grid, layout.stats, layout.chunkList, layout.lesson, layout.log, layout.help, layout.program]
    .filter((rect): rect is Rect => rect !== null && rect.height > 0);

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

const sizes: Array<[number, number]> = [[80, 24], [100, 30], [120, 40], [160, 50]];

describe('computeLayout while watching', () => {
  for (const [columns, rows] of sizes) {
    for (const lesson of [false, true]) {
      for (const pane of [null, 12]) {
        const what = `${columns}x${rows}${lesson ? ', a lesson' : ''}${pane === null ? ' (--pid)' : ', the program pane (watch)'}`;
        it(`${what}: inside the screen, no overlaps, the left column filled, no chunk list, the selected mapping whole`, () => {
          const layout = computeLayout(request(columns, rows, { lesson, programRowsWanted: pane }));
          const body = boxes(layout);
          for (const rect of body) {
            expect(rect.left + rect.width).toBeLessThanOrEqual(columns);
            expect(rect.top).toBeGreaterThanOrEqual(layout.header.height);
            expect(rect.top + rect.height).toBeLessThanOrEqual(layout.footer.top);
          }
          for (const [index, a] of body.entries()) for (const b of body.slice(index + 1)) expect(overlaps(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(false);
          const leftRows = body.filter((rect) => rect.left === 0).reduce((sum, rect) => sum + rect.height, 0);
          expect(leftRows).toBe(layout.footer.top - layout.header.height);
          expect(layout.chunkList).toBeNull();
          expect(layout.grid!.height).toBeGreaterThanOrEqual(7);
          expect(layout.log!.height).toBeGreaterThanOrEqual(2);
          if (lesson) expect(layout.lesson!.height).toBeGreaterThanOrEqual(5);
          if (pane === null) expect(layout.program).toBeNull();
          else expect(layout.program!.height).toBeGreaterThanOrEqual(3);
        });
      }
    }
  }

  it('80x24, watch: the pane sits under the grid and its line of figures, above the log', () => {
    const layout = computeLayout(request(80, 24, { programRowsWanted: 12 }));
    expect(layout.arrangement).toBe('narrow');
    // 19 rows of body: the selected mapping (7), its line of figures, the log's floor (4), and the rest, 7, to the pane.
    expect(layout.program).toEqual({ top: layout.stats!.top + 1, left: 0, width: 80, height: 7 });
    expect(layout.log!.top).toBe(layout.program!.top + layout.program!.height);
  });

  it('120x40, watch: the pane takes the side column, the whole height of the body', () => {
    const layout = computeLayout(request(120, 40, { programRowsWanted: 12 }));
    expect(layout.arrangement).toBe('side');
    // The side column is 44 wide (as the chunk list's), after a gap of one.
    expect(layout.program).toEqual({ top: 2, left: 120 - 44, width: 44, height: 40 - 5 });
    expect(layout.grid!.width).toBe(120 - 44 - 1);
  });

  it('120x40, --pid: no side column; the grid takes the width', () => {
    const layout = computeLayout(request(120, 40));
    expect(layout.grid!.width).toBe(120);
    expect(layout.program).toBeNull();
  });

  it('160x50, watch with a lesson: three columns, the pane in the middle one', () => {
    const layout = computeLayout(request(160, 50, { lesson: true, programRowsWanted: 12 }));
    expect(layout.arrangement).toBe('three-columns');
    // As tall as the tallest column (the grid, here), the log the whole width under them.
    expect(layout.program!.height).toBe(layout.grid!.height);
    expect(layout.log).toEqual({ top: layout.grid!.top + layout.grid!.height, left: 0, width: 160, height: 50 - 5 - layout.grid!.height });
    expect(layout.program!.left).toBe(layout.grid!.width + 1);
    expect(layout.lesson!.left).toBeGreaterThan(layout.program!.left + layout.program!.width);
  });

  it('a pane with little output takes no more rows than it fills (at least three)', () => {
    const layout = computeLayout(request(80, 30, { programRowsWanted: 2 }));
    expect(layout.program!.height).toBe(3);
  });
});
