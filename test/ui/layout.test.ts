import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLayout, type Layout, type LayoutRequest, type Rect } from '../../source/ui/layout/layout.js';
import { propertyRuns } from '../property-runs.js';

const request = (columns: number, rows: number, extra: Partial<LayoutRequest> = {}): LayoutRequest => ({
  columns, rows, lesson: false, help: false, chunkListFocused: false,
  gridRowsWanted: 40, gridRowsNeeded: 10, chunkListRowsWanted: 12, lessonRowsAt: () => 14, ...extra,
});

const boxes = (layout: Layout): Rect[] =>
  [layout.grid, layout.stats, layout.chunkList, layout.lesson, layout.log, layout.help].filter((rect): rect is Rect => rect !== null && rect.height > 0);

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

const sizes: Array<[number, number]> = [[80, 24], [100, 30], [120, 40], [160, 50]];

describe('computeLayout', () => {
  for (const [columns, rows] of sizes) {
    for (const lesson of [false, true]) {
      it(`${columns}x${rows}${lesson ? ' with a lesson' : ''}: every box inside the screen, none overlapping, the body filled, the frame a row short of the terminal`, () => {
        const layout = computeLayout(request(columns, rows, { lesson }));
        expect(layout.tooSmall).toBe(false);
        const body = boxes(layout);
        for (const rect of body) {
          expect(rect.left + rect.width).toBeLessThanOrEqual(columns);
          expect(rect.top).toBeGreaterThanOrEqual(layout.header.height);
          expect(rect.top + rect.height).toBeLessThanOrEqual(layout.footer.top);
        }
        for (const [index, a] of body.entries()) for (const b of body.slice(index + 1)) expect(overlaps(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(false);
        expect(layout.footer.top + layout.footer.height).toBe(rows - 1);
        // The selected page always whole (a Part A page: label, 8 rows, and the line of pages left out).
        expect(layout.grid!.height).toBeGreaterThanOrEqual(10);
        if (lesson) expect(layout.lesson!.height).toBeGreaterThanOrEqual(5);
        expect(layout.log!.height).toBeGreaterThanOrEqual(2);
        // Every row of the body is used by some box.
        for (let row = layout.header.height; row < layout.footer.top; row += 1) {
          expect(body.some((rect) => rect.top <= row && row < rect.top + rect.height), `row ${row}`).toBe(true);
        }
      });
    }
  }

  it('whatever the content wants, at every size: boxes inside the screen, apart, every body row used, the selected page whole', () => {
    fc.assert(fc.property(
      fc.constantFrom(...sizes), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 6, max: 600 }), fc.integer({ min: 0, max: 120 }),
      ([columns, rows], lesson, chunkListFocused, gridRowsWanted, needed, chunkListRowsWanted, lessonRows) => {
        const gridRowsNeeded = Math.min(needed, gridRowsWanted);
        const layout = computeLayout(request(columns, rows, { lesson, chunkListFocused, gridRowsWanted, gridRowsNeeded, chunkListRowsWanted, lessonRowsAt: () => lessonRows }));
        const body = boxes(layout);
        for (const rect of body) {
          expect(rect.left + rect.width).toBeLessThanOrEqual(columns);
          expect(rect.top + rect.height).toBeLessThanOrEqual(layout.footer.top);
        }
        for (const [index, a] of body.entries()) for (const b of body.slice(index + 1)) expect(overlaps(a, b)).toBe(false);
        for (let row = layout.header.height; row < layout.footer.top; row += 1) expect(body.some((rect) => rect.top <= row && row < rect.top + rect.height)).toBe(true);
        // The selected page whole; or, after Tab where the list takes the grid's place, eight of its rows.
        if (layout.grid) expect(layout.grid.height).toBeGreaterThanOrEqual(gridRowsNeeded);
        else expect(layout.chunkList!.height).toBeGreaterThanOrEqual(Math.min(chunkListRowsWanted, 8));
        expect(layout.log!.height).toBeGreaterThanOrEqual(2);
        if (lesson) expect(layout.lesson!.height).toBeGreaterThanOrEqual(Math.min(5, lessonRows));
      },
    ), { numRuns: propertyRuns(400) });
  });

  it('a grid that needs few rows gives the rest to the log', () => {
    const layout = computeLayout(request(120, 40, { gridRowsWanted: 4, gridRowsNeeded: 3 }));
    expect(layout.grid!.height).toBe(4);
    expect(layout.log!.height).toBe(40 - 1 - 2 - 2 - 4);
  });

  it('asks for a larger terminal below 80x24', () => {
    expect(computeLayout(request(79, 24)).tooSmall).toBe(true);
    expect(computeLayout(request(80, 23)).tooSmall).toBe(true);
  });

  it('puts the chunk list beside the grid only when both fit; at 80 columns Tab shows it in the grid\'s place', () => {
    expect(computeLayout(request(80, 24)).chunkList).toBeNull();
    expect(computeLayout(request(80, 24, { chunkListFocused: true })).chunkList).toMatchObject({ left: 0, width: 80 });
    expect(computeLayout(request(100, 30)).chunkList).not.toBeNull();
    expect(computeLayout(request(160, 50, { lesson: true })).arrangement).toBe('three-columns');
  });

  it('three columns are as tall as the tallest of them needs; the log takes the whole width under them', () => {
    const few = computeLayout(request(160, 50, { lesson: true, gridRowsWanted: 4, gridRowsNeeded: 3, chunkListRowsWanted: 9, lessonRowsAt: () => 17 }));
    expect(few.arrangement).toBe('three-columns');
    expect([few.grid!.height, few.chunkList!.height, few.lesson!.height]).toEqual([17, 17, 17]);
    expect(few.log).toEqual({ top: 2 + 17, left: 0, width: 160, height: 45 - 17 });
    // A lesson taller than the room above the log's floor keeps the whole height; the log goes
    // back under the grid.
    const long = computeLayout(request(160, 50, { lesson: true, lessonRowsAt: () => 40 }));
    expect(long.lesson!.height).toBe(45);
    expect(long.log).toEqual({ top: 2 + long.grid!.height, left: 0, width: long.grid!.width, height: 45 - long.grid!.height });
    // The same beside the grid alone (120x40).
    const side = computeLayout(request(120, 40, { lesson: true, gridRowsWanted: 10, gridRowsNeeded: 10, lessonRowsAt: () => 30 }));
    expect(side.lesson!.height).toBe(35);
    expect(side.log!.width).toBe(side.grid!.width);
    // A short grid beside a long lesson: the log shows more under the grid than under both.
    const beside = computeLayout(request(100, 30, { lesson: true, gridRowsWanted: 2, gridRowsNeeded: 2, lessonRowsAt: () => 20 }));
    expect(beside.lesson!.height).toBe(25);
    expect(beside.log).toEqual({ top: 2 + 3, left: 0, width: beside.grid!.width, height: 25 - 3 });
    const short = computeLayout(request(120, 40, { lesson: true, gridRowsWanted: 10, gridRowsNeeded: 10, lessonRowsAt: () => 20 }));
    expect(short.lesson!.height).toBe(20);
    expect(short.log).toEqual({ top: 22, left: 0, width: 120, height: 15 });
  });

  it('help covers the whole body', () => {
    const layout = computeLayout(request(80, 24, { help: true }));
    expect(layout.help).toEqual({ top: 2, left: 0, width: 80, height: 19 });
    expect(boxes(layout)).toEqual([layout.help]);
  });
});

describe('wrapWords', () => {
  it('never makes a line longer than the width, whatever the words', async () => {
    const { wrapWords } = await import('../../source/ui/view/wrap.js');
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 40 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 8 }), (words, width, indent) => {
      const lines = wrapWords(words.join(' '), width, indent);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines.join(' ').split(/\s+/).filter(Boolean).join('')).toBe(words.join(''));
    }));
    // The case that found it: a one-letter word where one column is left.
    expect(wrapWords(`${'x'.repeat(78)} a`, 80)).toEqual([`${'x'.repeat(78)} a`]);
    expect(wrapWords(`${'x'.repeat(79)} a`, 80)).toEqual(['x'.repeat(79), 'a']);
  });
});
