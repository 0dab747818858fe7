/**
 * Edge cases of the two allocators (issue 3, "Behaviour where the lab is silent" and "Tests"),
 * on real pages from the real kernel. The lab facades are used through the package's exports
 * (`memtui/alloc`, `memtui/ealloc`, resolved to dist/: run `npm run build` first); the class API
 * (PageAllocator, ElasticHeap) is used from source for the refusal reasons and per-operation
 * facts. The invariant checker runs after every class-API operation.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as A from 'memtui/alloc';
import * as B from 'memtui/ealloc';
import {
  type AllocResult, type ChunkHeap, ElasticHeap, type FreeResult, type MergeSide, PageAllocator, type PageSource, type Policy, hex, policies,
} from '../source/heap/index.js';
import { Mapping } from '../source/native/index.js';
import { readStat } from '../source/proc/index.js';

const PAGE = 4096;

// ---------------------------------------------------------------------------------------------
// helpers

/** A foreign mapping: real memory that belongs to neither allocator. */
const foreign = Mapping.map();
afterAll(() => {
  foreign.unmap();
  A.cleanup();
  B.cleanup();
});

const heaps: ChunkHeap[] = [];
function track<T extends ChunkHeap>(heap: T): T {
  heaps.push(heap);
  return heap;
}
afterEach(() => {
  for (const heap of heaps.splice(0)) heap.destroy();
});

function allocOk(heap: ChunkHeap, size: number): Extract<AllocResult, { ok: true }> {
  const result = heap.alloc(size);
  if (!result.ok) throw new Error(`alloc(${size}) refused: ${result.reason}: ${result.message}`);
  expect(result.chunk.size).toBe(size);
  expect(result.chunk.free).toBe(false);
  expect(result.chunk.offset + result.chunk.size).toBeLessThanOrEqual(heap.pageBytes);
  expect(heap.check()).toEqual([]);
  return result;
}

function allocRefused(heap: ChunkHeap, size: number): Extract<AllocResult, { ok: false }> {
  const before = heap.report();
  const result = heap.alloc(size);
  expect(result.ok, `alloc(${String(size)}) should be refused`).toBe(false);
  expect(heap.report(), 'a refused alloc changes nothing').toEqual(before);
  expect(heap.check()).toEqual([]);
  return result as Extract<AllocResult, { ok: false }>;
}

function freeOk(heap: ChunkHeap, address: bigint): Extract<FreeResult, { ok: true }> {
  const result = heap.free(address);
  if (!result.ok) throw new Error(`free ${hex(address)} refused: ${result.reason}: ${result.message}`);
  expect(result.freed.address).toBe(address);
  expect(result.into.free).toBe(true);
  expect(heap.check()).toEqual([]);
  return result;
}

function freeRefused(heap: ChunkHeap, address: bigint | null): Extract<FreeResult, { ok: false }> {
  const before = heap.report();
  const result = heap.free(address);
  expect(result.ok, `free ${address === null ? 'NULL' : hex(address)} should be refused`).toBe(false);
  expect(heap.report(), 'a refused free changes nothing').toEqual(before);
  expect(heap.check()).toEqual([]);
  return result as Extract<FreeResult, { ok: false }>;
}

/** A pattern of its own for each chunk: the seed and each byte's position mixed. */
function pattern(seed: number, size: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => (Math.imul(seed * 0x10001 + i, 0x9e3779b1) >>> 24) ^ (seed & 0xff));
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** Free chunks as [offset, size] pairs of one page, from the heap's own picture. */
function freeLayout(heap: ChunkHeap, page = 0): Array<[number, number]> {
  return heap.chunks().filter((chunk) => chunk.free && chunk.page === page).map((chunk) => [chunk.offset, chunk.size]);
}

/**
 * Real pages from the kernel, handed out in a chosen address order: the i-th page mapped is the
 * one of address rank ranks[i] (0 = lowest) among the pool. The kernel alone maps top-down.
 */
function pagesByRank(ranks: number[]): { source: PageSource } {
  const pool = ranks.map(() => Mapping.map()).sort((a, b) => (a.base < b.base ? -1 : 1));
  let next = 0;
  pools.push(pool);
  return { source: { map: () => pool[ranks[next++]!]! } };
}
const pools: Mapping[][] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) for (const mapping of pool) if (mapping.live) mapping.unmap();
});

/** All permutations of a list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

// VSZ, read from /proc/self/stat field 23 right around single calls. The Node runtime maps and
// unmaps memory of its own (V8 heap pages, thread stacks); a scenario runs after a full GC and a
// pause, and is run again from the start (at most 3 times) only if some window moved by a
// different amount. The facades are deterministic: a wrong delta of theirs repeats every run.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const vsz = (): number => readStat().vsizeBytes;
type Measure = <T>(label: string, expected: number, call: () => T) => T;

async function exactVsz(name: string, scenario: (measure: Measure) => void): Promise<void> {
  const runs: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const wrong: string[] = [];
    scenario((label, expected, call) => {
      const before = vsz();
      const result = call();
      const moved = vsz() - before;
      if (moved !== expected) wrong.push(`${label}: VSZ moved ${moved}, expected ${expected}`);
      return result;
    });
    if (wrong.length === 0) return;
    runs.push(wrong.join('; '));
  }
  expect.fail(`${name}: VSZ deltas wrong in every run: ${runs.map((run, index) => `run ${index + 1}: ${run}`).join(' | ')}`);
}

// ---------------------------------------------------------------------------------------------
// Part A through memtui/alloc

describe('memtui/alloc (Part A facade)', () => {
  afterEach(() => {
    A.cleanup();
  });

  it('before init_alloc: alloc is null, dealloc does nothing, memory throws, cleanup has nothing to do', () => {
    // The first use of the module in this file: nothing was ever initialised.
    expect(A.alloc(8)).toBeNull();
    expect(A.alloc(4096)).toBeNull();
    expect(() => A.dealloc(null)).not.toThrow();
    expect(() => A.dealloc(foreign.base)).not.toThrow();
    expect(() => A.memory(foreign.base, 1)).toThrow(/init_alloc/);
    expect(A.cleanup()).toBe(1);
  });

  it('init_alloc while initialised returns non-zero and keeps the live page and its chunks', () => {
    expect(A.init_alloc()).toBe(0);
    const p = A.alloc(64)!;
    A.memory(p, 64).set(pattern(1, 64));
    expect(A.init_alloc()).not.toBe(0);
    expect(same(A.memory(p, 64), pattern(1, 64))).toBe(true);
    expect(A.alloc(4096)).toBeNull();
  });

  it('alloc of 0, negative, non-integer, non-multiple or too large sizes: null, nothing changes', () => {
    expect(A.init_alloc()).toBe(0);
    const keep = A.alloc(16)!;
    A.memory(keep, 16).set(pattern(2, 16));
    const bad = [0, -0, -8, -1, 1, 7, 9, 12, 8.5, 0.5, 4097, 4100, 4104, 8192, 2 ** 31, 2 ** 53, NaN, Infinity, -Infinity];
    for (const size of bad) expect(A.alloc(size), `alloc(${size})`).toBeNull();
    // A size that is not a number at all is a mistake of type, said as one (C would not compile it).
    for (const size of ['8', 8n, null, undefined, {}] as unknown as number[]) {
      expect(() => A.alloc(size), `alloc(${String(size)})`).toThrow(TypeError);
      expect(() => A.alloc(size)).toThrow(/alloc: the size must be a number of bytes, not /);
    }
    // Nothing changed: the 16 bytes are intact and the rest of the page is still one free chunk.
    expect(same(A.memory(keep, 16), pattern(2, 16))).toBe(true);
    const rest = A.alloc(4096 - 16);
    expect(rest).toBe(keep + 16n);
    expect(A.alloc(8)).toBeNull();
  });

  it('alloc(4096) returns the page base, all 4096 bytes usable, then nothing else fits', () => {
    expect(A.init_alloc()).toBe(0);
    const whole = A.alloc(4096);
    expect(whole).not.toBeNull();
    expect(whole! % BigInt(PAGE)).toBe(0n);
    const view = A.memory(whole!, 4096);
    expect(view.length).toBe(4096);
    expect(view.every((byte) => byte === 0), 'a fresh anonymous page reads as zeros').toBe(true);
    view.set(pattern(3, 4096));
    expect(A.alloc(8)).toBeNull();
    expect(same(A.memory(whole!, 4096), pattern(3, 4096))).toBe(true);
    A.dealloc(whole);
    expect(A.alloc(4096)).toBe(whole);
  });

  it('fills the page with 512 x 8: every byte usable, distinct data in each, the 513th refused', () => {
    expect(A.init_alloc()).toBe(0);
    const pointers: bigint[] = [];
    for (let i = 0; i < 512; i += 1) {
      const p = A.alloc(8);
      expect(p, `alloc #${i + 1}`).not.toBeNull();
      pointers.push(p!);
      A.memory(p!, 8).set(pattern(1000 + i, 8));
    }
    const base = pointers[0]!;
    expect(base % BigInt(PAGE)).toBe(0n);
    expect(pointers).toEqual(pointers.map((_, i) => base + BigInt(8 * i)));
    expect(A.alloc(8), 'the 513th').toBeNull();
    for (const [i, p] of pointers.entries()) expect(same(A.memory(p, 8), pattern(1000 + i, 8)), `chunk #${i}`).toBe(true);
    // The last byte of the page is reachable; one past it is not ours.
    expect(A.memory(base + 4095n, 1).length).toBe(1);
    expect(() => A.memory(base + 4096n, 1)).toThrow(RangeError);
  });

  it('a checkerboard of freed 8-byte chunks refuses 16 (2048 B free, none in one piece) but serves 256 x 8 in the holes', () => {
    expect(A.init_alloc()).toBe(0);
    const pointers = Array.from({ length: 512 }, () => A.alloc(8)!);
    for (const [i, p] of pointers.entries()) A.memory(p, 8).set(pattern(i, 8));
    for (let i = 0; i < 512; i += 2) A.dealloc(pointers[i]!);
    expect(A.alloc(16)).toBeNull();
    expect(A.alloc(2048)).toBeNull();
    for (let i = 1; i < 512; i += 2) expect(same(A.memory(pointers[i]!, 8), pattern(i, 8))).toBe(true);
    const refill = Array.from({ length: 256 }, () => A.alloc(8));
    expect(refill).toEqual(pointers.filter((_, i) => i % 2 === 0));
    expect(A.alloc(8)).toBeNull();
  });

  it('dealloc of NULL, an inner address, a foreign address or a freed chunk changes nothing', () => {
    expect(A.init_alloc()).toBe(0);
    const a = A.alloc(16)!;
    const b = A.alloc(24)!;
    const c = A.alloc(32)!;
    const base = a;
    for (const [seed, p, size] of [[1, a, 16], [2, b, 24], [3, c, 32]] as const) A.memory(p, size).set(pattern(seed, size));
    const intact = () => {
      expect(same(A.memory(a, 16), pattern(1, 16))).toBe(true);
      expect(same(A.memory(c, 32), pattern(3, 32))).toBe(true);
    };
    for (const bad of [null, a + 8n, b + 1n, c + 31n, 0n, 1n, -1n, -8n, 2n ** 64n + a, foreign.base, foreign.base + 8n, base + 4096n, base - 8n, c + 32n, c + 40n]) {
      A.dealloc(bad);
      intact();
      expect(same(A.memory(b, 24), pattern(2, 24)), `b after dealloc(${bad === null ? 'NULL' : hex(bad)})`).toBe(true);
    }
    A.dealloc(b);
    A.dealloc(b); // a double free
    A.dealloc(b + 8n); // inside the freed chunk
    intact();
    // The page is as it should be: b's 24 bytes free on their own, the tail free in one piece.
    expect(A.alloc(32)).toBe(c + 32n);
    expect(A.alloc(4096 - 104)).toBe(c + 64n);
    expect(A.alloc(32)).toBeNull();
    expect(A.alloc(24)).toBe(b);
    expect(A.alloc(8)).toBeNull();
  });

  it('dealloc frees exactly its own chunk, never a neighbour', () => {
    expect(A.init_alloc()).toBe(0);
    const left = A.alloc(1024)!;
    const middle = A.alloc(2048)!;
    const right = A.alloc(1024)!;
    A.memory(left, 1024).set(pattern(1, 1024));
    A.memory(middle, 2048).set(pattern(2, 2048));
    A.memory(right, 1024).set(pattern(3, 1024));
    A.dealloc(middle);
    expect(() => A.memory(middle, 1)).toThrow(/free space/);
    expect(same(A.memory(left, 1024), pattern(1, 1024))).toBe(true);
    expect(same(A.memory(right, 1024), pattern(3, 1024))).toBe(true);
    expect(A.alloc(2056)).toBeNull();
    expect(A.alloc(2048)).toBe(middle);
    expect(A.alloc(8)).toBeNull();
  });

  it('three adjacent chunks freed in each of the 6 orders end as one free chunk', () => {
    const sizes = [16, 24, 40];
    for (const order of permutations([0, 1, 2])) {
      expect(A.init_alloc()).toBe(0);
      const guard = A.alloc(8)!;
      const chunks = sizes.map((size) => A.alloc(size)!);
      const tail = A.alloc(4096 - 8 - 80)!;
      expect(A.alloc(8)).toBeNull();
      for (const index of order) A.dealloc(chunks[index]!);
      expect(A.alloc(88), `order ${order}`).toBeNull();
      expect(A.alloc(80), `order ${order}: one 80-byte chunk`).toBe(chunks[0]);
      expect(A.alloc(8)).toBeNull();
      expect(guard + 8n).toBe(chunks[0]);
      expect(tail).toBe(chunks[0]! + 80n);
      expect(A.cleanup()).toBe(0);
    }
  });

  it('memory() throws a RangeError that says why: free space, past the end, not ours, bad length, after cleanup', () => {
    expect(A.init_alloc()).toBe(0);
    const p = A.alloc(64)!;
    const q = A.alloc(64)!;
    A.dealloc(q);
    expect(() => A.memory(q, 1)).toThrow(/free space/);
    expect(() => A.memory(q + 100n, 8)).toThrow(/free space/);
    expect(() => A.memory(p, 65)).toThrow(/past the end/);
    expect(() => A.memory(p + 60n, 5)).toThrow(/past the end/);
    expect(() => A.memory(foreign.base, 1)).toThrow(/not inside any page/);
    expect(() => A.memory(0n, 1)).toThrow(/not inside any page/);
    expect(() => A.memory(p + 4096n, 1)).toThrow(/not inside any page/);
    expect(() => A.memory(p, -1)).toThrow(/length/);
    expect(() => A.memory(p, 1.5)).toThrow(/length/);
    for (const call of [() => A.memory(q, 1), () => A.memory(p, 65), () => A.memory(foreign.base, 1)]) expect(call).toThrow(RangeError);
    // Within the chunk every (address, length) pair is served, including an empty view.
    expect(A.memory(p, 64).length).toBe(64);
    expect(A.memory(p + 63n, 1).length).toBe(1);
    expect(A.memory(p + 64n - 1n, 0).length).toBe(0);
    expect(A.cleanup()).toBe(0);
    expect(() => A.memory(p, 1)).toThrow(RangeError);
    expect(() => A.memory(p, 1)).toThrow(/init_alloc/);
  });

  it('a pointer or length of the wrong type is a TypeError that says what was expected, and changes nothing', () => {
    expect(A.init_alloc()).toBe(0);
    const p = A.alloc(64)!;
    A.memory(p, 64).set(pattern(4, 64));
    // A pointer as a number names the same byte, but is not what alloc returned: refused, not guessed at.
    const wrongPointers = [undefined, Number(p), String(p), `0x${p.toString(16)}`, {}, [p]] as unknown as bigint[];
    for (const ptr of wrongPointers) {
      for (const call of [() => A.dealloc(ptr), () => A.memory(ptr, 1)]) {
        expect(call, `with ${String(ptr)}`).toThrow(TypeError);
        expect(call).toThrow(/pass back the bigint alloc returned, not /);
      }
    }
    expect(() => A.memory(null as unknown as bigint, 1)).toThrow(/memory: pass back the bigint alloc returned, not null/);
    expect(() => A.dealloc(undefined as unknown as bigint)).toThrow(/dealloc: pass back the bigint alloc returned, not undefined/);
    expect(() => A.memory(Number(p) as unknown as bigint, 1)).toThrow(new RegExp(`not the number ${Number(p)} \\(a pointer is a bigint`));
    for (const length of ['1', 1n, null] as unknown as number[]) expect(() => A.memory(p, length)).toThrow(/memory: the size must be a number of bytes/);
    // Nothing changed: the chunk is live with its bytes, and is freed by its own bigint.
    expect(same(A.memory(p, 64), pattern(4, 64))).toBe(true);
    A.dealloc(p);
    expect(A.alloc(4096)).toBe(p);
  });

  it('memory() hands out a view whose buffer is the chunk alone: nothing reaches a neighbour through it', () => {
    expect(A.init_alloc()).toBe(0);
    const [left, p, right] = [A.alloc(64)!, A.alloc(64)!, A.alloc(64)!];
    A.memory(left, 64).set(pattern(5, 64));
    A.memory(right, 64).set(pattern(6, 64));
    const view = A.memory(p + 8n, 4);
    expect(view.length).toBe(4);
    expect(view.byteOffset).toBe(8);
    expect(view.buffer.byteLength).toBe(64);
    // Write every byte the buffer reaches: exactly p's 64 bytes change.
    new Uint8Array(view.buffer).fill(0xee);
    expect(A.memory(p, 64).every((byte) => byte === 0xee)).toBe(true);
    expect(same(A.memory(left, 64), pattern(5, 64))).toBe(true);
    expect(same(A.memory(right, 64), pattern(6, 64))).toBe(true);
    // The buffer shares memory with the chunk (no copy): what is written through one is read through the other.
    view[0] = 0x11;
    expect(A.memory(p + 8n, 1)[0]).toBe(0x11);
  });

  it('after cleanup alloc is null; init_alloc after cleanup starts clean on a fresh page', () => {
    expect(A.init_alloc()).toBe(0);
    const old = Array.from({ length: 8 }, () => A.alloc(512)!);
    for (const [i, p] of old.entries()) A.memory(p, 512).set(pattern(i + 1, 512));
    expect(A.cleanup()).toBe(0);
    expect(A.alloc(8)).toBeNull();
    expect(() => A.dealloc(old[0]!)).not.toThrow();
    expect(A.cleanup()).toBe(1);
    expect(A.init_alloc()).toBe(0);
    // No chunk survived: the whole page is one free chunk, and it holds none of the old bytes.
    const whole = A.alloc(4096)!;
    expect(whole).not.toBeNull();
    expect(A.memory(whole, 4096).every((byte) => byte === 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Part B through memtui/ealloc

describe('memtui/ealloc (Part B facade)', () => {
  afterEach(() => {
    B.cleanup();
  });

  it('before init_alloc: alloc is null and maps nothing; dealloc does nothing; memory throws', async () => {
    // The first use of the module in this file.
    expect(() => B.memory(foreign.base, 1)).toThrow(/init_alloc/);
    // Load the native library now (its first mmap maps megabytes of its own), through the other facade.
    expect(A.init_alloc()).toBe(0);
    expect(A.cleanup()).toBe(0);
    await exactVsz('before init', (measure) => {
      expect(measure('alloc 256 before init', 0, () => B.alloc(256))).toBeNull();
      expect(measure('alloc 4096 before init', 0, () => B.alloc(4096))).toBeNull();
      measure('dealloc NULL before init', 0, () => B.dealloc(null));
      measure('dealloc foreign before init', 0, () => B.dealloc(foreign.base));
      measure('cleanup before init', 0, () => B.cleanup());
    });
  });

  it('alloc of invalid sizes is null and maps no page; the first valid alloc maps exactly one', async () => {
    const bad = [0, -256, -1, 1, 8, 128, 255, 257, 384, 256.5, 4097, 4352, 8192, 16384, 2 ** 53, NaN, Infinity, -Infinity];
    await exactVsz('invalid sizes', (measure) => {
      measure('init_alloc', 0, () => B.init_alloc());
      for (const size of bad) expect(measure(`alloc(${size})`, 0, () => B.alloc(size)), `alloc(${size})`).toBeNull();
      const p = measure('alloc 256', PAGE, () => B.alloc(256));
      expect(p).not.toBeNull();
      for (const size of bad) expect(measure(`alloc(${size}) with a page`, 0, () => B.alloc(size))).toBeNull();
      measure('cleanup', -PAGE, () => B.cleanup());
    });
  });

  it('the fifth page is refused: 4 x 4096 map four pages, then alloc(4096) and alloc(256) are null and map nothing', async () => {
    await exactVsz('fifth page', (measure) => {
      B.init_alloc();
      const pages = [1, 2, 3, 4].map((n) => {
        const p = measure(`alloc 4096 #${n}`, PAGE, () => B.alloc(4096));
        expect(p).not.toBeNull();
        B.memory(p!, 4096).set(pattern(n, 4096));
        return p!;
      });
      expect(new Set(pages).size).toBe(4);
      expect(measure('alloc 4096 #5', 0, () => B.alloc(4096))).toBeNull();
      expect(measure('alloc 256 with 16 KiB live', 0, () => B.alloc(256))).toBeNull();
      for (const [i, p] of pages.entries()) expect(same(B.memory(p, 4096), pattern(i + 1, 4096))).toBe(true);
      // Freeing one page's chunk makes room again without mapping.
      B.dealloc(pages[2]!);
      expect(measure('alloc 4096 after a free', 0, () => B.alloc(4096))).toBe(pages[2]);
      measure('cleanup', -4 * PAGE, () => B.cleanup());
    });
  });

  it('dealloc of NULL, an inner address, a foreign address or a freed chunk changes nothing', async () => {
    await exactVsz('bad deallocs', (measure) => {
      B.init_alloc();
      const a = measure('alloc a', PAGE, () => B.alloc(256))!;
      const b = measure('alloc b', 0, () => B.alloc(512))!;
      const c = measure('alloc c', 0, () => B.alloc(256))!;
      for (const [seed, p, size] of [[1, a, 256], [2, b, 512], [3, c, 256]] as const) B.memory(p, size).set(pattern(seed, size));
      for (const bad of [null, a + 8n, b + 256n, b + 1n, c + 255n, 0n, foreign.base, foreign.base + 256n, c + 256n, c + 512n]) {
        measure(`dealloc ${bad === null ? 'NULL' : hex(bad)}`, 0, () => B.dealloc(bad));
      }
      measure('dealloc b', 0, () => B.dealloc(b));
      measure('dealloc b again', 0, () => B.dealloc(b));
      measure('dealloc inside freed b', 0, () => B.dealloc(b + 256n));
      expect(same(B.memory(a, 256), pattern(1, 256))).toBe(true);
      expect(same(B.memory(c, 256), pattern(3, 256))).toBe(true);
      // The page holds a, c and two free chunks: b's 512 and the 3072 tail. Nothing else was freed.
      expect(measure('alloc tail', 0, () => B.alloc(3072))).toBe(c + 256n);
      expect(measure('alloc into b', 0, () => B.alloc(512))).toBe(b);
      // The first page is now full: the next alloc needs a second page.
      expect(measure('alloc on a new page', PAGE, () => B.alloc(256))).not.toBeNull();
      measure('cleanup', -2 * PAGE, () => B.cleanup());
    });
  });

  it('cleanup unmaps every page; init_alloc after cleanup maps nothing until the first alloc; it starts clean', async () => {
    await exactVsz('cleanup and re-init', (measure) => {
      measure('init_alloc', 0, () => B.init_alloc());
      const p = measure('alloc 256', PAGE, () => B.alloc(256))!;
      measure('alloc 4096', PAGE, () => B.alloc(4096));
      B.memory(p, 256).fill(0xab);
      measure('cleanup', -2 * PAGE, () => B.cleanup());
      expect(measure('alloc after cleanup', 0, () => B.alloc(256))).toBeNull();
      measure('dealloc after cleanup', 0, () => B.dealloc(p));
      expect(() => B.memory(p, 1)).toThrow(RangeError);
      measure('init_alloc again', 0, () => B.init_alloc());
      const fresh = measure('first alloc after re-init', PAGE, () => B.alloc(4096))!;
      expect(fresh).not.toBeNull();
      expect(B.memory(fresh, 4096).every((byte) => byte === 0), 'no old bytes, no old chunks').toBe(true);
      measure('cleanup again', -PAGE, () => B.cleanup());
    });
  });
  it('init_alloc while live keeps the heap: its chunks, its pages, and views taken before stay valid', async () => {
    await exactVsz('init while live', (measure) => {
      measure('init_alloc', 0, () => B.init_alloc());
      const whole = measure('alloc 4096', PAGE, () => B.alloc(4096))!;
      const small = measure('alloc 256', PAGE, () => B.alloc(256))!;
      const view = B.memory(whole, 4096);
      view.set(pattern(8, 4096));
      B.memory(small, 256).set(pattern(9, 256));
      measure('init_alloc while live', 0, () => B.init_alloc());
      // The page is still mapped: touching the old view is safe (were it unmapped, this would be a segfault).
      expect(same(view, pattern(8, 4096))).toBe(true);
      view[0] = 0x42;
      expect(B.memory(whole, 1)[0]).toBe(0x42);
      expect(same(B.memory(small, 256), pattern(9, 256))).toBe(true);
      // The chunks are still live: each is freed by its address, and its room served again without mapping.
      measure('dealloc 4096', 0, () => B.dealloc(whole));
      expect(measure('alloc 4096 again', 0, () => B.alloc(4096))).toBe(whole);
      measure('cleanup', -2 * PAGE, () => B.cleanup());
    });
  });

  it('a pointer or length of the wrong type is a TypeError; memory() hands out the chunk alone', () => {
    B.init_alloc();
    const [a, b] = [B.alloc(256)!, B.alloc(512)!];
    B.memory(a, 256).set(pattern(10, 256));
    for (const ptr of [undefined, Number(b), String(b)] as unknown as bigint[]) {
      expect(() => B.dealloc(ptr)).toThrow(TypeError);
      expect(() => B.dealloc(ptr)).toThrow(/dealloc: pass back the bigint alloc returned, not /);
      expect(() => B.memory(ptr, 1)).toThrow(/memory: pass back the bigint alloc returned, not /);
    }
    expect(() => B.memory(null as unknown as bigint, 1)).toThrow(TypeError);
    expect(() => B.alloc('256' as unknown as number)).toThrow(/alloc: the size must be a number of bytes, not the string "256"/);
    const view = B.memory(b + 256n, 16);
    expect(view.buffer.byteLength).toBe(512);
    expect(view.byteOffset).toBe(256);
    new Uint8Array(view.buffer).fill(0x77);
    expect(same(B.memory(a, 256), pattern(10, 256))).toBe(true);
    expect(B.memory(b, 512).every((byte) => byte === 0x77)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Part A class API

describe('PageAllocator (Part A class API)', () => {
  it('refuses bad sizes with a reason that says which, changing nothing', () => {
    const heap = track(new PageAllocator());
    allocOk(heap, 24);
    const cases: Array<[number, string, RegExp]> = [
      [0, 'invalid-size', /positive whole number/], [-8, 'invalid-size', /positive whole number/],
      [8.5, 'invalid-size', /positive whole number/], [NaN, 'invalid-size', /positive whole number/],
      [Infinity, 'invalid-size', /positive whole number/], [1, 'not-multiple', /multiple of 8 \(try 8\)/],
      [12, 'not-multiple', /multiple of 8 \(try 16\)/], [4097, 'not-multiple', /multiple of 8/],
      [4104, 'too-large', /larger than a page/], [2 ** 53, 'too-large', /larger than a page/],
    ];
    for (const [size, reason, message] of cases) {
      const refused = allocRefused(heap, size);
      expect(refused.reason, `alloc(${size})`).toBe(reason);
      expect(refused.message).toMatch(message);
    }
    expect(allocRefused(heap, 4096).reason).toBe('no-fit');
    // From plain JavaScript a size may arrive with the wrong type: refused, not coerced.
    for (const size of ['8', 8n, null, undefined, {}] as unknown as number[]) expect(allocRefused(heap, size).reason).toBe('invalid-size');
  });

  it('refuses bad frees with a reason: null, interior, not-ours, double-free, in-free-space', () => {
    const heap = track(new PageAllocator());
    const base = heap.page.base;
    const a = allocOk(heap, 16).address;
    const b = allocOk(heap, 32).address;
    const c = allocOk(heap, 16).address;
    expect(freeRefused(heap, null).reason).toBe('null');

    const interior = freeRefused(heap, b + 8n);
    expect(interior.reason).toBe('interior');
    expect(interior.message).toContain(hex(b + 8n));
    expect(interior.message).toContain(hex(b));
    expect(freeRefused(heap, b + 1n).reason).toBe('interior');
    expect(freeRefused(heap, b + 31n).reason).toBe('interior');

    for (const away of [0n, 1n, foreign.base, foreign.base + 8n, base + 4096n, base - 1n, base - 4096n]) {
      const refused = freeRefused(heap, away);
      expect(refused.reason, hex(away)).toBe('not-ours');
      expect(refused.message).toMatch(/not inside any page/);
    }

    freeOk(heap, b);
    const double = freeRefused(heap, b);
    expect(double.reason).toBe('double-free');
    expect(double.message).toContain(hex(b));
    expect(double.message).toMatch(/double free/);
    expect(freeRefused(heap, b + 8n).reason).toBe('in-free-space');
    expect(freeRefused(heap, c + 24n).reason).toBe('in-free-space');

    // A chunk freed next to a free left neighbour merges into it: its old start is now inside free space.
    freeOk(heap, c);
    expect(freeRefused(heap, c).reason).toBe('in-free-space');
    expect(heap.chunks().map((chunk) => [chunk.offset, chunk.size, chunk.free])).toEqual([[0, 16, false], [16, 4080, true]]);
    expect(heap.freeById(9999)).toMatchObject({ ok: false, reason: 'unknown-id' });
    // The start of free space alloc never handed out is not a double free: it was never allocated.
    const fresh = track(new PageAllocator());
    const never = freeRefused(fresh, fresh.page.base);
    expect(never.reason).toBe('in-free-space');
    expect(never.message).toMatch(/never allocated/);
    // A pointer passed as a number (plain JavaScript) is not taken for the chunk it names.
    expect(freeRefused(heap, Number(a) as unknown as bigint).reason).toBe('not-ours');
    expect(a).toBe(base);
  });

  it('the invariant checker is not blind: a page unmapped behind the heap is reported', () => {
    const heap = track(new PageAllocator());
    allocOk(heap, 64);
    expect(heap.check()).toEqual([]);
    heap.page.unmap();
    expect(heap.check()).toEqual([expect.stringMatching(/no longer mapped/)]);
  });

  it('after destroy: alloc and free say closed, view throws, check passes with the page gone', () => {
    const heap = track(new PageAllocator());
    const p = allocOk(heap, 64).address;
    heap.destroy();
    expect(heap.closed).toBe(true);
    expect(heap.alloc(8)).toMatchObject({ ok: false, reason: 'closed' });
    expect(heap.free(p)).toMatchObject({ ok: false, reason: 'closed' });
    expect(heap.free(null)).toMatchObject({ ok: false, reason: 'closed' });
    expect(() => heap.view(p, 1)).toThrow(/cleaned up/);
    expect(heap.page.live).toBe(false);
  });

  it('alloc(4096) returns the page base, as one unsplit chunk', () => {
    const heap = track(new PageAllocator());
    const whole = allocOk(heap, 4096);
    expect(whole.address).toBe(heap.page.base);
    expect(whole.chunk).toMatchObject({ page: 0, offset: 0, size: 4096, free: false });
    expect(whole.facts).toEqual({ examined: 1, split: false, fromFreeBytes: 4096, merged: 'none', pageMapped: false });
    expect(heap.stats()).toMatchObject({ freeBytes: 0, usedBytes: 4096, freeChunks: 0, usedChunks: 1, fragmentation: 0 });
    expect(allocRefused(heap, 8).reason).toBe('no-fit');
    const freed = freeOk(heap, whole.address);
    expect(freed.facts.merged).toBe('none');
    expect(freed.into).toMatchObject({ offset: 0, size: 4096, free: true });
  });

  it('512 x 8 fill the page exactly: all 4096 bytes usable; the 513th is refused (no-fit)', () => {
    const heap = track(new PageAllocator());
    const results = Array.from({ length: 512 }, () => allocOk(heap, 8));
    expect(results.map((result) => result.chunk.offset)).toEqual(Array.from({ length: 512 }, (_, i) => 8 * i));
    expect(new Set(results.map((result) => result.chunk.id)).size).toBe(512);
    for (const [i, result] of results.entries()) heap.view(result.address, 8).set(pattern(i, 8));
    expect(results.slice(0, 511).every((result) => result.facts.split)).toBe(true);
    expect(results[511]!.facts.split).toBe(false);
    const refused = allocRefused(heap, 8);
    expect(refused.reason).toBe('no-fit');
    expect(refused.message).toMatch(/0 B free in 0 chunks/);
    expect(heap.stats()).toMatchObject({ freeBytes: 0, usedBytes: 4096, usedChunks: 512, freeChunks: 0, largestFreeBytes: 0, fragmentation: 0 });
    for (const [i, result] of results.entries()) expect(same(heap.view(result.address, 8), pattern(i, 8))).toBe(true);
  });

  it('a checkerboard of freed 8-byte chunks refuses 16, and the message says fragmentation', () => {
    const heap = track(new PageAllocator());
    const results = Array.from({ length: 512 }, () => allocOk(heap, 8));
    for (let i = 0; i < 512; i += 2) expect(freeOk(heap, results[i]!.address).facts.merged).toBe('none');
    const report = heap.report();
    expect(report).toMatchObject({ freeBytes: 2048, freeChunks: 256, usedChunks: 256, largestFreeBytes: 8 });
    expect(report.fragmentation).toBeCloseTo(1 - 8 / 2048, 12);
    for (const policy of policies) {
      heap.policy = policy;
      const refused = allocRefused(heap, 16);
      expect(refused.reason).toBe('no-fit');
      expect(refused.message).toMatch(/fragmentation/);
      expect(refused.message).toMatch(/2048 B free in 256 chunks, the largest 8 B/);
    }
    // Freeing one used chunk between two holes merges all three: 24 bytes, and 16 fits there.
    heap.policy = 'first';
    const middle = freeOk(heap, results[1]!.address);
    expect(middle.facts.merged).toBe('both');
    expect(middle.into).toMatchObject({ offset: 0, size: 24 });
    expect(allocOk(heap, 16).address).toBe(results[0]!.address);
  });

  it('three adjacent chunks freed in each of the 6 orders merge into one free chunk, with the right merge sides', () => {
    const sizes = [16, 24, 40];
    for (const order of permutations([0, 1, 2])) {
      const heap = track(new PageAllocator());
      allocOk(heap, 8);
      const chunks = sizes.map((size) => allocOk(heap, size));
      chunks.forEach((chunk, i) => heap.view(chunk.address, sizes[i]!).set(pattern(i, sizes[i]!)));
      const guard = allocOk(heap, 4096 - 8 - 80);
      heap.view(guard.address, 8).set(pattern(7, 8));
      const freed = new Set<number>();
      for (const index of order) {
        const result = freeOk(heap, chunks[index]!.address);
        const left = index > 0 && freed.has(index - 1);
        const right = index < 2 && freed.has(index + 1);
        const side: MergeSide = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
        expect(result.facts.merged, `order ${order}, freeing #${index}`).toBe(side);
        freed.add(index);
        // The merged chunk spans exactly the freed run around this chunk.
        let first = index;
        while (first > 0 && freed.has(first - 1)) first -= 1;
        let last = index;
        while (last < 2 && freed.has(last + 1)) last += 1;
        const size = sizes.slice(first, last + 1).reduce((total, s) => total + s, 0);
        expect(result.into, `order ${order}`).toMatchObject({ offset: chunks[first]!.chunk.offset, size, free: true });
        for (const i of [0, 1, 2]) if (!freed.has(i)) expect(same(heap.view(chunks[i]!.address, sizes[i]!), pattern(i, sizes[i]!))).toBe(true);
      }
      expect(freeLayout(heap), `order ${order}`).toEqual([[8, 80]]);
      expect(heap.stats()).toMatchObject({ freeChunks: 1, largestFreeBytes: 80, fragmentation: 0 });
      expect(same(heap.view(guard.address, 8), pattern(7, 8))).toBe(true);
      expect(allocOk(heap, 80).address).toBe(chunks[0]!.address);
      heap.destroy();
    }
  });

  describe('placement policies on a hand-built free layout', () => {
    // Offsets:     0     40    48    72    80     208   216   224   232   256   264   360   368   432
    // Chunks:   free40 used8 free24 used8 free128 used8 free8 used8 free24 used8 free96 used8 free64 used(rest)
    const spec: Array<[number, boolean]> = [
      [40, true], [8, false], [24, true], [8, false], [128, true], [8, false], [8, true], [8, false],
      [24, true], [8, false], [96, true], [8, false], [64, true], [4096 - 432, false],
    ];
    const freeChunks: Array<[number, number]> = [[0, 40], [48, 24], [80, 128], [216, 8], [232, 24], [264, 96], [368, 64]];

    function build(policy: Policy): PageAllocator {
      const heap = track(new PageAllocator({ policy: 'first' }));
      const addresses = spec.map(([size]) => allocOk(heap, size).address);
      spec.forEach(([, free], i) => { if (free) freeOk(heap, addresses[i]!); });
      expect(freeLayout(heap)).toEqual(freeChunks);
      heap.policy = policy;
      return heap;
    }

    it('first fit takes the lowest address that fits', () => {
      const heap = build('first');
      const got = allocOk(heap, 24);
      expect(got.chunk.offset).toBe(0);
      expect(got.facts).toMatchObject({ examined: 1, split: true, fromFreeBytes: 40 });
      expect(allocOk(heap, 96).chunk.offset).toBe(80);
      expect(allocOk(heap, 64).chunk.offset).toBe(264);
    });

    it('best fit takes the smallest that fits, ties to the lowest address', () => {
      const heap = build('best');
      const exact = allocOk(heap, 24);
      expect(exact.chunk.offset).toBe(48);
      expect(exact.facts).toMatchObject({ split: false, fromFreeBytes: 24 });
      expect(exact.facts.examined).toBeGreaterThanOrEqual(1);
      expect(allocOk(heap, 24).chunk.offset).toBe(232);
      expect(allocOk(heap, 8).chunk.offset).toBe(216);
      expect(allocOk(heap, 48).chunk.offset).toBe(368);
      expect(allocOk(heap, 72).chunk.offset).toBe(264);
    });

    it('worst fit takes the largest, ties to the lowest address', () => {
      const heap = build('worst');
      const got = allocOk(heap, 24);
      expect(got.chunk.offset).toBe(80);
      expect(got.facts).toMatchObject({ split: true, fromFreeBytes: 128 });
      // Now the 104 at 104 is the largest; after it, the 96 at 112 and the 96 at 264 tie: the lower wins.
      expect(allocOk(heap, 8).chunk.offset).toBe(104);
      expect(freeLayout(heap)).toContainEqual([112, 96]);
      expect(allocOk(heap, 8).chunk.offset).toBe(112);
      const tie = track(new PageAllocator({ policy: 'worst' }));
      const [x, , y] = [allocOk(tie, 64), allocOk(tie, 8), allocOk(tie, 64), allocOk(tie, 4096 - 136)];
      freeOk(tie, x.address);
      freeOk(tie, y.address);
      expect(allocOk(tie, 8).chunk.offset).toBe(0);
      expect(allocOk(tie, 8).chunk.offset).toBe(72);
    });

    it('next fit starts after the chunk most recently allocated, and wraps around', () => {
      const heap = build('next');
      // The last allocation ended at the page end, so the search wraps to the start.
      heap.policy = 'best';
      const pin = allocOk(heap, 8); // the exact 8 at 216: the most recent chunk now ends at 224
      expect(pin.chunk.offset).toBe(216);
      heap.policy = 'next';
      const first = allocOk(heap, 24);
      expect(first.chunk.offset).toBe(232); // not 0, which first fit would take
      expect(first.facts.examined).toBe(1);
      const second = allocOk(heap, 24);
      expect(second.chunk.offset).toBe(264); // after 232+24, the 96 at 264
      expect(second.facts).toMatchObject({ examined: 1, split: true, fromFreeBytes: 96 });
      // Free after 288: 72 at 288 and 64 at 368; 128 fits only before: wrap to the 128 at 80.
      const wrapped = allocOk(heap, 128);
      expect(wrapped.chunk.offset).toBe(80);
      expect(wrapped.facts.examined).toBe(2 + 3);
      expect(allocOk(heap, 8).chunk.offset).toBe(288);
      // Compare: the same layout under first fit takes offset 0.
      expect(allocOk(build('first'), 24).chunk.offset).toBe(0);
    });

    it('every policy serves a request whenever some free chunk fits, even only the last one', () => {
      for (const policy of policies) {
        const heap = build(policy);
        expect(allocOk(heap, 128).chunk.offset, policy).toBe(80);
        expect(allocRefused(heap, 128).reason).toBe('no-fit');
        expect(allocOk(heap, 96).chunk.offset, policy).toBe(264);
        expect(allocOk(heap, 64).chunk.offset, policy).toBe(368);
        expect(allocOk(heap, 40).chunk.offset, policy).toBe(0);
      }
    });
  });

  it('next fit when the chunk last allocated was freed and merged into a hole that starts before it: the documented reading', () => {
    // alloc 8 x 3; free #1; free #3; alloc 8. The rover is at unit 3 (just past #3). #3 merged into
    // the free tail, which starts at unit 2, before the rover: the search goes on from the rover,
    // finds no free chunk that starts at or after it, and wraps to unit 0 (docs/allocators.md).
    const heap = track(new PageAllocator({ policy: 'next' }));
    const [one, , three] = [allocOk(heap, 8), allocOk(heap, 8), allocOk(heap, 8)];
    freeOk(heap, one.address);
    expect(freeOk(heap, three.address).into).toMatchObject({ offset: 16, size: 4096 - 16 });
    const got = allocOk(heap, 8);
    expect(got.chunk.offset).toBe(0);
    expect(got.facts.examined).toBe(1);
  });

  it('addresses print as unsigned hex: a negative bigint is the 64-bit pattern, never 0x-1', () => {
    expect(hex(-1n)).toBe('0xffffffffffffffff');
    expect(hex(-4096n)).toBe('0xfffffffffffff000');
    expect(hex(0x7f00_0000_1000n)).toBe('0x7f0000001000');
    const heap = track(new PageAllocator());
    for (const address of [-1n, -8n, -(2n ** 63n)]) {
      const refused = freeRefused(heap, address);
      expect(refused.reason).toBe('not-ours');
      expect(refused.message).toContain(hex(address));
      expect(refused.message).not.toMatch(/0x-/);
      expect(() => heap.view(address, 1)).toThrow(new RegExp(`^memory ${hex(address)}: not inside any page`));
    }
  });

  it('report(): chunks tile the page, totals add up, fragmentation = 1 - largest / total free', () => {
    const heap = track(new PageAllocator());
    expect(heap.report().fragmentation).toBe(0);
    const chunks = [64, 8, 128, 8, 256, 8].map((size) => allocOk(heap, size));
    freeOk(heap, chunks[0]!.address);
    freeOk(heap, chunks[2]!.address);
    freeOk(heap, chunks[4]!.address);
    const report = heap.report();
    const free = 64 + 128 + 256 + (4096 - 472);
    expect(report.freeBytes).toBe(free);
    expect(report.usedBytes).toBe(24);
    expect(report.largestFreeBytes).toBe(4096 - 472);
    expect(report.freeChunks).toBe(4);
    expect(report.usedChunks).toBe(3);
    expect(report.fragmentation).toBeCloseTo(1 - (4096 - 472) / free, 12);
    expect(report.pages).toEqual([{ index: 0, base: heap.page.base, bytes: 4096 }]);
    let offset = 0;
    for (const chunk of report.chunks) {
      expect(chunk.offset).toBe(offset);
      expect(chunk.address).toBe(heap.page.base + BigInt(offset));
      offset += chunk.size;
    }
    expect(offset).toBe(4096);
    expect(report.chunks.filter((chunk) => !chunk.free).map((chunk) => chunk.id)).toEqual([1, 3, 5].map((i) => chunks[i]!.chunk.id));
  });

  it('a chunk keeps its id for life; chunkAt and chunkById find it', () => {
    const heap = track(new PageAllocator());
    const a = allocOk(heap, 32);
    const b = allocOk(heap, 32);
    freeOk(heap, a.address);
    allocOk(heap, 8);
    expect(heap.chunkById(b.chunk.id)).toEqual(b.chunk);
    expect(heap.chunkAt(b.address + 31n)).toEqual(b.chunk);
    expect(heap.chunkAt(foreign.base)).toBeUndefined();
    const byId = heap.freeById(b.chunk.id);
    expect(byId.ok && byId.freed.id).toBe(b.chunk.id);
    expect(heap.chunkById(b.chunk.id)).toBeUndefined();
    expect(heap.check()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Part B class API

describe('ElasticHeap (Part B class API)', () => {
  it('maps nothing at creation; refuses bad sizes (mapping nothing) with their reasons', () => {
    const heap = track(new ElasticHeap());
    expect(heap.pagesMapped).toBe(0);
    const cases: Array<[number, string]> = [
      [0, 'invalid-size'], [-256, 'invalid-size'], [256.5, 'invalid-size'], [NaN, 'invalid-size'],
      [8, 'not-multiple'], [255, 'not-multiple'], [257, 'not-multiple'], [4097, 'not-multiple'],
      [4352, 'too-large'], [8192, 'too-large'],
    ];
    for (const [size, reason] of cases) {
      expect(allocRefused(heap, size).reason, `alloc(${size})`).toBe(reason);
      expect(heap.pagesMapped).toBe(0);
    }
    const first = allocOk(heap, 256);
    expect(first.facts.pageMapped).toBe(true);
    expect(heap.pagesMapped).toBe(1);
    expect(allocOk(heap, 256).facts.pageMapped).toBe(false);
  });

  it('maps exactly one page when nothing fits, and the fifth page is refused (heap-full)', () => {
    const heap = track(new ElasticHeap());
    const bases: bigint[] = [];
    for (let n = 1; n <= 4; n += 1) {
      const got = allocOk(heap, 4096);
      expect(got.facts.pageMapped).toBe(true);
      expect(got.chunk).toMatchObject({ page: n - 1, offset: 0 });
      expect(heap.pagesMapped).toBe(n);
      expect(got.address).toBe(heap.pageInfo()[n - 1]!.base);
      bases.push(got.address);
    }
    expect(new Set(bases).size).toBe(4);
    for (const size of [4096, 256]) {
      const refused = allocRefused(heap, size);
      expect(refused.reason).toBe('heap-full');
      expect(refused.message).toMatch(/all 4 pages are mapped/);
    }
    expect(heap.pagesMapped).toBe(4);
    // A page with room is used before any new page would be.
    freeOk(heap, bases[1]!);
    const again = allocOk(heap, 256);
    expect(again.facts.pageMapped).toBe(false);
    expect(again.address).toBe(bases[1]);
  });

  it('no chunk crosses a page boundary: 4 x 3840 leave 4 x 256 free, and 512 is refused', () => {
    const heap = track(new ElasticHeap());
    for (let n = 0; n < 4; n += 1) expect(allocOk(heap, 3840).facts.pageMapped).toBe(true);
    expect(heap.stats()).toMatchObject({ freeBytes: 1024, freeChunks: 4, largestFreeBytes: 256 });
    expect(allocRefused(heap, 512).reason).toBe('heap-full');
    for (const chunk of heap.chunks()) {
      expect(chunk.offset + chunk.size).toBeLessThanOrEqual(4096);
      const base = heap.pageInfo()[chunk.page]!.base;
      expect(chunk.address >= base && chunk.address + BigInt(chunk.size) <= base + 4096n).toBe(true);
    }
    // 256s go into the tails, one per page, lowest address first (first fit).
    const byAddress = heap.pageInfo().sort((a, b) => (a.base < b.base ? -1 : 1)).map((page) => [page.index, 3840]);
    const tails = Array.from({ length: 4 }, () => allocOk(heap, 256).chunk);
    expect(tails.map((chunk) => [chunk.page, chunk.offset])).toEqual(byAddress);
  });

  it('never merges free space across pages, even when two pages are adjacent in memory', () => {
    const heap = track(new ElasticHeap({ maxPages: 8 }));
    const whole = Array.from({ length: 8 }, () => allocOk(heap, 4096));
    const pages = heap.pageInfo();
    // The kernel places successive anonymous mappings next to each other (top-down).
    const pair = pages.flatMap((lo) => pages.filter((hi) => hi.base === lo.base + 4096n).map((hi) => ({ lo, hi })))[0];
    expect(pair, `two of the 8 pages adjacent in memory: ${pages.map((page) => hex(page.base)).join(' ')}`).toBeDefined();
    const { lo, hi } = pair!;
    // hi: free [0, 256), used [256, 4096); lo: used [0, 3840), free [3840, 4096). The two free
    // chunks touch in memory at hi.base, but lie in different pages.
    freeOk(heap, whole[hi.index]!.address);
    const head = allocOk(heap, 256);
    expect(head.chunk).toMatchObject({ page: hi.index, offset: 0 });
    const hiRest = allocOk(heap, 3840);
    expect(hiRest.chunk).toMatchObject({ page: hi.index, offset: 256 });
    freeOk(heap, head.address);
    freeOk(heap, whole[lo.index]!.address);
    const loRest = allocOk(heap, 3840);
    expect(loRest.chunk).toMatchObject({ page: lo.index, offset: 0 });
    expect(heap.stats()).toMatchObject({ freeBytes: 512, freeChunks: 2, largestFreeBytes: 256 });
    expect(heap.chunkAt(lo.base + 4095n)).toMatchObject({ free: true, size: 256, page: lo.index });
    expect(heap.chunkAt(hi.base)).toMatchObject({ free: true, size: 256, page: hi.index });
    expect(allocRefused(heap, 512).reason).toBe('heap-full');
    // Freeing either neighbour merges only within its own page.
    const loFreed = freeOk(heap, loRest.address);
    expect(loFreed.facts.merged).toBe('right');
    expect(loFreed.into).toMatchObject({ page: lo.index, offset: 0, size: 4096 });
    expect(heap.chunkAt(hi.base)).toMatchObject({ free: true, size: 256, offset: 0, page: hi.index });
    const hiFreed = freeOk(heap, hiRest.address);
    expect(hiFreed.facts.merged).toBe('left');
    expect(hiFreed.into).toMatchObject({ page: hi.index, offset: 0, size: 4096 });
    expect(heap.stats()).toMatchObject({ freeBytes: 8192, freeChunks: 2, largestFreeBytes: 4096 });
    expect(freeLayout(heap, lo.index)).toEqual([[0, 4096]]);
    expect(freeLayout(heap, hi.index)).toEqual([[0, 4096]]);
  });

  it('three adjacent chunks freed in each of the 6 orders merge into one free chunk within the page', () => {
    const sizes = [256, 512, 768];
    for (const order of permutations([0, 1, 2])) {
      const heap = track(new ElasticHeap());
      allocOk(heap, 256);
      const chunks = sizes.map((size) => allocOk(heap, size));
      allocOk(heap, 4096 - 256 - 1536);
      for (const index of order) freeOk(heap, chunks[index]!.address);
      expect(freeLayout(heap), `order ${order}`).toEqual([[256, 1536]]);
      expect(heap.pagesMapped).toBe(1);
      const merged = allocOk(heap, 1536);
      expect(merged.address).toBe(chunks[0]!.address);
      expect(merged.facts.pageMapped).toBe(false);
      heap.destroy();
    }
  });

  it('the issue\'s case: worst fit over three freed whole pages takes the lowest address, not the page mapped first', () => {
    for (const policy of ['worst', 'first', 'best'] as const) {
      const heap = track(new ElasticHeap({ policy }));
      const pages = [allocOk(heap, 4096), allocOk(heap, 4096), allocOk(heap, 4096)].map((result) => result.address);
      for (const address of pages) freeOk(heap, address);
      const lowest = pages.reduce((low, address) => (address < low ? address : low));
      expect(allocOk(heap, 256).address, `${policy} fit`).toBe(lowest);
      heap.destroy();
    }
  });

  it('each policy picks across pages by address, whatever order the pages were mapped in', () => {
    // Mapped in this order: page 0 (address rank 1), page 1 (rank 2, the highest), page 2 (rank 0, the lowest).
    // Page 0: free 1024 at 0, used rest; page 1: used 256, free 256 at 256, used rest; page 2: free 512 at 0, used rest.
    const layout = (policy: Policy): ElasticHeap => {
      const pool = pagesByRank([1, 2, 0]);
      const heap = track(new ElasticHeap({ maxPages: 3, policy: 'first', pages: pool.source }));
      const p0 = [allocOk(heap, 1024), allocOk(heap, 3072)];
      const p1 = [allocOk(heap, 256), allocOk(heap, 256), allocOk(heap, 3584)];
      const p2 = [allocOk(heap, 512), allocOk(heap, 3584)];
      expect([p0[0]!.chunk.page, p1[0]!.chunk.page, p2[0]!.chunk.page]).toEqual([0, 1, 2]);
      const bases = heap.pageInfo().map((page) => page.base);
      expect(bases[2]! < bases[0]! && bases[0]! < bases[1]!, 'pages mapped out of address order').toBe(true);
      freeOk(heap, p0[0]!.address);
      freeOk(heap, p1[1]!.address);
      freeOk(heap, p2[0]!.address);
      heap.policy = policy;
      return heap;
    };
    const where = (heap: ElasticHeap, size: number) => {
      const chunk = allocOk(heap, size).chunk;
      return [chunk.page, chunk.offset];
    };
    expect(where(layout('first'), 256)).toEqual([2, 0]); // the lowest address: page 2, mapped last
    expect(where(layout('best'), 256)).toEqual([1, 256]);
    expect(where(layout('worst'), 256)).toEqual([0, 0]);
    // The last alloc of the layout ended at the end of page 2: the next page up is page 0.
    expect(where(layout('next'), 256)).toEqual([0, 0]);
    const next = layout('best');
    expect(where(next, 256)).toEqual([1, 256]);
    next.policy = 'next';
    expect(where(next, 256)).toEqual([2, 0]); // nothing after page 1, the highest: wrap to the lowest
    expect(where(next, 512)).toEqual([0, 0]); // page 2 has 256 left after the rover; page 0 is next up
    expect(where(next, 512)).toEqual([0, 512]);
    expect(where(next, 256)).toEqual([2, 256]); // nothing after the end of page 0 but full page 1: wrap
    expect(allocRefused(next, 256).reason).toBe('heap-full');
  });

  it('pages mapped in any address order, past the first 64 places: every page is found, first fit walks them by address', () => {
    for (const direction of ['rising', 'falling', 'shuffled'] as const) {
      const count = 150;
      const ranks = Array.from({ length: count }, (_, index) => (direction === 'falling' ? count - 1 - index : index));
      if (direction === 'shuffled') for (let index = count - 1; index > 0; index -= 1) {
        const other = (index * 7919 + 13) % (index + 1);
        [ranks[index], ranks[other]] = [ranks[other]!, ranks[index]!];
      }
      const pool = pagesByRank(ranks);
      const heap = track(new ElasticHeap({ maxPages: count, pages: pool.source }));
      const whole = Array.from({ length: count }, () => allocOk(heap, 4096).address);
      for (const [index, address] of whole.entries()) heap.view(address, 8).set(pattern(index, 8));
      for (const [index, address] of whole.entries()) {
        expect(heap.chunkAt(address + 4095n)).toMatchObject({ page: index, offset: 0, size: 4096 });
        expect(same(heap.view(address, 8), pattern(index, 8))).toBe(true);
      }
      for (const address of whole) freeOk(heap, address);
      const sorted = [...whole].sort((a, b) => (a < b ? -1 : 1));
      expect(Array.from({ length: count }, () => allocOk(heap, 4096).address), direction).toEqual(sorted);
      heap.destroy();
    }
  });

  it('runs with other parameters: 8 KiB pages of 512-byte units', () => {
    const heap = track(new ElasticHeap({ pageBytes: 8192, unitBytes: 512, maxPages: 2 }));
    expect(allocRefused(heap, 256).reason).toBe('not-multiple');
    const page = allocOk(heap, 8192);
    expect(page.address).toBe(heap.pageInfo()[0]!.base);
    heap.view(page.address, 8192).set(pattern(5, 8192));
    const second = allocOk(heap, 512);
    expect(second.facts.pageMapped).toBe(true);
    expect(heap.chunkAt(page.address + 4096n)).toMatchObject({ page: 0, offset: 0, size: 8192 });
    expect(freeRefused(heap, page.address + 4096n).reason).toBe('interior');
    expect(same(heap.view(page.address, 8192), pattern(5, 8192))).toBe(true);
    expect(allocRefused(heap, 8192).reason).toBe('heap-full');
  });
});
