import { describe, expect, it } from 'vitest';
import { Mapping, NativeError, UnmappedError, findLiveMapping, liveMappings, pageSize } from '../source/native/index.js';
import { readMaps, readSmaps, readStat, readStatus } from '../source/proc/index.js';

const page = pageSize();

describe('Mapping on the real kernel', () => {
  it('reads the page size from sysconf', () => {
    expect(page).toBeGreaterThanOrEqual(4096);
    expect(page & (page - 1)).toBe(0);
  });

  it('moves /proc/self/stat vsize by exactly one page per mmap, and back on munmap, every time', () => {
    // V8's background threads (GC, compiler) may map memory at any instant, even between two
    // reads a few microseconds apart. So each round may be measured again, up to 3 times: a
    // round passes when one measurement shows exactly one page each way. 50 rounds.
    let firstTry = 0;
    for (let round = 0; round < 50; round += 1) {
      let seen: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const before = readStat().vsizeBytes;
        const mapping = Mapping.map();
        const mapped = readStat().vsizeBytes;
        mapping.unmap();
        const after = readStat().vsizeBytes;
        seen = [mapped - before, after - mapped];
        if (seen[0] === page && seen[1] === -page) {
          if (attempt === 0) firstTry += 1;
          break;
        }
      }
      expect(seen).toEqual([page, -page]);
    }
    expect(firstTry).toBeGreaterThanOrEqual(45);
  });

  it('moves VmSize in /proc/self/status by the page in kB', () => {
    let matched = 0;
    for (let round = 0; round < 20; round += 1) {
      const before = readStatus().vmSizeKiB;
      const mapping = Mapping.map();
      const during = readStatus().vmSizeKiB;
      mapping.unmap();
      if (during - before === page / 1024) matched += 1;
    }
    // readStatus allocates more than readStat; allow a rare runtime mmap between the two reads.
    expect(matched).toBeGreaterThanOrEqual(18);
  });

  it('a fresh page is not resident; one written byte makes it resident; DONTNEED drops it', () => {
    const mapping = Mapping.map();
    try {
      expect(mapping.residency()).toEqual([false]);
      mapping.write(0, new Uint8Array([42]));
      expect(mapping.residency()).toEqual([true]);
      expect(mapping.residencyOf(0, 1)).toEqual(Uint8Array.of(1));
      mapping.adviseDontNeed();
      expect(mapping.residency()).toEqual([false]);
      expect(mapping.read(0, 1)[0]).toBe(0);
    } finally {
      mapping.unmap();
    }
  });

  it('smaps agrees to the kB for a page in a region of its own: Rss 0 kB fresh, 4 kB after one write', () => {
    // A private page may be merged by the kernel into a neighbour of the same permissions, and
    // the smaps line then counts the neighbour too. A shared anonymous mapping has a file of its
    // own behind it (/dev/zero), so it is never merged: its line is exactly this page.
    const mapping = Mapping.map({ sharing: 'shared' });
    const line = () => readSmaps().find((entry) => mapping.base >= entry.start && mapping.base < entry.end)!;
    try {
      const fresh = line();
      expect(fresh.end - fresh.start).toBe(BigInt(page));
      expect(fresh.rssKiB).toBe(0);
      mapping.write(0, new Uint8Array([42]));
      const touched = line();
      expect(touched.end - touched.start).toBe(BigInt(page));
      expect(touched.rssKiB).toBe(page / 1024);
      expect(mapping.residency()).toEqual([true]);
    } finally {
      mapping.unmap();
    }
  });

  it('shows up in maps as rw-p covering its address range', () => {
    const mapping = Mapping.map({ pages: 3 });
    try {
      const entry = readMaps().find((line) => mapping.base >= line.start && mapping.base < line.end);
      expect(entry).toBeDefined();
      expect(entry!.perms).toBe('rw-p');
      expect(entry!.start <= mapping.base && entry!.end >= mapping.end).toBe(true);
      expect(mapping.pageCount).toBe(3);
    } finally {
      mapping.unmap();
    }
  });

  it('round-trips bytes through its one view', () => {
    const mapping = Mapping.map({ pages: 2 });
    try {
      const data = new Uint8Array(page + 10).map((_, index) => index % 251);
      mapping.write(5, data);
      expect(mapping.read(5, data.length)).toEqual(data);
      expect(mapping.view()).toBe(mapping.view());
      expect(mapping.residency()).toEqual([true, true]);
    } finally {
      mapping.unmap();
    }
  });

  it('refuses mmap of length 0 with a typed EINVAL error', () => {
    let caught: unknown;
    try { Mapping.map({ length: 0 }); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(NativeError);
    expect((caught as NativeError).code).toBe('EINVAL');
    expect((caught as NativeError).call).toBe('mmap');
    expect((caught as Error).message).toMatch(/^mmap failed: EINVAL \(/);
  });

  it('turns an impossible mmap into ENOMEM with a sentence', () => {
    expect(() => Mapping.map({ length: 2 ** 52 })).toThrow(/mmap failed: ENOMEM \(the kernel refused more address space\)/);
  });

  it('refuses every access after unmap instead of touching freed memory', () => {
    const mapping = Mapping.map();
    const base = mapping.base;
    mapping.unmap();
    expect(mapping.live).toBe(false);
    expect(() => mapping.view()).toThrow(UnmappedError);
    expect(() => mapping.read(0, 1)).toThrow(UnmappedError);
    expect(() => mapping.write(0, new Uint8Array(1))).toThrow(UnmappedError);
    expect(() => mapping.residency()).toThrow(UnmappedError);
    expect(() => mapping.adviseDontNeed()).toThrow(UnmappedError);
    expect(() => mapping.unmap()).toThrow(UnmappedError);
    expect(mapping.contains(base)).toBe(false);
    expect(findLiveMapping(base)).toBeUndefined();
    expect(liveMappings()).not.toContain(mapping);
  });

  it('refuses out-of-range reads and writes with a RangeError', () => {
    const mapping = Mapping.map();
    try {
      expect(() => mapping.read(page - 1, 2)).toThrow(RangeError);
      expect(() => mapping.write(-1, new Uint8Array(1))).toThrow(RangeError);
      expect(() => mapping.adviseDontNeed(1, 1)).toThrow(RangeError);
      expect(() => mapping.offsetOf(mapping.base + BigInt(page))).toThrow(RangeError);
      expect(findLiveMapping(mapping.base + 17n)).toBe(mapping);
    } finally {
      mapping.unmap();
    }
  });
});
