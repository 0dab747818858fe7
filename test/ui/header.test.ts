/**
 * The header at the sizes terminals open at: its figures are what the lab is about, so a line
 * says less (drops words) rather than being cut, whatever the figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerLines, type HeaderFacts } from '../../source/ui/view/header-view.js';
import type { Line } from '../../source/ui/view/line.js';
import { propertyRuns } from '../property-runs.js';

const text = (line: Line) => line.map((segment) => segment.text).join('');
const KiB = 1024;

const facts = (vsz: number, rss: number, mark: { vsz: number; rss: number } | null, pages: number, extra: Partial<HeaderFacts> = {}): HeaderFacts => ({
  pid: 4_194_304, subject: null, pageSize: 4096, part: 'a', policy: 'first',
  sample: { vszBytes: vsz, rssBytes: rss, ours: { mappedBytes: pages * 4096, residentBytes: pages * 4096 } },
  mark: mark === null ? null : { vszBytes: mark.vsz, rssBytes: mark.rss, ours: { mappedBytes: 0, residentBytes: 0 } },
  ...extra,
});

describe('the header', () => {
  it('at 80 columns, after a mark and 262,144 pages mapped, shows VSZ, RSS, both deltas and our pages whole', () => {
    const lines = headerLines(facts(8_500_000 * KiB, 1_200_000 * KiB, { vsz: 7_400_000 * KiB, rss: 100_000 * KiB }, 262_144), 80).map(text);
    // Figures this large leave room for the changes alone, after each figure.
    expect(lines[0]).toBe('VSZ 8,500,000 KiB +1,100,000  RSS 1,200,000 KiB +1,100,000');
    expect(lines[1]).toMatch(/^ours: 262,144 pages .*mapped, 262,144 .*resident/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('says "since mark" and the allocator where there is room', () => {
    const lines = headerLines(facts(7_400_004 * KiB, 100_004 * KiB, { vsz: 7_400_000 * KiB, rss: 100_000 * KiB }, 1), 120).map(text);
    expect(lines[0]).toBe('memtui  PID 4194304  VSZ 7,400,004 KiB (+4 KiB since mark)  RSS 100,004 KiB (+4 KiB since mark)');
    expect(lines[1]).toBe('ours: 1 page (4 KiB) mapped, 1 (4 KiB) resident | Part A, first fit');
  });

  it('at 80 columns, with the figures of a UI after a few thousand pages, keeps the unit and "since mark"', () => {
    const lines = headerLines(facts(7_416_480 * KiB, 113_640 * KiB, { vsz: 7_414_424 * KiB, rss: 109_944 * KiB }, 2048), 80).map(text);
    expect(lines[0]).toBe('PID 4194304  VSZ 7,416,480 KiB  RSS 113,640 KiB  since mark +2,056/+3,696 KiB');
  });

  it('never cuts a figure, for any figures at 80 columns, marked or not, measuring a student\'s allocator or not', () => {
    // Up to the whole x86-64 user address space (128 TiB) and 1 TiB of RAM.
    const vszBytes = fc.integer({ min: 0, max: 2 ** 47 }).map((value) => value - (value % KiB));
    const rssBytes = fc.integer({ min: 0, max: 2 ** 40 }).map((value) => value - (value % KiB));
    fc.assert(fc.property(vszBytes, rssBytes, fc.option(fc.tuple(vszBytes, rssBytes), { nil: null }), fc.integer({ min: 0, max: 262_144 }), fc.boolean(), (vsz, rss, mark, pages, student) => {
      const lines = headerLines(facts(vsz, rss, mark && { vsz: mark[0], rss: mark[1] }, pages, student ? { subject: 'ealloc.c', allocator: 'ealloc.c, Part B (yours)' } : {}), 80).map(text);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(80);
        expect(line.endsWith('~'), line).toBe(false);
      }
      expect(lines[0]).toContain(`VSZ ${Math.round(vsz / KiB).toLocaleString('en-US')} KiB`);
      expect(lines[0]).toContain(`RSS ${Math.round(rss / KiB).toLocaleString('en-US')} KiB`);
      if (mark) expect(lines[0]).toContain(`${rss < mark[1] ? '-' : '+'}${Math.round(Math.abs(rss - mark[1]) / KiB).toLocaleString('en-US')}`);
    }), { numRuns: propertyRuns(500) });
  });
});
