/**
 * Model-based property tests (fast-check `fc.commands` + `fc.modelRun`) of both allocators on
 * real pages from the real kernel, against a deliberately simple model: a list of live chunks
 * per page with the bytes each one should hold. Free space is never stored in the model; it is
 * derived by walking each page over the live chunks, so the model's idea of "the free chunks"
 * (and of the largest one) is independent of the heap's own bookkeeping.
 *
 * Every command checks the heap's answer against the model (placement by the policy's
 * definition in issue 3, refusal reasons, merge sides, what a bad free says), and after every
 * command the invariant checker must return [] and every live chunk's bytes must be intact
 * through heap.view().
 *
 * Seeds: random per run; fast-check prints `{ seed, path }` on failure. Replay a failure with
 * FC_SEED=<seed> (and FC_PATH=<path>) in the environment.
 */
import fc from 'fast-check';
import { operationFloor, propertyRuns } from './property-runs.js';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ChunkHeap, type ChunkInfo, ElasticHeap, type FreeRefusal, type MergeSide, PageAllocator, type PageSource, type Policy, hex, policies,
} from '../source/heap/index.js';
import { Mapping } from '../source/native/index.js';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const path = process.env.FC_PATH;

/** Real memory that belongs to no heap under test: frees and views of it must be refused. */
const foreign = Mapping.map();
afterAll(() => foreign.unmap());

function fail(message: string): never {
  throw new Error(message);
}

function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) fail(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

function pattern(chunkSeed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = (chunkSeed * 0x9e3779b1 + 0x7f4a7c15) | 0;
  for (let i = 0; i < size; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

// -------------------------------------------------------------------------------------------
// The model

interface LiveChunk { address: bigint; page: number; offset: number; size: number; id: number; bytes: Uint8Array }
/** A free chunk: its page (in mapping order, as the heap numbers pages), offset, size and address. */
interface Gap { page: number; offset: number; size: number; address: bigint }
type Located =
  | { kind: 'outside' }
  | { kind: 'live-start' | 'interior'; chunk: LiveChunk }
  | { kind: 'gap-start' | 'gap-inside' };

class Model {
  policy: Policy;
  /** Page bases in the order the pages were mapped. */
  readonly pageBases: bigint[] = [];
  /** Live chunks of each page, sorted by offset. */
  readonly perPage: LiveChunk[][] = [];
  /** Live chunks in no particular order, for picking one. */
  readonly live: LiveChunk[] = [];
  /** Addresses freed recently, for double frees. */
  readonly freed: bigint[] = [];
  /** Every address alloc ever returned: a free at one of them that is free now is a double free. */
  readonly handedOut = new Set<bigint>();
  /** Next fit: the address just past the chunk most recently allocated (null before the first). */
  rover: bigint | null = null;

  constructor(policy: Policy, readonly pageBytes: number, readonly unitBytes: number, readonly maxPages: number) {
    this.policy = policy;
  }

  addPage(base: bigint): void {
    this.pageBases.push(base);
    this.perPage.push([]);
  }

  /**
   * The free chunks in address order, derived by walking every page over its live chunks
   * (merging is complete). Pages are taken by address, whatever order they were mapped in.
   */
  gaps(): Gap[] {
    const gaps: Gap[] = [];
    const byAddress = this.pageBases.map((base, page) => ({ base, page })).sort((a, b) => (a.base < b.base ? -1 : 1));
    for (const { base, page } of byAddress) {
      let cursor = 0;
      const push = (end: number) => {
        if (end > cursor) gaps.push({ page, offset: cursor, size: end - cursor, address: base + BigInt(cursor) });
      };
      for (const chunk of this.perPage[page]!) {
        push(chunk.offset);
        cursor = chunk.offset + chunk.size;
      }
      push(this.pageBytes);
    }
    return gaps;
  }

  /**
   * The chunk the policy must choose among `gaps` (address order) for `size` bytes, or -1; and
   * how many a walk of the free list in address order examines.
   */
  choose(gaps: Gap[], size: number): { index: number; examined: number } {
    const fits = (gap: Gap) => gap.size >= size;
    switch (this.policy) {
      case 'first': {
        const index = gaps.findIndex(fits);
        return { index, examined: index + 1 };
      }
      case 'best': {
        let index = -1;
        gaps.forEach((gap, i) => { if (fits(gap) && (index < 0 || gap.size < gaps[index]!.size)) index = i; });
        return { index, examined: gaps.length };
      }
      case 'worst': {
        let index = -1;
        gaps.forEach((gap, i) => { if (index < 0 || gap.size > gaps[index]!.size) index = i; });
        if (index >= 0 && !fits(gaps[index]!)) index = -1;
        return { index, examined: gaps.length };
      }
      case 'next': {
        // Free chunks that start at or after the rover first (in address order), then wrap.
        const rover = this.rover ?? 0n;
        const after = gaps.findIndex((gap) => gap.address >= rover && fits(gap));
        const atOrAfterRover = gaps.filter((gap) => gap.address >= rover).length;
        if (after >= 0) return { index: after, examined: gaps.slice(0, after).filter((gap) => gap.address >= rover).length + 1 };
        const wrapped = gaps.findIndex(fits);
        return { index: wrapped, examined: wrapped < 0 ? 0 : atOrAfterRover + wrapped + 1 };
      }
    }
  }

  largestGap(gaps: Gap[]): number {
    return gaps.reduce((largest, gap) => Math.max(largest, gap.size), 0);
  }

  sizeRefusal(size: number): 'invalid-size' | 'not-multiple' | 'too-large' | null {
    if (!Number.isInteger(size) || size <= 0) return 'invalid-size';
    if (size % this.unitBytes !== 0) return 'not-multiple';
    if (size > this.pageBytes) return 'too-large';
    return null;
  }

  insert(chunk: LiveChunk): void {
    const list = this.perPage[chunk.page]!;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.offset < chunk.offset) low = middle + 1; else high = middle;
    }
    list.splice(low, 0, chunk);
    this.live.push(chunk);
    this.handedOut.add(chunk.address);
  }

  /** Where a free of `chunk` must merge to: its page's free run around it. */
  mergeOf(chunk: LiveChunk): { merged: MergeSide; offset: number; size: number } {
    const list = this.perPage[chunk.page]!;
    const index = list.indexOf(chunk);
    const previousEnd = index > 0 ? list[index - 1]!.offset + list[index - 1]!.size : 0;
    const nextStart = index < list.length - 1 ? list[index + 1]!.offset : this.pageBytes;
    const left = chunk.offset > previousEnd;
    const right = chunk.offset + chunk.size < nextStart;
    const merged: MergeSide = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
    const offset = left ? previousEnd : chunk.offset;
    return { merged, offset, size: (right ? nextStart : chunk.offset + chunk.size) - offset };
  }

  remove(chunk: LiveChunk): void {
    const list = this.perPage[chunk.page]!;
    list.splice(list.indexOf(chunk), 1);
    const at = this.live.indexOf(chunk);
    this.live[at] = this.live[this.live.length - 1]!;
    this.live.pop();
    this.freed.push(chunk.address);
    if (this.freed.length > 32) this.freed.shift();
  }

  locate(address: bigint): Located {
    const page = this.pageBases.findIndex((base) => address >= base && address < base + BigInt(this.pageBytes));
    if (page < 0) return { kind: 'outside' };
    const offset = Number(address - this.pageBases[page]!);
    let gapStart = 0;
    for (const chunk of this.perPage[page]!) {
      if (offset < chunk.offset) break;
      if (offset < chunk.offset + chunk.size) return { kind: offset === chunk.offset ? 'live-start' : 'interior', chunk };
      gapStart = chunk.offset + chunk.size;
    }
    return { kind: offset === gapStart ? 'gap-start' : 'gap-inside' };
  }

  expectedFreeRefusal(address: bigint): FreeRefusal | null {
    const located = this.locate(address);
    switch (located.kind) {
      case 'outside': return 'not-ours';
      case 'live-start': return null;
      case 'interior': return 'interior';
      case 'gap-start': return this.handedOut.has(address) ? 'double-free' : 'in-free-space';
      case 'gap-inside': return 'in-free-space';
    }
  }
}

interface Real { heap: ChunkHeap; counter: { operations: number } }

/** The heap's whole picture as one string: equal strings mean nothing changed. */
function fingerprint(heap: ChunkHeap): string {
  const stats = heap.stats();
  const chunks = heap.chunks().map((chunk) => `${chunk.page}:${chunk.offset}:${chunk.size}:${chunk.free ? 'f' : 'u'}:${chunk.id}`);
  return `${stats.pagesMapped}/${stats.freeBytes}/${stats.freeChunks}/${stats.largestFreeBytes}|${chunks.join(',')}`;
}

/** After every command: the invariant checker, every live chunk's bytes, and the totals against the model. */
function verify(model: Model, real: Real): void {
  const { heap } = real;
  real.counter.operations += 1;
  const problems = heap.check();
  if (problems.length > 0) fail(`check(): ${problems.join('; ')}`);
  for (const chunk of model.live) {
    const view = heap.view(chunk.address, chunk.size);
    if (!Buffer.from(view.buffer, view.byteOffset, view.length).equals(chunk.bytes)) {
      fail(`bytes of chunk #${chunk.id} at ${hex(chunk.address)} (${chunk.size} B) changed`);
    }
  }
  const gaps = model.gaps();
  const stats = heap.stats();
  assertEqual(stats.pagesMapped, model.pageBases.length, 'pages mapped');
  assertEqual(stats.usedChunks, model.live.length, 'used chunks');
  assertEqual(stats.freeChunks, gaps.length, 'free chunks');
  assertEqual(stats.freeBytes, gaps.reduce((total, gap) => total + gap.size, 0), 'free bytes');
  assertEqual(stats.largestFreeBytes, model.largestGap(gaps), 'largest free chunk');
}

// -------------------------------------------------------------------------------------------
// Commands

class AllocCommand implements fc.Command<Model, Real> {
  constructor(readonly size: number, readonly seed: number) {}
  check(): boolean { return true; }

  run(model: Model, real: Real): void {
    const { heap } = real;
    const refusal = model.sizeRefusal(this.size);
    const gaps = model.gaps();
    const before = refusal ? fingerprint(heap) : '';
    const result = heap.alloc(this.size);

    if (refusal) {
      if (result.ok) fail(`alloc(${this.size}) succeeded; expected ${refusal}`);
      assertEqual(result.reason, refusal, `alloc(${this.size}) reason`);
      assertEqual(fingerprint(heap), before, `alloc(${this.size}) refused but changed the heap`);
      verify(model, real);
      return;
    }

    // The rule, from the model alone: never null while a free chunk fits (Part A), or while a
    // page has room or another page may still be mapped (Part B).
    const fitsSomewhere = model.largestGap(gaps) >= this.size;
    const mayMap = model.pageBases.length < model.maxPages;
    if (!result.ok) {
      if (fitsSomewhere) fail(`alloc(${this.size}) refused (${result.reason}) though a free chunk of ${model.largestGap(gaps)} B fits`);
      if (mayMap) fail(`alloc(${this.size}) refused (${result.reason}) though only ${model.pageBases.length} of ${model.maxPages} pages are mapped`);
      assertEqual(result.reason, model.maxPages > 1 ? 'heap-full' : 'no-fit', `alloc(${this.size}) refusal`);
      const freeBytes = gaps.reduce((total, gap) => total + gap.size, 0);
      if (model.maxPages === 1 && freeBytes >= this.size && !/fragmentation/.test(result.message)) {
        fail(`alloc(${this.size}) refusal with ${freeBytes} B free does not say fragmentation: ${result.message}`);
      }
      verify(model, real);
      return;
    }

    // Where the policy must put it.
    let choice = model.choose(gaps, this.size);
    let chosen = choice.index >= 0 ? gaps[choice.index]! : undefined;
    let mapped = false;
    let expectedExamined: number | null = null;
    if (!chosen) {
      // Nothing fits: exactly one new page, and the request goes at its start.
      const page = model.pageBases.length;
      if (result.chunk.offset !== 0 || result.chunk.page !== page) fail(`alloc(${this.size}) on a new page went to page ${result.chunk.page} offset ${result.chunk.offset}`);
      const base = result.address;
      const overlaps = model.pageBases.some((other) => base < other + BigInt(model.pageBytes) && other < base + BigInt(model.pageBytes));
      if (overlaps || base % 4096n !== 0n) fail(`new page at ${hex(base)} overlaps a page of the heap or is not page-aligned`);
      if (base < foreign.end && foreign.base < base + BigInt(model.pageBytes)) fail(`new page at ${hex(base)} overlaps foreign memory`);
      assertEqual(heap.pageInfo()[page]?.base, base, 'pageInfo() base of the new page');
      model.addPage(base);
      // A walk looked at every free chunk there was (none fitted); the new page's is not counted.
      expectedExamined = gaps.length;
      const withPage = model.gaps();
      choice = model.choose(withPage, this.size);
      chosen = withPage[choice.index];
      assertEqual(chosen?.page, page, `alloc(${this.size}) after mapping: the model's choice`);
      mapped = true;
    }
    const { chunk, facts } = result;
    if (chunk.page !== chosen!.page || chunk.offset !== chosen!.offset) {
      fail(`alloc(${this.size}) by ${model.policy} fit went to page ${chunk.page} offset ${chunk.offset}; expected page ${chosen!.page} offset ${chosen!.offset} among ${JSON.stringify(gaps.map((gap) => [gap.page, gap.offset, gap.size]))}`);
    }
    assertEqual(result.address, model.pageBases[chunk.page]! + BigInt(chunk.offset), 'address');
    assertEqual(chunk.size, this.size, 'chunk size');
    assertEqual(chunk.free, false, 'chunk.free');
    assertEqual(facts.pageMapped, mapped, 'facts.pageMapped');
    assertEqual(facts.split, chosen!.size > this.size, 'facts.split');
    assertEqual(facts.fromFreeBytes, chosen!.size, 'facts.fromFreeBytes');
    assertEqual(facts.merged, 'none', 'facts.merged');
    if (expectedExamined !== null) {
      assertEqual(facts.examined, expectedExamined, 'facts.examined when a page was mapped');
    } else if (model.policy === 'first' || model.policy === 'next' || model.policy === 'worst') {
      assertEqual(facts.examined, choice.examined, `facts.examined (${model.policy})`);
    } else if (facts.examined < choice.index + 1 || facts.examined > choice.examined) {
      fail(`facts.examined ${facts.examined} for best fit outside ${choice.index + 1}..${choice.examined}`);
    }
    if (model.live.some((other) => other.id === chunk.id)) fail(`id #${chunk.id} handed out twice`);

    const bytes = pattern(this.seed, this.size);
    heap.view(result.address, this.size).set(bytes);
    model.insert({ address: result.address, page: chunk.page, offset: chunk.offset, size: this.size, id: chunk.id, bytes });
    model.rover = chosen!.address + BigInt(this.size);
    verify(model, real);
  }

  toString(): string { return `alloc(${this.size})`; }
}

class FreeCommand implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly byId: boolean) {}
  check(model: Readonly<Model>): boolean { return model.live.length > 0; }

  run(model: Model, real: Real): void {
    const chunk = model.live[this.pick % model.live.length]!;
    const expected = model.mergeOf(chunk);
    const result = this.byId ? real.heap.freeById(chunk.id) : real.heap.free(chunk.address);
    if (!result.ok) fail(`free of live chunk #${chunk.id} at ${hex(chunk.address)} refused: ${result.reason}`);
    assertEqual(result.freed.id, chunk.id, 'freed.id');
    assertEqual(result.freed.address, chunk.address, 'freed.address');
    assertEqual(result.freed.size, chunk.size, 'freed.size');
    assertEqual(result.facts.merged, expected.merged, `merge side freeing ${chunk.size} B at page ${chunk.page} offset ${chunk.offset}`);
    const into: ChunkInfo = result.into;
    if (!into.free || into.page !== chunk.page || into.offset !== expected.offset || into.size !== expected.size) {
      fail(`free merged into page ${into.page} offset ${into.offset} size ${into.size}; expected page ${chunk.page} offset ${expected.offset} size ${expected.size}`);
    }
    model.remove(chunk);
    let threw = false;
    try { real.heap.view(chunk.address, 1); } catch (error) { threw = error instanceof RangeError; }
    if (!threw) fail(`view of freed chunk at ${hex(chunk.address)} did not throw a RangeError`);
    verify(model, real);
  }

  toString(): string { return `free(live[${this.pick}]${this.byId ? ', by id' : ''})`; }
}

type BadKind = 'null' | 'interior' | 'double' | 'foreign';

class BadFreeCommand implements fc.Command<Model, Real> {
  constructor(readonly kind: BadKind, readonly pick: number, readonly delta: number) {}

  check(model: Readonly<Model>): boolean {
    if (this.kind === 'interior') return model.live.length > 0;
    if (this.kind === 'double') return this.doubles(model as Model).length > 0;
    return true;
  }

  doubles(model: Model): bigint[] {
    return model.freed.filter((address) => model.expectedFreeRefusal(address) !== null);
  }

  target(model: Model): bigint | null {
    switch (this.kind) {
      case 'null': return null;
      case 'interior': {
        const chunk = model.live[this.pick % model.live.length]!;
        return chunk.address + BigInt(1 + (this.delta % (chunk.size - 1)));
      }
      case 'double': {
        const candidates = this.doubles(model);
        return candidates[this.pick % candidates.length]!;
      }
      case 'foreign': {
        const first = model.pageBases[0];
        const last = model.pageBases[model.pageBases.length - 1];
        const options = [0n, 1n, foreign.base, foreign.base + BigInt(this.delta % 4096), 2n ** 47n + 8n];
        if (first !== undefined) options.push(first - 1n, first - BigInt(model.unitBytes));
        if (last !== undefined) options.push(last + BigInt(model.pageBytes), last + BigInt(model.pageBytes + model.unitBytes));
        const address = options[this.pick % options.length]!;
        // Next to a page may lie another page of the same heap; never free a live chunk here.
        return model.expectedFreeRefusal(address) === null ? foreign.base : address;
      }
    }
  }

  run(model: Model, real: Real): void {
    const address = this.target(model);
    const expected: FreeRefusal = address === null ? 'null' : model.expectedFreeRefusal(address)!;
    const before = fingerprint(real.heap);
    const result = real.heap.free(address);
    const shown = address === null ? 'NULL' : hex(address);
    if (result.ok) fail(`free ${shown} (${this.kind}) freed chunk #${result.freed.id}; expected ${expected}`);
    assertEqual(result.reason, expected, `free ${shown} (${this.kind}) reason`);
    if (address !== null && !result.message.includes(hex(address))) fail(`free ${shown}: the message does not name the address: ${result.message}`);
    assertEqual(fingerprint(real.heap), before, `free ${shown} (${this.kind}) refused but changed the heap`);
    if (address !== null && expected === 'not-ours') {
      let threw = false;
      try { real.heap.view(address, 1); } catch (error) { threw = error instanceof RangeError; }
      if (!threw) fail(`view of ${shown}, not ours, did not throw a RangeError`);
    }
    verify(model, real);
  }

  toString(): string { return `badFree(${this.kind}, ${this.pick}, ${this.delta})`; }
}

class WriteCommand implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly seed: number) {}
  check(model: Readonly<Model>): boolean { return model.live.length > 0; }

  run(model: Model, real: Real): void {
    const chunk = model.live[this.pick % model.live.length]!;
    const bytes = pattern(this.seed, chunk.size);
    // Written in two views split at an arbitrary byte, as a user writing a struct field by field.
    // (The split point lies inside the chunk: a pointer one past its end is not a pointer into it.)
    const split = this.seed % chunk.size;
    real.heap.view(chunk.address, split).set(bytes.subarray(0, split));
    real.heap.view(chunk.address + BigInt(split), chunk.size - split).set(bytes.subarray(split));
    let threw = false;
    try { real.heap.view(chunk.address + BigInt(split), chunk.size - split + 1); } catch (error) { threw = error instanceof RangeError; }
    if (!threw) fail(`view past the end of chunk #${chunk.id} did not throw a RangeError`);
    chunk.bytes = bytes;
    verify(model, real);
  }

  toString(): string { return `write(live[${this.pick}], ${this.seed})`; }
}

/** Switches the placement policy mid-run: the rover and every index must serve any policy at any moment. */
class PolicyCommand implements fc.Command<Model, Real> {
  constructor(readonly policy: Policy) {}
  check(): boolean { return true; }

  run(model: Model, real: Real): void {
    model.policy = this.policy;
    real.heap.policy = this.policy;
    verify(model, real);
  }

  toString(): string { return `policy(${this.policy})`; }
}

/**
 * Real pages from the kernel, handed out in a shuffled order: a heap's new page then lands
 * below, above or between its pages, where the kernel's own top-down order almost always puts
 * it below. The pages never handed out are unmapped by release().
 */
class ShuffledPages implements PageSource {
  readonly #pool: Mapping[];

  constructor(count: number, pageBytes: number, shuffleSeed: number) {
    this.#pool = Array.from({ length: count }, () => Mapping.map({ length: pageBytes }));
    let state = shuffleSeed | 1;
    for (let index = this.#pool.length - 1; index > 0; index -= 1) {
      state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) ^ Math.imul(state ^ (state >>> 12), 0x297a2d39);
      const other = (state >>> 0) % (index + 1);
      [this.#pool[index], this.#pool[other]] = [this.#pool[other]!, this.#pool[index]!];
    }
  }

  map(bytes: number): Mapping {
    const next = this.#pool.pop();
    if (!next || next.length !== bytes) throw new Error(`ShuffledPages: no page of ${bytes} B left`);
    return next;
  }

  release(): void {
    for (const mapping of this.#pool.splice(0)) mapping.unmap();
  }
}

// -------------------------------------------------------------------------------------------
// Arbitraries and runs

function commandArbitrary(unitBytes: number, pageBytes: number, switchPolicies: boolean): fc.Arbitrary<fc.Command<Model, Real>> {
  const units = pageBytes / unitBytes;
  const small = fc.integer({ min: 1, max: Math.min(16, units) }).map((k) => k * unitBytes);
  const any = fc.integer({ min: 1, max: units }).map((k) => k * unitBytes);
  const invalid = fc.constantFrom(
    0, -0, -unitBytes, -1, 1, unitBytes - 1, unitBytes + 1, unitBytes / 2, unitBytes * 1.5, pageBytes + 1,
    pageBytes + unitBytes, 2 * pageBytes, 2 ** 53, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity,
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(small, fc.nat()).map(([size, s]) => new AllocCommand(size, s)) },
    { weight: 2, arbitrary: fc.tuple(any, fc.nat()).map(([size, s]) => new AllocCommand(size, s)) },
    { weight: 1, arbitrary: fc.tuple(invalid, fc.nat()).map(([size, s]) => new AllocCommand(size, s)) },
    { weight: 7, arbitrary: fc.tuple(fc.nat(), fc.boolean()).map(([pick, byId]) => new FreeCommand(pick, byId)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom<BadKind>('null', 'interior', 'double', 'foreign'), fc.nat(), fc.nat())
        .map(([kind, pick, delta]) => new BadFreeCommand(kind, pick, delta)),
    },
    { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([pick, s]) => new WriteCommand(pick, s)) },
    { weight: switchPolicies ? 1 : 0, arbitrary: fc.constantFrom(...policies).map((policy) => new PolicyCommand(policy)) },
  );
}

interface Setup {
  make: (pages: PageSource | undefined) => ChunkHeap;
  /** Pages from a shuffled pool instead of straight from the kernel. */
  shuffled?: boolean;
  /** Some commands switch the policy (the run starts with `policy`). */
  switchPolicies?: boolean;
  policy: Policy;
  pageBytes: number;
  unitBytes: number;
  maxPages: number;
  numRuns: number;
  maxCommands: number;
}

/** Runs the property and returns how many commands ran (across all runs). */
function runModel(setup: Setup): number {
  const counter = { operations: 0 };
  const commands = fc.commands([commandArbitrary(setup.unitBytes, setup.pageBytes, setup.switchPolicies === true)], { maxCommands: setup.maxCommands, size: 'max' });
  fc.assert(
    fc.property(commands, fc.integer(), (cmds, shuffleSeed) => {
      const pages = setup.shuffled ? new ShuffledPages(setup.maxPages, setup.pageBytes, shuffleSeed) : undefined;
      const heap = setup.make(pages);
      try {
        fc.modelRun(() => {
          const model = new Model(setup.policy, setup.pageBytes, setup.unitBytes, setup.maxPages);
          for (const page of heap.pageInfo()) model.addPage(page.base);
          return { model, real: { heap, counter } };
        }, cmds);
      } finally {
        heap.destroy();
        pages?.release();
      }
    }),
    { numRuns: propertyRuns(setup.numRuns), seed, path, endOnFailure: false },
  );
  return counter.operations;
}

// At least 100,000 operations per allocator per run (issue 3): each test asserts its share, and
// the shares add up to 120,000 per allocator. A run of fc.commands executes on average a little
// under half of maxCommands, so numRuns x maxCommands is sized for about 1.5x each share, more
// than 4 standard deviations above it. (Kept near the floor: the suite runs on 2 cores beside
// timing-sensitive terminal tests.)
const PART_A_PER_POLICY = 30_000; // x 4 policies
const PART_B_LAB_PER_POLICY = 18_000; // x 4 policies
const PART_B_WIDE_PER_POLICY = 12_000; // x 4 policies
const SHUFFLED_PER_SETUP = 6_000; // x 3 geometries x 4 starting policies

describe('PageAllocator against the model (Part A)', () => {
  for (const policy of policies) {
    it(`${policy} fit: placement, refusals, merges, data and invariants over ${PART_A_PER_POLICY}+ operations`, () => {
      const operations = runModel({
        make: () => new PageAllocator({ policy }), policy, pageBytes: 4096, unitBytes: 8, maxPages: 1, numRuns: 96, maxCommands: 1000,
      });
      expect(operations).toBeGreaterThanOrEqual(operationFloor(PART_A_PER_POLICY, 96));
    });
  }
});

describe('ElasticHeap against the model (Part B)', () => {
  for (const policy of policies) {
    it(`${policy} fit, lab defaults (4 pages of 4096, unit 256): ${PART_B_LAB_PER_POLICY}+ operations`, () => {
      const operations = runModel({
        make: () => new ElasticHeap({ policy }), policy, pageBytes: 4096, unitBytes: 256, maxPages: 4, numRuns: 72, maxCommands: 800,
      });
      expect(operations).toBeGreaterThanOrEqual(operationFloor(PART_B_LAB_PER_POLICY, 72));
    });
  }
  for (const policy of policies) {
    it(`${policy} fit, 64 pages: ${PART_B_WIDE_PER_POLICY}+ operations`, () => {
      const operations = runModel({
        make: () => new ElasticHeap({ policy, maxPages: 64 }), policy, pageBytes: 4096, unitBytes: 256, maxPages: 64, numRuns: 34, maxCommands: 1500,
      });
      expect(operations).toBeGreaterThanOrEqual(operationFloor(PART_B_WIDE_PER_POLICY, 34));
    });
  }
});

// Address order (issue 13): the kernel almost always maps a new page below the last, so these
// runs take their pages from a shuffled pool of real pages. Every policy must still follow
// addresses, through pages renumbered when one lands between or above the others, and through
// the position table outgrowing its first 64 places.
describe('address order: pages handed out in a shuffled order, policies switched mid-run', () => {
  for (const policy of policies) {
    it(`${policy} fit first, Part B lab geometry (4 pages): ${SHUFFLED_PER_SETUP}+ operations`, () => {
      const operations = runModel({
        make: (pages) => new ElasticHeap({ policy, pages }), shuffled: true, switchPolicies: true,
        policy, pageBytes: 4096, unitBytes: 256, maxPages: 4, numRuns: 48, maxCommands: 800,
      });
      expect(operations).toBeGreaterThanOrEqual(operationFloor(SHUFFLED_PER_SETUP, 48));
    });
    it(`${policy} fit first, 100 pages of 16 units: ${SHUFFLED_PER_SETUP}+ operations`, () => {
      const operations = runModel({
        make: (pages) => new ElasticHeap({ policy, pages, maxPages: 100 }), shuffled: true, switchPolicies: true,
        policy, pageBytes: 4096, unitBytes: 256, maxPages: 100, numRuns: 20, maxCommands: 1600,
      });
      expect(operations).toBeGreaterThanOrEqual(operationFloor(SHUFFLED_PER_SETUP, 20));
    });
    it(`${policy} fit first, 6 pages of 512 units (8-byte units): ${SHUFFLED_PER_SETUP}+ operations`, () => {
      const operations = runModel({
        make: (pages) => new ElasticHeap({ policy, pages, unitBytes: 8, maxPages: 6 }), shuffled: true, switchPolicies: true,
        policy, pageBytes: 4096, unitBytes: 8, maxPages: 6, numRuns: 24, maxCommands: 1200,
      });
      expect(operations).toBeGreaterThanOrEqual(operationFloor(SHUFFLED_PER_SETUP, 24));
    });
  }
});
