import { powerOfTwoAtLeast } from './bits.js';

/** How old positions map to new ones when the pages are renumbered; -1 for an empty position. */
export type MoveTo = (oldPosition: number) => number;

/**
 * The heap's pages in address order. Each page has a position: positions rise with addresses,
 * and the pages occupy positions first .. first+count-1 of `capacity`. The placement searches
 * run over positions, so "the lowest address" is "the lowest position".
 *
 * The kernel hands out anonymous mappings top-down: nearly every new page lies just below the
 * last one. So the first page goes at the high end and each new lowest page takes the position
 * below; when no position is free there (or a page lands between two others, after the kernel
 * reused a hole), every page is renumbered in O(pages), with the capacity doubled when full, so
 * the cost stays amortised O(1) in either direction.
 *
 * Addresses are found by arithmetic: a run is a stretch of pages adjacent both in memory and in
 * position, and an address is looked up by a binary search over the runs (one or a few, the
 * kernel merges adjacent mappings) and a division. A hash keyed by kernel page numbers, the first
 * design, cost 209 ns a lookup at 65,536 pages: those keys are too large for V8's small integers.
 */
export class PageOrder {
  readonly pageBytes: number;
  /** 1 / pageBytes, exact when pageBytes is a power of two: a multiplication instead of a division in locate(). */
  readonly #perByte: number;
  #capacity: number;
  #first: number;
  #count = 0;
  /** Page base per position, as a number (user-space addresses fit in 47 bits: exact). */
  #base: Float64Array;
  /** Mapping-order index (0 = mapped first) per position, and position per mapping-order index. */
  #slotAt: Int32Array;
  #positionOf: Int32Array;
  // Runs, lowest address first: base, base as a bigint (to make addresses without a BigInt() of the whole), first position, length.
  readonly #runBase: number[] = [];
  readonly #runBaseBig: bigint[] = [];
  readonly #runFirst: number[] = [];
  readonly #runLength: number[] = [];
  /** The address just past each run's last page. */
  readonly #runEnd: number[] = [];
  /** The run of the last lookup (locate or address). */
  #lastRun = 0;
  /** locate()'s byte offset into the page it found. */
  offset = 0;

  constructor(pageBytes: number, capacity: number) {
    this.pageBytes = pageBytes;
    this.#perByte = (pageBytes & (pageBytes - 1)) === 0 ? 1 / pageBytes : 0;
    this.#capacity = capacity;
    this.#first = capacity;
    this.#base = new Float64Array(capacity);
    this.#slotAt = new Int32Array(capacity).fill(-1);
    this.#positionOf = new Int32Array(capacity);
  }

  get capacity(): number { return this.#capacity; }
  get first(): number { return this.#first; }
  get count(): number { return this.#count; }
  get runs(): number { return this.#runBase.length; }

  get byteLength(): number {
    return this.#base.byteLength + this.#slotAt.byteLength + this.#positionOf.byteLength + 8 * 5 * this.#runBase.length;
  }

  baseOf(position: number): number { return this.#base[position]!; }
  slotAt(position: number): number { return this.#slotAt[position]!; }
  positionOf(slot: number): number { return this.#positionOf[slot]!; }

  /** The position of the page holding `address`, or -1; the byte offset into that page is left in `offset`. */
  locate(address: number): number {
    if (this.#count === 0) return -1;
    let run = this.#lastRun;
    // Nearly every lookup falls in the run of the one before (most heaps are one run).
    if (!(address >= this.#runBase[run]! && address < this.#runEnd[run]!)) {
      run = this.#runHolding(address);
      if (run < 0) return -1;
      this.#lastRun = run;
    }
    const into = address - this.#runBase[run]!;
    const page = this.#perByte > 0 ? Math.floor(into * this.#perByte) : Math.floor(into / this.pageBytes);
    // From the run, not from a table of page bases: at 65,536 pages that table is a cache miss.
    this.offset = into - page * this.pageBytes;
    return this.#runFirst[run]! + page;
  }

  /** The run whose pages cover `address`, by binary search; -1 when none does. */
  #runHolding(address: number): number {
    const bases = this.#runBase;
    let low = 0;
    let high = bases.length - 1;
    if (high < 0 || address < bases[0]!) return -1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (bases[middle]! <= address) low = middle; else high = middle - 1;
    }
    return address < this.#runEnd[low]! ? low : -1;
  }

  /** The address `offset` bytes into the page at `position`. */
  address(position: number, offset: number): bigint {
    let run = this.#lastRun;
    const first = this.#runFirst;
    if (run >= first.length || position < first[run]! || position >= first[run]! + this.#runLength[run]!) {
      let low = 0;
      let high = first.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (first[middle]! <= position) low = middle; else high = middle - 1;
      }
      run = low;
      this.#lastRun = run;
    }
    const into = (position - first[run]!) * this.pageBytes + offset;
    // BigInt() of a value V8 knows to be a small integer is made inline (~7 ns); of any other
    // number it is a call into the runtime (~25 ns). `| 0` tells V8, where it is exact.
    return this.#runBaseBig[run]! + (into <= 0x7fff_ffff ? BigInt(into | 0) : BigInt(into));
  }

  /**
   * Gives the page at `base` (mapped just now, the `count`-th) its position. When the pages must
   * be renumbered, `relocate(capacity, moveTo)` is called first so the heap can move what it
   * keeps per position.
   */
  insert(base: bigint, relocate: (capacity: number, moveTo: MoveTo) => void): number {
    const address = Number(base);
    const rank = this.#rankOf(address);
    const count = this.#count;
    let position: number;
    let renumbered = false;
    if (count === 0) {
      position = this.#capacity - 1;
      this.#first = position;
    } else if (rank === 0 && this.#first > 0) {
      position = this.#first - 1;
      this.#first = position;
    } else if (rank === count && this.#first + count < this.#capacity) {
      position = this.#first + count;
    } else {
      const capacity = Math.max(this.#capacity, powerOfTwoAtLeast(count + 1));
      // Leave the free positions on the side the pages are coming from.
      const first = rank === count ? 0 : capacity - (count + 1);
      const oldFirst = this.#first;
      const moveTo: MoveTo = (old) => {
        if (old < oldFirst || old >= oldFirst + count) return -1;
        const index = old - oldFirst;
        return first + index + (index >= rank ? 1 : 0);
      };
      relocate(capacity, moveTo);
      this.#relocate(capacity, moveTo);
      this.#first = first;
      position = first + rank;
      renumbered = true;
    }
    this.#base[position] = address;
    this.#slotAt[position] = count;
    if (count >= this.#positionOf.length) this.#positionOf = grown(this.#positionOf, 2 * count);
    this.#positionOf[count] = position;
    this.#count = count + 1;
    if (renumbered) this.#rebuildRuns();
    else this.#addToRuns(position, address, base);
    return position;
  }

  /** Forgets every page (the heap was cleaned up); the capacity stays. */
  clear(): void {
    this.#count = 0;
    this.#first = this.#capacity;
    this.#base.fill(0);
    this.#slotAt.fill(-1);
    this.#clearRuns();
  }

  /** Empties the run lists in place (clear() allocates nothing: it runs inside a measured init_alloc). */
  #clearRuns(): void {
    this.#runBase.length = 0;
    this.#runBaseBig.length = 0;
    this.#runFirst.length = 0;
    this.#runLength.length = 0;
    this.#runEnd.length = 0;
    this.#lastRun = 0;
  }

  /** How many pages lie below `address`; throws when a page already covers it. */
  #rankOf(address: number): number {
    const bases = this.#runBase;
    let run = -1;
    for (let low = 0, high = bases.length - 1; low <= high;) {
      const middle = (low + high) >> 1;
      if (bases[middle]! <= address) { run = middle; low = middle + 1; } else high = middle - 1;
    }
    if (run < 0) return 0;
    if (address < this.#runEnd[run]!) {
      throw new RangeError(`page source gave 0x${address.toString(16)}, inside a page this heap already holds`);
    }
    return this.#runFirst[run]! + this.#runLength[run]! - this.#first;
  }

  #relocate(capacity: number, moveTo: MoveTo): void {
    const base = new Float64Array(capacity);
    const slotAt = new Int32Array(capacity).fill(-1);
    for (let old = 0; old < this.#capacity; old += 1) {
      const to = moveTo(old);
      if (to < 0) continue;
      base[to] = this.#base[old]!;
      slotAt[to] = this.#slotAt[old]!;
      this.#positionOf[this.#slotAt[old]!] = to;
    }
    this.#capacity = capacity;
    this.#base = base;
    this.#slotAt = slotAt;
  }

  #addToRuns(position: number, address: number, base: bigint): void {
    const last = this.#runBase.length - 1;
    const end = address + this.pageBytes;
    if (position === this.#first) {
      if (last >= 0 && this.#runFirst[0] === position + 1 && this.#runBase[0] === end) {
        this.#runBase[0] = address;
        this.#runBaseBig[0] = base;
        this.#runFirst[0] = position;
        this.#runLength[0] += 1;
      } else {
        this.#runBase.unshift(address);
        this.#runBaseBig.unshift(base);
        this.#runFirst.unshift(position);
        this.#runLength.unshift(1);
        this.#runEnd.unshift(end);
      }
      this.#lastRun = 0;
      return;
    }
    if (this.#runEnd[last] === address) {
      this.#runLength[last] += 1;
      this.#runEnd[last] = end;
    } else {
      this.#runBase.push(address);
      this.#runBaseBig.push(base);
      this.#runFirst.push(position);
      this.#runLength.push(1);
      this.#runEnd.push(end);
    }
  }

  #rebuildRuns(): void {
    this.#clearRuns();
    const end = this.#first + this.#count;
    for (let position = this.#first; position < end; position += 1) {
      const address = this.#base[position]!;
      const last = this.#runBase.length - 1;
      if (last >= 0 && this.#runEnd[last] === address) {
        this.#runLength[last] += 1;
        this.#runEnd[last] = address + this.pageBytes;
      } else {
        this.#runBase.push(address);
        this.#runBaseBig.push(BigInt(address));
        this.#runFirst.push(position);
        this.#runLength.push(1);
        this.#runEnd.push(address + this.pageBytes);
      }
    }
  }
}

function grown(array: Int32Array, length: number): Int32Array {
  const next = new Int32Array(Math.max(length, 1));
  next.set(array);
  return next;
}
