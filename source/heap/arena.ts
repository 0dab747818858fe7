import { BitSet } from './bit-set.js';
import { MaxTree } from './max-tree.js';
import type { Policy } from './policy.js';

/** What a placement search found: the chunk's first unit, and how many free chunks a list walk would have examined. */
export interface Placement {
  start: number;
  examined: number;
}

export type MergeSide = 'none' | 'left' | 'right' | 'both';

const FREE = 0;
const USED = 1;

/**
 * Chunk bookkeeping in units, kept wholly outside the pages (the lab's rule): typed arrays
 * indexed by unit number. Units come in pages of `unitsPerPage`; a chunk never crosses a page
 * boundary and free chunks never merge across one, even when the pages are adjacent in memory.
 *
 * Per unit: `length` at a chunk's first unit (0 elsewhere), `firstOf` at its last unit (a
 * boundary tag, so the left neighbour is found in O(1)), `state` and `id` at its first unit.
 */
export class Arena {
  readonly unitsPerPage: number;
  #units = 0;
  #length = new Uint32Array(0);
  #firstOf = new Uint32Array(0);
  #state = new Uint8Array(0);
  #id = new Int32Array(0);
  /** 1 where alloc ever returned a chunk starting at this unit: tells a double free from a stray one. */
  #handedOut = new Uint8Array(0);
  #free: MaxTree;
  /** Best fit: one set of free-chunk starts per chunk length (index = length), and the set of lengths present. */
  #bySize: Array<BitSet | undefined> = [];
  #sizeCount: Int32Array;
  #sizes: BitSet;
  /** The buckets are built on the first best-fit search: the other policies never pay for them. */
  #bucketsBuilt = false;
  #freeUnits = 0;
  #usedChunks = 0;
  #rover = 0;
  #nextFreeId = 1;

  constructor(unitsPerPage: number) {
    this.unitsPerPage = unitsPerPage;
    this.#free = new MaxTree(unitsPerPage);
    this.#sizes = new BitSet(unitsPerPage + 1);
    this.#sizeCount = new Int32Array(unitsPerPage + 1);
  }

  get units(): number { return this.#units; }
  get pages(): number { return this.#units / this.unitsPerPage; }
  get freeUnits(): number { return this.#freeUnits; }
  get freeChunks(): number { return this.#free.count(); }
  get usedChunks(): number { return this.#usedChunks; }
  get largestFree(): number { return this.#free.max(); }

  /** Adds one page of units as a single free chunk; returns its page index. */
  addPage(): number {
    const start = this.#units;
    const units = start + this.unitsPerPage;
    if (units > this.#length.length) this.#grow(Math.max(units, this.#length.length * 2));
    this.#free.ensure(units);
    for (const starts of this.#bySize) starts?.ensure(units);
    this.#units = units;
    this.#makeFree(start, this.unitsPerPage);
    return start / this.unitsPerPage;
  }

  #grow(capacity: number): void {
    const grow = <T extends Uint32Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.#length = grow(this.#length, (n) => new Uint32Array(n));
    this.#firstOf = grow(this.#firstOf, (n) => new Uint32Array(n));
    this.#state = grow(this.#state, (n) => new Uint8Array(n));
    this.#id = grow(this.#id, (n) => new Int32Array(n));
    this.#handedOut = grow(this.#handedOut, (n) => new Uint8Array(n));
  }

  /** Finds a free chunk of at least `need` units by `policy`; null when none fits. */
  find(need: number, policy: Policy): Placement | null {
    const free = this.#free;
    switch (policy) {
      case 'first': {
        const start = free.leftmost(0, need);
        return start < 0 ? null : { start, examined: free.countBefore(start) + 1 };
      }
      case 'next': {
        const rover = this.#rover < this.#units ? this.#rover : 0;
        let start = free.leftmost(rover, need);
        if (start >= 0) return { start, examined: free.countBefore(start) - free.countBefore(rover) + 1 };
        start = free.leftmost(0, need);
        if (start < 0) return null;
        return { start, examined: free.count() - free.countBefore(rover) + free.countBefore(start) + 1 };
      }
      case 'worst': {
        const largest = free.max();
        if (largest < need) return null;
        return { start: free.leftmost(0, largest), examined: free.count() };
      }
      case 'best': {
        if (!this.#bucketsBuilt) this.#buildBuckets();
        const size = this.#sizes.next(need);
        if (size < 0) return null;
        return { start: this.#bySize[size]!.next(0), examined: free.count() };
      }
    }
  }

  /** Turns `need` units at the start of the free chunk at `start` into a used chunk; the rest stays free. */
  allocate(start: number, need: number, id: number): { split: boolean; splitFrom: number } {
    const length = this.#length[start]!;
    this.#unlinkFree(start, length);
    this.#setChunk(start, need, USED, id);
    this.#handedOut[start] = 1;
    this.#usedChunks += 1;
    if (length > need) this.#makeFree(start + need, length - need);
    this.#rover = start + need;
    return { split: length > need, splitFrom: length };
  }

  /** Frees the used chunk at `start`, merging with free neighbours in the same page. */
  release(start: number): { merged: MergeSide; start: number; length: number } {
    let first = start;
    let length = this.#length[start]!;
    this.#usedChunks -= 1;
    this.#state[start] = FREE;
    const pageStart = start - (start % this.unitsPerPage);
    const pageEnd = pageStart + this.unitsPerPage;
    let left = false;
    let right = false;
    const after = start + length;
    if (after < pageEnd && this.#state[after] === FREE) {
      const rightLength = this.#length[after]!;
      this.#unlinkFree(after, rightLength);
      this.#length[after] = 0;
      length += rightLength;
      right = true;
    }
    if (start > pageStart) {
      const leftStart = this.#firstOf[start - 1]!;
      if (this.#state[leftStart] === FREE) {
        const leftLength = this.#length[leftStart]!;
        this.#unlinkFree(leftStart, leftLength);
        this.#length[start] = 0;
        first = leftStart;
        length += leftLength;
        left = true;
      }
    }
    this.#makeFree(first, length);
    const merged: MergeSide = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
    return { merged, start: first, length };
  }

  #makeFree(start: number, length: number): void {
    this.#setChunk(start, length, FREE, -this.#nextFreeId);
    this.#nextFreeId = (this.#nextFreeId % 0x7fff_ffff) + 1;
    this.#freeUnits += length;
    this.#free.set(start, length);
    if (this.#bucketsBuilt) this.#addToBucket(start, length);
  }

  #addToBucket(start: number, length: number): void {
    let starts = this.#bySize[length];
    if (!starts) {
      starts = new BitSet(Math.max(this.#units, this.unitsPerPage));
      this.#bySize[length] = starts;
    }
    starts.add(start);
    if (this.#sizeCount[length]++ === 0) this.#sizes.add(length);
  }

  #unlinkFree(start: number, length: number): void {
    this.#freeUnits -= length;
    this.#free.set(start, 0);
    if (!this.#bucketsBuilt) return;
    this.#bySize[length]!.delete(start);
    if (--this.#sizeCount[length]! === 0) this.#sizes.delete(length);
  }

  #buildBuckets(): void {
    this.#bucketsBuilt = true;
    for (const chunk of this.chunks()) if (!chunk.used) this.#addToBucket(chunk.start, chunk.length);
  }

  #setChunk(start: number, length: number, state: number, id: number): void {
    this.#length[start] = length;
    this.#firstOf[start + length - 1] = start;
    this.#state[start] = state;
    this.#id[start] = id;
  }

  isStart(unit: number): boolean {
    return unit >= 0 && unit < this.#units && this.#length[unit]! > 0;
  }

  /** True when alloc ever returned a chunk starting at this unit. */
  wasHandedOut(unit: number): boolean {
    return this.#handedOut[unit] === 1;
  }

  isUsed(start: number): boolean {
    return this.#state[start] === USED && this.#length[start]! > 0;
  }

  lengthAt(start: number): number {
    return this.#length[start]!;
  }

  /** Used chunks carry the caller's id; free chunks a negative id of their own, fresh at every split or merge. */
  idAt(start: number): number {
    return this.#id[start]!;
  }

  /** The first unit of the used chunk with this id, or -1: a walk over the chunks. */
  findUsed(id: number): number {
    for (let start = 0; start < this.#units; start += this.#length[start]!) {
      if (this.#id[start] === id && this.#state[start] === USED) return start;
    }
    return -1;
  }

  /** The first unit of the chunk holding `unit`: walks back at most one chunk's length. */
  startOf(unit: number): number {
    let start = unit;
    while (this.#length[start] === 0) start -= 1;
    return start;
  }

  /** Every chunk, in unit order: first unit, length, used, id. */
  *chunks(): Generator<{ start: number; length: number; used: boolean; id: number }> {
    for (let start = 0; start < this.#units; start += this.#length[start]!) {
      yield { start, length: this.#length[start]!, used: this.#state[start] === USED, id: this.#id[start]! };
    }
  }

  /** Every rule the bookkeeping must keep; an empty list means all hold. */
  check(): string[] {
    const problems: string[] = [];
    let freeUnits = 0;
    let freeChunks = 0;
    let usedChunks = 0;
    let largest = 0;
    for (let page = 0; page < this.pages; page += 1) {
      const pageStart = page * this.unitsPerPage;
      const pageEnd = pageStart + this.unitsPerPage;
      let previousFree = false;
      let unit = pageStart;
      while (unit < pageEnd) {
        const length = this.#length[unit]!;
        if (length === 0) { problems.push(`unit ${unit} of page ${page} lies in no chunk`); break; }
        if (unit + length > pageEnd) problems.push(`chunk at unit ${unit} (${length} units) crosses the end of page ${page}`);
        if (this.#firstOf[unit + length - 1] !== unit) problems.push(`chunk at unit ${unit}: its end tag points elsewhere`);
        for (let inner = unit + 1; inner < Math.min(unit + length, pageEnd); inner += 1) {
          if (this.#length[inner] !== 0) { problems.push(`chunk at unit ${unit} overlaps one at unit ${inner}`); break; }
        }
        const free = this.#state[unit] === FREE;
        if (free) {
          if (previousFree) problems.push(`free chunks meet at unit ${unit} of page ${page} without merging`);
          if (this.#free.get(unit) !== length) problems.push(`free chunk at unit ${unit} is missing from the search index`);
          if (this.#bucketsBuilt && !this.#bySize[length]?.has(unit)) problems.push(`free chunk at unit ${unit} is missing from its size bucket`);
          freeUnits += length;
          freeChunks += 1;
          largest = Math.max(largest, length);
        } else {
          if (this.#free.get(unit) !== 0) problems.push(`used chunk at unit ${unit} is in the free index`);
          usedChunks += 1;
        }
        previousFree = free;
        unit += length;
      }
    }
    if (freeUnits !== this.#freeUnits) problems.push(`free units counted ${freeUnits}, recorded ${this.#freeUnits}`);
    if (freeChunks !== this.#free.count()) problems.push(`free chunks counted ${freeChunks}, indexed ${this.#free.count()}`);
    if (usedChunks !== this.#usedChunks) problems.push(`used chunks counted ${usedChunks}, recorded ${this.#usedChunks}`);
    if (largest !== this.#free.max()) problems.push(`largest free chunk ${largest} units, index says ${this.#free.max()}`);
    return problems;
  }

  /** Bytes of bookkeeping held in the JS heap (typed arrays), for the bench's report. */
  bookkeepingBytes(): number {
    let bytes = this.#length.byteLength + this.#firstOf.byteLength + this.#state.byteLength + this.#id.byteLength + this.#handedOut.byteLength;
    bytes += this.#free.byteLength;
    bytes += this.#sizes.byteLength;
    bytes += this.#sizeCount.byteLength;
    for (const set of this.#bySize) bytes += set?.byteLength ?? 0;
    return bytes;
  }
}
