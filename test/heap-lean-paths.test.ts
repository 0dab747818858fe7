/**
 * The lean paths against the rich one, in lockstep over random sequences, on real pages:
 * - `HeapCore.alloc/free` (what `memtui/ealloc` runs: a bigint or null, a boolean), every policy,
 *   with pages handed out in a shuffled address order;
 * - `FirstFitPage` (what `memtui/alloc` runs: one page, first fit).
 * The rich `ChunkHeap` they are compared with is itself checked against a reference model
 * (heap-model.test.ts). Two heaps on different pages agree when each alloc lands on the same
 * page (in mapping order) at the same offset, and each free or refusal is the same.
 *
 * Seeds: random per run; fast-check prints `{ seed, path }` on failure (FC_SEED / FC_PATH replay).
 */
import fc from 'fast-check';
import { propertyRuns } from './property-runs.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkHeap, FirstFitPage, HeapCore, type PageSource, type Policy, hex, policies } from '../source/heap/index.js';
import { Mapping } from '../source/native/index.js';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const path = process.env.FC_PATH;

/** Pools of real pages, handed out in the same address-rank order to each heap of a pair. */
const pools: Mapping[][] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) for (const mapping of pool) if (mapping.live) mapping.unmap();
});

function rankedPages(ranks: number[], pageBytes: number): PageSource {
  const pool = ranks.map(() => Mapping.map({ length: pageBytes })).sort((a, b) => (a.base < b.base ? -1 : 1));
  pools.push(pool);
  let next = 0;
  return { map: () => pool[ranks[next++]!]! };
}

function shuffledRanks(count: number, shuffleSeed: number): number[] {
  const ranks = Array.from({ length: count }, (_, index) => index);
  let state = shuffleSeed | 1;
  for (let index = count - 1; index > 0; index -= 1) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) ^ Math.imul(state ^ (state >>> 12), 0x297a2d39);
    const other = (state >>> 0) % (index + 1);
    [ranks[index], ranks[other]] = [ranks[other]!, ranks[index]!];
  }
  return ranks;
}

type Step =
  | { kind: 'alloc'; units: number; odd: number }
  | { kind: 'free'; pick: number }
  | { kind: 'bad-free'; pick: number; delta: number }
  | { kind: 'policy'; policy: Policy };

function steps(unitsPerPage: number, withPolicies: boolean): fc.Arbitrary<Step[]> {
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('alloc' as const), units: fc.integer({ min: 1, max: Math.min(unitsPerPage, 16) }), odd: fc.constant(0) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('alloc' as const), units: fc.integer({ min: 1, max: unitsPerPage }), odd: fc.constant(0) }) },
    // A size that is not a whole number of units, or too large, or not positive.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('alloc' as const), units: fc.integer({ min: -1, max: unitsPerPage + 1 }), odd: fc.integer({ min: 1, max: 7 }) }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bad-free' as const), pick: fc.nat(), delta: fc.nat() }) },
    { weight: withPolicies ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('policy' as const), policy: fc.constantFrom(...policies) }) },
  );
  return fc.array(step, { minLength: 50, maxLength: 600, size: 'max' });
}

interface Lean {
  alloc(size: number): bigint | null;
  /** The page (in mapping order) that holds the address. */
  pageOf(address: bigint): number;
  free(address: bigint): boolean;
  memory(address: bigint, length: number): Uint8Array;
  setPolicy(policy: Policy): void;
}

/** Runs `list` on both heaps and fails on the first disagreement. */
function lockstep(list: Step[], rich: ChunkHeap, lean: Lean, unitBytes: number): number {
  const pairs: Array<{ rich: bigint; lean: bigint; size: number; tag: number }> = [];
  let operations = 0;
  for (const step of list) {
    operations += 1;
    switch (step.kind) {
      case 'alloc': {
        const size = step.units * unitBytes + (step.odd ? step.odd % unitBytes || 1 : 0);
        const expected = rich.alloc(size);
        const got = lean.alloc(size);
        if (!expected.ok) {
          expect(got, `alloc(${size}) refused by the rich heap (${expected.reason}) but the lean one gave ${got === null ? 'null' : hex(got)}`).toBeNull();
          break;
        }
        expect(got, `alloc(${size}): the rich heap gave page ${expected.chunk.page} offset ${expected.chunk.offset}`).not.toBeNull();
        pairs.push({ rich: expected.address, lean: got!, size, tag: operations });
        // The same place: the same page (in mapping order) and offset.
        expect([lean.pageOf(got!), Number(got! % 4096n)], `alloc(${size})`).toEqual([expected.chunk.page, expected.chunk.offset]);
        lean.memory(got!, size).fill(operations & 0xff);
        break;
      }
      case 'free': {
        if (pairs.length === 0) break;
        const at = step.pick % pairs.length;
        const pair = pairs[at]!;
        expect(lean.memory(pair.lean, pair.size).every((byte) => byte === (pair.tag & 0xff)), 'the chunk kept its bytes').toBe(true);
        expect(rich.free(pair.rich).ok).toBe(true);
        expect(lean.free(pair.lean)).toBe(true);
        pairs.splice(at, 1);
        break;
      }
      case 'bad-free': {
        if (pairs.length === 0) break;
        const pair = pairs[step.pick % pairs.length]!;
        // Inside the pair's page only: the two heaps' pages lie in the same order, not at the same distances.
        const room = 4096 - Number(pair.rich % 4096n) - 1;
        if (room < 1) break;
        const delta = BigInt(1 + (step.delta % Math.min(2 * pair.size, room)));
        const richResult = rich.free(pair.rich + delta);
        expect(lean.free(pair.lean + delta), `free at ${delta} B into a chunk`).toBe(richResult.ok);
        if (richResult.ok) pairs.splice(pairs.indexOf(pairs.find((other) => other.rich === pair.rich + delta)!), 1);
        break;
      }
      case 'policy':
        rich.policy = step.policy;
        lean.setPolicy(step.policy);
        break;
    }
    if (operations % 50 === 0) expect(rich.check()).toEqual([]);
  }
  return operations;
}

function leanCore(core: HeapCore): Lean {
  return {
    alloc: (size) => core.alloc(size),
    pageOf: (address) => core.slotAt(core.locate(address)),
    free: (address) => core.free(address),
    memory: (address, length) => core.memory(address, length),
    setPolicy: (policy) => { core.policy = policy; },
  };
}

describe('the lean paths agree with the rich heap, step by step', () => {
  it('HeapCore (memtui/ealloc\'s path): every policy, up to 12 pages of 16 units mapped in a shuffled order', () => {
    let total = 0;
    fc.assert(
      fc.property(steps(16, true), fc.constantFrom(...policies), fc.integer(), (list, policy, shuffleSeed) => {
        const ranks = shuffledRanks(12, shuffleSeed);
        const rich = new ChunkHeap({ unitBytes: 256, pageBytes: 4096, maxPages: 12, policy, pages: rankedPages(ranks, 4096) });
        const core = new HeapCore({ unitBytes: 256, pageBytes: 4096, maxPages: 12, policy, pages: rankedPages(ranks, 4096) });
        try {
          total += lockstep(list, rich, leanCore(core), 256);
          expect(core.check()).toEqual([]);
          expect(core.pagesMapped).toBe(rich.pagesMapped);
        } finally {
          rich.destroy();
          core.close();
        }
      }),
      { numRuns: propertyRuns(60), seed, path, endOnFailure: false },
    );
    expect(total).toBeGreaterThan(100 * propertyRuns(60));
  });

  it('HeapCore with 8-byte units over 3 pages, every policy', () => {
    let total = 0;
    fc.assert(
      fc.property(steps(512, true), fc.constantFrom(...policies), fc.integer(), (list, policy, shuffleSeed) => {
        const ranks = shuffledRanks(3, shuffleSeed);
        const rich = new ChunkHeap({ unitBytes: 8, pageBytes: 4096, maxPages: 3, policy, pages: rankedPages(ranks, 4096) });
        const core = new HeapCore({ unitBytes: 8, pageBytes: 4096, maxPages: 3, policy, pages: rankedPages(ranks, 4096) });
        try {
          total += lockstep(list, rich, leanCore(core), 8);
          expect(core.check()).toEqual([]);
        } finally {
          rich.destroy();
          core.close();
        }
      }),
      { numRuns: propertyRuns(40), seed, path, endOnFailure: false },
    );
    expect(total).toBeGreaterThan(100 * propertyRuns(40));
  });

  it('FirstFitPage (memtui/alloc\'s path) places as PageAllocator\'s first fit', () => {
    let total = 0;
    fc.assert(
      fc.property(steps(512, false), (list) => {
        const rich = new ChunkHeap({ unitBytes: 8, pageBytes: 4096, maxPages: 1, policy: 'first' });
        const page = new FirstFitPage({ unitBytes: 8, pageBytes: 4096 });
        expect(rich.alloc(8).ok).toBe(true); // maps the rich heap's page; freed at once
        expect(rich.free(rich.pageInfo()[0]!.base).ok).toBe(true);
        page.map();
        try {
          total += lockstep(list, rich, { alloc: (s) => page.alloc(s), pageOf: () => 0, free: (a) => page.free(a), memory: (a, l) => page.memory(a, l), setPolicy: () => {} }, 8);
        } finally {
          rich.destroy();
          page.unmap();
        }
      }),
      { numRuns: propertyRuns(80), seed, path, endOnFailure: false },
    );
    expect(total).toBeGreaterThan(100 * propertyRuns(80));
  });
});
