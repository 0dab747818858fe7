import { describe, expect, it } from 'vitest';
import { parseMaps } from '../../source/proc/index.js';
import { anonymousRanges, inRanges, pageBases, pageCount, pageOf, subtractRanges } from '../../source/student/page-ranges.js';

// A driver's maps as the kernel prints them, trimmed (captured on this machine).
const before = parseMaps(`55c4367b9000-55c4367ba000 r--p 00000000 fe:00 2146699                    /root/.cache/memtui/driver
55c4367be000-55c4367bf000 rw-p 00004000 fe:00 2146699                    /root/.cache/memtui/driver
55c4367bf000-55c436842000 rw-p 00000000 00:00 0
55c46d582000-55c46d5a3000 rw-p 00000000 00:00 0                          [heap]
7f85ac80f000-7f85ac812000 rw-p 00000000 00:00 0
7f85ac9e7000-7f85ac9f4000 rw-p 00000000 00:00 0
7f85ac9fd000-7f85ac9ff000 rw-p 00000000 00:00 0
7f85ac9ff000-7f85aca03000 r--p 00000000 00:00 0                          [vvar]
7ffe6cfcc000-7ffe6cfed000 rw-p 00000000 00:00 0                          [stack]`);

describe('pages seen from outside, at page granularity', () => {
  it('takes anonymous mappings only: not files, [heap], [stack] or [vvar]', () => {
    expect(anonymousRanges(before)).toEqual([
      { start: 0x55c4367bf000n, end: 0x55c436842000n },
      { start: 0x7f85ac80f000n, end: 0x7f85ac812000n },
      { start: 0x7f85ac9e7000n, end: 0x7f85ac9f4000n },
      { start: 0x7f85ac9fd000n, end: 0x7f85ac9ff000n },
    ]);
  });

  it('finds a page the kernel merged into a neighbouring line (the line only widened)', () => {
    // The student's page at 0x7f85ac9fc000 joined the anonymous line above it: no new line.
    const after = parseMaps(`7f85ac80f000-7f85ac812000 rw-p 00000000 00:00 0
7f85ac9e7000-7f85ac9f4000 rw-p 00000000 00:00 0
7f85ac9fc000-7f85ac9ff000 rw-p 00000000 00:00 0`);
    const added = subtractRanges(anonymousRanges(after), anonymousRanges(before));
    expect(added).toEqual([{ start: 0x7f85ac9fc000n, end: 0x7f85ac9fd000n }]);
    expect(pageCount(added)).toBe(1);
    expect(pageBases(added)).toEqual([0x7f85ac9fc000n]);
  });

  it('subtracts ranges cut in several places, and keeps what no cut touches', () => {
    const from = [{ start: 0x1000n, end: 0x9000n }, { start: 0x10000n, end: 0x12000n }];
    const take = [{ start: 0x0n, end: 0x2000n }, { start: 0x4000n, end: 0x5000n }, { start: 0x8000n, end: 0x11000n }];
    expect(subtractRanges(from, take)).toEqual([
      { start: 0x2000n, end: 0x4000n }, { start: 0x5000n, end: 0x8000n }, { start: 0x11000n, end: 0x12000n },
    ]);
    expect(subtractRanges(take, take)).toEqual([]);
  });

  it('lists page bases up to a limit, and tells pages and membership', () => {
    expect(pageBases([{ start: 0x1000n, end: 0x100000n }], 3)).toEqual([0x1000n, 0x2000n, 0x3000n]);
    expect(pageOf(0x7f0000001fffn)).toBe(0x7f0000001000n);
    expect(inRanges(0x1fffn, [{ start: 0x1000n, end: 0x2000n }])).toBe(true);
    expect(inRanges(0x2000n, [{ start: 0x1000n, end: 0x2000n }])).toBe(false);
  });
});
