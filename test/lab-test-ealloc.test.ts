/**
 * The lab's test_ealloc (Part B, LAB.md) as a vitest file, through the package's own export
 * `memtui/ealloc` (dist/; run `npm run build` first). VSZ is /proc/self/stat field 23, read
 * right before and right after every call, and compared as numbers: +4096 for each of the
 * first four 4 KiB allocations, exactly 0 for everything after. Every chunk carries its own
 * fill pattern, verified after every phase; pages are counted from the addresses handed out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alloc, cleanup, dealloc, init_alloc, memory } from 'memtui/ealloc';
import { readStat } from '../source/proc/index.js';

const PAGESIZE = 4096;
const MINALLOC = 256;

interface Live { ptr: bigint; size: number; fill: Uint8Array }

const vsz = (): number => readStat().vsizeBytes;

/** A pattern of the lab's letter mixed with the chunk's number and each byte's position. */
function patternFor(letter: string, chunk: number, size: number): Uint8Array {
  const seed = letter.charCodeAt(0) * 257 + chunk * 7919;
  return new Uint8Array(size).map((_, i) => (Math.imul(seed + i, 0x9e3779b1) >>> 24) ^ (i & 0xff));
}

/** alloc with VSZ read right around it; returns the pointer and the VSZ change in bytes. */
function measuredAlloc(size: number): { ptr: bigint | null; grew: number } {
  const before = vsz();
  const ptr = alloc(size);
  const after = vsz();
  return { ptr, grew: after - before };
}

function measuredDealloc(ptr: bigint): number {
  const before = vsz();
  dealloc(ptr);
  return vsz() - before;
}

function pageOf(ptr: bigint): bigint {
  return ptr - (ptr % BigInt(PAGESIZE));
}

describe('lab test_ealloc (Part B) through memtui/ealloc', () => {
  const live: Live[] = [];
  const pages = new Set<bigint>();

  beforeAll(() => {
    // The first mmap loads the native library (koffi + libc: megabytes of mappings, once per
    // process). The lab's C program has libc loaded before main; one warm-up cycle does the same.
    init_alloc();
    const warm = alloc(MINALLOC);
    expect(warm).not.toBeNull();
    dealloc(warm);
    cleanup();
    vsz();
  });

  afterAll(() => {
    cleanup();
  });

  function verifyAll(): void {
    for (const chunk of live) {
      expect(Buffer.from(memory(chunk.ptr, chunk.size)).equals(Buffer.from(chunk.fill)), `bytes at 0x${chunk.ptr.toString(16)}`).toBe(true);
    }
  }

  function place(ptr: bigint | null, size: number, fill: Uint8Array): bigint {
    expect(ptr, `alloc(${size})`).not.toBeNull();
    const at = ptr!;
    // No chunk crosses a page boundary: first and last byte lie in the same 4 KiB page.
    expect(pageOf(at), 'chunk stays inside one page').toBe(pageOf(at + BigInt(size - 1)));
    for (const other of live) {
      expect(at + BigInt(size) <= other.ptr || other.ptr + BigInt(other.size) <= at, 'no double booking').toBe(true);
    }
    memory(at, size).set(fill);
    live.push({ ptr: at, size, fill });
    return at;
  }

  function freeAll(): void {
    for (const chunk of live.splice(0)) {
      expect(measuredDealloc(chunk.ptr), 'dealloc never unmaps').toBe(0);
      expect(() => memory(chunk.ptr, 1)).toThrow(RangeError);
    }
  }

  it('init_alloc maps nothing', () => {
    const before = vsz();
    init_alloc();
    expect(vsz() - before).toBe(0);
  });

  it('4 x 4096 filled with a: VSZ +4096 on each, one new page each', () => {
    for (let i = 0; i < 4; i += 1) {
      const { ptr, grew } = measuredAlloc(PAGESIZE);
      expect(grew, `VSZ change on 4096-byte alloc #${i + 1}`).toBe(PAGESIZE);
      const at = place(ptr, PAGESIZE, patternFor('a', i, PAGESIZE));
      expect(at % BigInt(PAGESIZE), 'a whole-page chunk is the page base').toBe(0n);
      expect(pages.has(at)).toBe(false);
      pages.add(at);
      verifyAll();
    }
    expect(pages.size).toBe(4);
    verifyAll();
  });

  it('free all four: VSZ unchanged', () => {
    const before = vsz();
    freeAll();
    expect(vsz() - before).toBe(0);
  });

  it('64 x 256 filled with b, carved out of the same four pages: VSZ unchanged on each', () => {
    const start = vsz();
    for (let i = 0; i < 64; i += 1) {
      const { ptr, grew } = measuredAlloc(MINALLOC);
      expect(grew, `VSZ change on 256-byte alloc #${i + 1}`).toBe(0);
      const at = place(ptr, MINALLOC, patternFor('b', i, MINALLOC));
      expect(pages.has(pageOf(at)), 'served from one of the four pages').toBe(true);
    }
    verifyAll();
    expect(vsz() - start).toBe(0);
    // All 16 KiB are handed out: 16 chunks in each page, every 256-byte slot used once.
    const perPage = new Map<bigint, Set<number>>();
    for (const chunk of live) {
      const page = pageOf(chunk.ptr);
      const slots = perPage.get(page) ?? new Set<number>();
      slots.add(Number(chunk.ptr - page) / MINALLOC);
      perPage.set(page, slots);
    }
    expect([...perPage.values()].map((slots) => slots.size)).toEqual([16, 16, 16, 16]);
    // Nothing more fits and no fifth page is mapped.
    const refused = measuredAlloc(MINALLOC);
    expect(refused.ptr).toBeNull();
    expect(refused.grew).toBe(0);
    verifyAll();
    freeAll();
    expect(vsz() - start).toBe(0);
  });

  it('4 x 4096 again, filled with c: the 256s merged back, VSZ unchanged on each', () => {
    for (let i = 0; i < 4; i += 1) {
      const { ptr, grew } = measuredAlloc(PAGESIZE);
      expect(grew, `VSZ change on 4096-byte re-alloc #${i + 1}`).toBe(0);
      const at = place(ptr, PAGESIZE, patternFor('c', i, PAGESIZE));
      expect(pages.has(at), 'a page mapped earlier').toBe(true);
      verifyAll();
    }
    expect(new Set(live.map((chunk) => chunk.ptr))).toEqual(pages);
    verifyAll();
    freeAll();
  });

  it('cleanup gives the four pages back (this implementation unmaps)', () => {
    const before = vsz();
    cleanup();
    expect(vsz() - before).toBe(-4 * PAGESIZE);
    expect(alloc(MINALLOC)).toBeNull();
  });
});
