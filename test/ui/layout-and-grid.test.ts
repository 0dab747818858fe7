import { describe, expect, it } from 'vitest';
import type { PageView } from '../../source/session/index.js';
import { gridLines, pageLines } from '../../source/ui/grid-lines.js';
import { calculateLayout } from '../../source/ui/layout.js';
import { logWindow, wrapLine } from '../../source/ui/log-lines.js';

const text = (line: { text: string }[]) => line.map((segment) => segment.text).join('');

describe('calculateLayout', () => {
  it.each([[80, 24], [100, 30], [120, 40], [160, 50], [300, 100]])('keeps the frame below the terminal height at %ix%i', (columns, rows) => {
    const layout = calculateLayout(columns, rows);
    expect(layout.tooSmall).toBe(false);
    expect(layout.headerRows + layout.middleRows + layout.logRows + layout.footerRows).toBeLessThanOrEqual(rows - 1);
    expect(layout.gridWidth + (layout.sidePanel ? layout.sideWidth + 1 : 0)).toBeLessThanOrEqual(columns);
    // A Part A page (a label and 8 rows) fits in the middle at every supported size.
    expect(layout.middleRows).toBeGreaterThanOrEqual(10);
  });

  it('asks for a larger terminal below 80x24', () => {
    expect(calculateLayout(79, 24).tooSmall).toBe(true);
    expect(calculateLayout(80, 23).tooSmall).toBe(true);
  });

  it('puts the side panel beside the grid only when both fit', () => {
    expect(calculateLayout(80, 24).sidePanel).toBe(false);
    expect(calculateLayout(100, 30).sidePanel).toBe(true);
    expect(calculateLayout(100, 30, { lesson: true }).sidePanel).toBe(true);
  });
});

function heapPage(index: number, units: number, chunks: Array<[number, number | null]>): PageView {
  const cells = chunks.flatMap(([count, id]) => Array.from({ length: count }, () => (id === null ? { kind: 'free' as const } : { kind: 'used' as const, id })));
  expect(cells).toHaveLength(units);
  return { index, base: 0x7f0000000000n + BigInt(index * 4096), owner: units === 512 ? 'a' : 'b', title: 'page', resident: false, cellBytes: 4096 / units, cells };
}

describe('grid lines', () => {
  it('draws a Part A page as a label and 8 rows of 64 cells, chunks by letter, free as dots', () => {
    const lines = pageLines(heapPage(0, 512, [[64, 3], [8, 6], [440, null]]), true);
    expect(lines).toHaveLength(9);
    expect(text(lines[0]!)).toMatch(/^>p0 .*not resident/);
    expect(text(lines[1]!).trim()).toBe('C'.repeat(64));
    expect(text(lines[2]!).trim()).toBe(`${'F'.repeat(8)}${'.'.repeat(56)}`);
  });

  it('draws a Part B page of 16 units as one row, each unit 4 characters wide', () => {
    const lines = pageLines(heapPage(1, 16, [[2, 1], [14, null]]), false);
    expect(lines).toHaveLength(2);
    expect(text(lines[1]!).trim()).toBe(`${'A'.repeat(8)}${'.'.repeat(56)}`);
  });

  it('scrolls to keep the selected page on screen and says how many are hidden', () => {
    const pages = Array.from({ length: 10 }, (_, index) => heapPage(index, 16, [[16, null]]));
    const { lines, above, below } = gridLines(pages, 9, 7);
    expect(lines.length).toBeLessThanOrEqual(7);
    expect(lines.some((line) => text(line).startsWith('>p9'))).toBe(true);
    expect(above).toBeGreaterThan(0);
    expect(below).toBe(0);
    expect(text(lines[lines.length - 1]!)).toMatch(/page\(s\) above/);
  });

  it('invites to map a page when there is none', () => {
    expect(gridLines([], 0, 5).lines.map(text).join('\n')).toMatch(/No page is mapped yet/);
  });
});

describe('log lines', () => {
  it('wraps at spaces within the width, indenting continuations', () => {
    const wrapped = wrapLine([{ text: 'alloc 512 -> #3 at 0x7f00 (p1, offset 512) - split a 4096 B free chunk' }], 30);
    for (const line of wrapped) expect(text(line).length).toBeLessThanOrEqual(30);
    expect(wrapped.length).toBeGreaterThan(2);
    expect(text(wrapped[1]!)).toMatch(/^ {4}\S/);
    expect(wrapped.map(text).join('').replace(/\s+/g, ' ')).toContain('split a 4096 B free chunk');
  });

  it('shows the newest lines and scrolls back', () => {
    const results = Array.from({ length: 10 }, (_, index) => ({
      seq: index, line: `cmd${index}`, command: 'stat', ok: true, error: null, message: `message ${index}`, details: [],
      effect: { kind: 'none' as const }, vszBytes: 0, rssBytes: 0, delta: null, ours: { mappedBytes: 0, residentBytes: 0 }, quit: false,
    }));
    const newest = logWindow(results, 4, 0).lines.map(text);
    expect(newest[newest.length - 1]).toBe('message 9');
    const back = logWindow(results, 4, 4).lines.map(text);
    expect(back[back.length - 1]).toBe('message 7');
  });
});

describe('lesson lines', () => {
  const lesson = {
    number: 3, count: 7, title: 'Write into it', intro: 'Now touch the page. If you have no page of your own, map one first.', hint: null, complete: false, progress: [],
    steps: [
      { task: 'write it', watch: 'RSS', status: 'done' as const, observed: 'our RSS +4 KiB (mincore), VSZ +0 KiB', why: 'The first write faults: the CPU finds no frame behind the address, the kernel takes a zeroed frame and maps it.' },
      { task: 'Ask the kernel: type stat.', watch: 'ours counts the page resident', status: 'current' as const },
    ],
  };

  it('keeps what to do and what was seen, and cuts the explanation when rows run out', async () => {
    const { lessonLines } = await import('../../source/ui/lesson-lines.js');
    const short = lessonLines(lesson, 30, 9).map(text);
    expect(short.length).toBeLessThanOrEqual(9);
    expect(short.join(' ')).toContain('Do (2/2): Ask the kernel: type stat.');
    expect(short.join(' ')).toContain('Seen (1): our RSS +4 KiB');
    const tall = lessonLines(lesson, 30, 40).map(text);
    expect(tall.join(' ')).toContain('maps it.');
    for (const line of tall) {
      expect(line.length).toBeLessThanOrEqual(30);
      expect(line.startsWith(' ')).toBe(false);
    }
  });
});
