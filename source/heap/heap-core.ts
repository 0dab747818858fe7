import { addressNumber } from './address-number.js';
import { powerOfTwoAtLeast } from './bits.js';
import { hex } from './chunk.js';
import { type ChunkSpan, checkViewLength, usedChunkSpan } from './chunk-span.js';
import { CountTree } from './count-tree.js';
import { checkHeap } from './heap-check.js';
import { MaxTree } from './max-tree.js';
import { type MoveTo, PageOrder } from './page-order.js';
import { kernelPages, type PageRegion, type PageSource } from './page-source.js';
import type { Policy } from './policy.js';
import { SizeBuckets } from './size-buckets.js';
import { UnitMarks } from './unit-marks.js';

export interface HeapCoreOptions {
  unitBytes: number;
  pageBytes: number;
  maxPages: number;
  policy?: Policy;
  pages?: PageSource;
  /** Keep a count of free chunks per page, so `examined()` can answer (the screen's heaps do). */
  countFree?: boolean;
  /**
   * Keep each address alloc returns as a bigint, to return the same one again: no BigInt is made
   * per alloc once every place was used. For small heaps only (the modules': 512 and 64 places).
   */
  cacheAddresses?: boolean;
}

/** Largest heap (pages x units) that may keep its addresses: 16 KiB of bigints at most. */
const MAX_CACHED_ADDRESSES = 1024;

/**
 * The allocator itself, lean: chunks of whole units in pages mapped one at a time, bookkeeping
 * wholly outside the pages, placement by policy in address order. `alloc` returns a bigint
 * address or null and `free` a boolean: no result objects, one BigInt per alloc. The lab's
 * modules (`memtui/alloc`, `memtui/ealloc`) call it directly; `ChunkHeap` wraps it with the
 * results, ids and facts the screen shows.
 *
 * Where things are kept (see docs/allocators.md):
 * - `PageOrder`: each page's position in address order, and address -> page by arithmetic;
 * - `UnitMarks`: per page, bitmaps of chunk starts and free-chunk starts, and per 32 units the
 *   largest free chunk starting there;
 * - `MaxTree`: per position, the page's largest free chunk, for first, next and worst fit;
 * - `SizeBuckets` (best fit only, built on first use) and `CountTree` (only with countFree).
 */
export class HeapCore {
  readonly unitBytes: number;
  readonly pageBytes: number;
  readonly maxPages: number;
  readonly unitsPerPage: number;
  /** log2(unitBytes) when it is a power of two (then shifts replace divisions, which cost ~10 ns each), else -1. */
  readonly #unitShift: number;
  policy: Policy;
  readonly #source: PageSource;
  readonly #countFree: boolean;
  /** Pages in the order they were mapped (their slot). */
  readonly #regions: PageRegion[] = [];
  readonly #order: PageOrder;
  readonly #marks: UnitMarks;
  #tree: MaxTree;
  #counts: CountTree | null;
  #buckets: SizeBuckets | null = null;
  #freeUnits = 0;
  #freeChunks = 0;
  #usedChunks = 0;
  /** Next fit's rover: the position and unit just past the chunk most recently allocated; position -1 before any. */
  #roverPosition = -1;
  #roverUnit = 0;
  #closed = false;
  /** Per position and unit, the address as a bigint once made (see cacheAddresses); emptied when pages are renumbered. */
  #addresses: Array<bigint | undefined> | null;

  // What the last find() found, and what the last locate() located (fields, not result objects: the hot path allocates nothing).
  foundPosition = -1;
  foundUnit = 0;
  foundLength = 0;
  locatedUnit = 0;
  /** Bytes from the start of the located unit to the address. */
  locatedInto = 0;

  constructor(options: HeapCoreOptions) {
    const { unitBytes, pageBytes, maxPages } = options;
    if (!Number.isInteger(unitBytes) || unitBytes <= 0 || !Number.isInteger(pageBytes) || pageBytes <= 0 || pageBytes % unitBytes !== 0) {
      throw new RangeError(`a page of ${pageBytes} B does not split into units of ${unitBytes} B`);
    }
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError(`maxPages must be at least 1, not ${maxPages}`);
    if (pageBytes > 2 ** 30) throw new RangeError(`a page of at most 1 GiB, not ${pageBytes} B`);
    this.unitBytes = unitBytes;
    this.pageBytes = pageBytes;
    this.maxPages = maxPages;
    this.unitsPerPage = pageBytes / unitBytes;
    this.#unitShift = (unitBytes & (unitBytes - 1)) === 0 ? 31 - Math.clz32(unitBytes) : -1;
    this.policy = options.policy ?? 'first';
    this.#source = options.pages ?? kernelPages;
    this.#countFree = options.countFree === true;
    // Room for the lab's heaps from the start (made now, so that no first call allocates it).
    const capacity = Math.min(powerOfTwoAtLeast(maxPages), 64);
    this.#order = new PageOrder(pageBytes, capacity);
    this.#marks = new UnitMarks(this.unitsPerPage, capacity);
    this.#tree = new MaxTree(capacity);
    this.#counts = this.#countFree ? new CountTree(capacity) : null;
    if (options.cacheAddresses && maxPages * this.unitsPerPage > MAX_CACHED_ADDRESSES) {
      throw new RangeError(`cacheAddresses is for heaps of at most ${MAX_CACHED_ADDRESSES} units, not ${maxPages * this.unitsPerPage}`);
    }
    this.#addresses = options.cacheAddresses ? new Array<bigint | undefined>(capacity * this.unitsPerPage).fill(undefined) : null;
  }

  get closed(): boolean { return this.#closed; }
  get pagesMapped(): number { return this.#regions.length; }
  /** The pages, in the order they were mapped. */
  get regions(): readonly PageRegion[] { return this.#regions; }
  get freeUnits(): number { return this.#freeUnits; }
  get freeChunks(): number { return this.#freeChunks; }
  get usedChunks(): number { return this.#usedChunks; }
  get largestFree(): number { return this.#tree.max(); }
  /** Runs of pages adjacent in memory (for the bench's report). */
  get runs(): number { return this.#order.runs; }

  // -------------------------------------------------------------------------------------------
  // The lean path

  /** A real address of a chunk of `size` bytes, or null (a bad size, no room, closed). */
  alloc(size: number): bigint | null {
    if (this.#closed || typeof size !== 'number' || !(size > 0) || size > this.pageBytes) return null;
    const shift = this.#unitShift;
    let need: number;
    if (shift >= 0) {
      // size <= pageBytes < 2^31: a whole multiple of the unit exactly when shifting back restores it.
      need = size >> shift;
      if (need << shift !== size) return null;
    } else {
      if (size % this.unitBytes !== 0) return null;
      need = size / this.unitBytes;
    }
    if (this.policy === 'first') {
      // The common case in one pass: search and take without stopping in between.
      let position = this.#tree.leftmost(0, need);
      if (position < 0) {
        if (!this.mapPage()) return null;
        position = this.#tree.leftmost(0, need);
      }
      const unit = this.#marks.takeFit(position, 0, need);
      this.#took(position, unit, this.#marks.foundLength, need);
      return this.#addressFor(position, unit);
    }
    if (!this.find(need) && !(this.mapPage() && this.find(need))) return null;
    const position = this.foundPosition;
    const unit = this.foundUnit;
    this.take(need);
    return this.#addressFor(position, unit);
  }

  #addressFor(position: number, unit: number): bigint {
    const addresses = this.#addresses;
    if (addresses === null) return this.#order.address(position, unit * this.unitBytes);
    const place = position * this.unitsPerPage + unit;
    return (addresses[place] ??= this.#order.address(position, unit * this.unitBytes));
  }

  /** Frees the used chunk that starts at `address`; false (and nothing changes) for anything else. */
  free(address: bigint): boolean {
    if (this.#closed) return false;
    const position = this.locate(address);
    if (position < 0 || this.locatedInto !== 0 || !this.#marks.releaseIfUsed(position, this.locatedUnit)) return false;
    this.#released(position);
    return true;
  }

  /**
   * `length` bytes at `address`, inside one used chunk, as a view whose buffer is that chunk
   * alone (a fresh zero-copy buffer): writes through it cannot reach another chunk. Otherwise a
   * RangeError that says why.
   */
  memory(address: bigint, length: number): Uint8Array {
    const { position, span } = this.#usedChunk(address, length);
    const buffer = this.#regionAt(position).subview(span.chunkOffset, span.chunkBytes);
    return new Uint8Array(buffer, span.into, length);
  }

  /** The same check as memory(), then a view into the page's one cached view: for memtui's own code. */
  pageView(address: bigint, length: number): Uint8Array {
    const { position, span } = this.#usedChunk(address, length);
    const offset = span.chunkOffset + span.into;
    return this.#regionAt(position).view().subarray(offset, offset + length);
  }

  #usedChunk(address: bigint, length: number): { position: number; span: ChunkSpan } {
    checkViewLength('memory', length);
    if (this.#closed) throw new RangeError(`memory ${hex(address)}: the heap was cleaned up`);
    const position = this.locate(address);
    if (position < 0) throw new RangeError(`memory ${hex(address)}: not inside any page of this heap`);
    const offset = this.locatedUnit * this.unitBytes + this.locatedInto;
    const span = usedChunkSpan(this.#marks, position, offset, length, this.unitBytes, 'memory', address, (unit) => this.addressOf(position, unit));
    return { position, span };
  }

  // -------------------------------------------------------------------------------------------
  // Steps, for ChunkHeap (and the lean path above)

  /** Searches by policy for a free chunk of `need` units; true when found (see foundPosition/Unit/Length). */
  find(need: number): boolean {
    const tree = this.#tree;
    switch (this.policy) {
      case 'first':
        return tree.max() >= need && this.#fitIn(tree.leftmost(0, need), 0, need);
      case 'worst': {
        const largest = tree.max();
        return largest >= need && this.#fitIn(tree.leftmost(0, largest), 0, largest);
      }
      case 'next':
        return this.#findNext(need);
      case 'best':
        return this.#findBest(need);
    }
  }

  #fitIn(position: number, from: number, need: number): boolean {
    const unit = this.#marks.findFit(position, from, need);
    if (unit < 0) return false;
    this.foundPosition = position;
    this.foundUnit = unit;
    this.foundLength = this.#marks.foundLength;
    return true;
  }

  /** Next fit: the lowest free chunk at or after the rover that fits, else the lowest that fits (wrap). */
  #findNext(need: number): boolean {
    const tree = this.#tree;
    if (tree.max() < need) return false;
    const rover = this.#roverPosition;
    if (rover >= 0) {
      if (this.#roverUnit < this.unitsPerPage && tree.get(rover) >= need && this.#fitIn(rover, this.#roverUnit, need)) return true;
      const after = tree.leftmost(rover + 1, need);
      if (after >= 0) return this.#fitIn(after, 0, need);
    }
    return this.#fitIn(tree.leftmost(0, need), 0, need);
  }

  #findBest(need: number): boolean {
    const buckets = this.#buckets ?? this.#buildBuckets();
    const length = buckets.smallestAtLeast(need);
    if (length < 0) return false;
    const place = buckets.lowest(length);
    const position = Math.floor(place / this.unitsPerPage);
    this.foundPosition = position;
    this.foundUnit = place - position * this.unitsPerPage;
    this.foundLength = length;
    return true;
  }

  #buildBuckets(): SizeBuckets {
    const units = this.unitsPerPage;
    const buckets = new SizeBuckets(units, this.#order.capacity * units);
    const end = this.#order.first + this.#order.count;
    for (let position = this.#order.first; position < end; position += 1) {
      this.#marks.forEachFree(position, (start, length) => buckets.add(position * units + start, length));
    }
    this.#buckets = buckets;
    return buckets;
  }

  /**
   * For the chunk find() just found, before take(): how many free chunks a walk of the free list
   * in address order would have examined under the policy. Needs `countFree`.
   */
  examined(): number {
    const counts = this.#counts;
    if (!counts) throw new Error('examined() needs a heap made with countFree');
    const position = this.foundPosition;
    const unit = this.foundUnit;
    const before = counts.before(position) + this.#marks.freeBefore(position, unit);
    switch (this.policy) {
      case 'first':
        return before + 1;
      case 'best':
      case 'worst':
        return this.#freeChunks;
      case 'next': {
        const rover = this.#roverPosition;
        if (rover < 0) return before + 1;
        const roverUnit = this.#roverUnit;
        const atEnd = roverUnit >= this.unitsPerPage;
        const beforeRover = atEnd ? counts.before(rover + 1) : counts.before(rover) + this.#marks.freeBefore(rover, roverUnit);
        const afterRover = position > rover || (!atEnd && position === rover && unit >= roverUnit);
        return afterRover ? before - beforeRover + 1 : this.#freeChunks - beforeRover + before + 1;
      }
    }
  }

  /** Maps one more page (a single free chunk); false when the heap already holds maxPages. */
  mapPage(): boolean {
    if (this.#closed || this.#regions.length >= this.maxPages) return false;
    const region = this.#source.map(this.pageBytes);
    let position: number;
    try {
      position = this.#order.insert(region.base, (capacity, moveTo) => this.#relocate(capacity, moveTo));
    } catch (error) {
      region.unmap();
      throw error;
    }
    this.#regions.push(region);
    const units = this.unitsPerPage;
    this.#marks.initPage(position);
    this.#tree.set(position, units);
    this.#counts?.add(position, 1);
    this.#buckets?.add(position * units, units);
    this.#freeUnits += units;
    this.#freeChunks += 1;
    return true;
  }

  /** The pages were renumbered: move what is kept per position. */
  #relocate(capacity: number, moveTo: MoveTo): void {
    const marks = this.#marks;
    marks.resize(capacity, moveTo);
    if (capacity !== this.#tree.capacity) this.#tree = new MaxTree(capacity);
    this.#tree.rebuild((position) => marks.pageMax(position));
    if (this.#countFree) {
      if (capacity !== this.#counts!.capacity) this.#counts = new CountTree(capacity);
      this.#counts!.rebuild((position) => marks.freeCount(position));
    }
    // Best fit's places are positions: rebuilt on its next search.
    this.#buckets = null;
    if (this.#roverPosition >= 0) this.#roverPosition = moveTo(this.#roverPosition);
    if (this.#addresses) this.#addresses = new Array<bigint | undefined>(capacity * this.unitsPerPage).fill(undefined);
  }

  /** Turns the first `need` units of the free chunk find() found into a used chunk. */
  take(need: number): void {
    const position = this.foundPosition;
    const unit = this.foundUnit;
    const length = this.foundLength;
    this.#marks.take(position, unit, length, need);
    this.#took(position, unit, length, need);
  }

  /** What follows taking `need` units of the `length`-unit free chunk at (position, unit), outside the page's marks. */
  #took(position: number, unit: number, length: number, need: number): void {
    this.#freeUnits -= need;
    this.#usedChunks += 1;
    if (length === need) {
      this.#freeChunks -= 1;
      this.#counts?.add(position, -1);
    }
    const buckets = this.#buckets;
    if (buckets !== null) {
      const place = position * this.unitsPerPage + unit;
      buckets.delete(place, length);
      if (length > need) buckets.add(place + need, length - need);
    }
    // The page tree is touched only when the page's largest free chunk changed (at 65,536 pages
    // its leaf is a cache miss).
    if (this.#marks.pageMaxChanged) this.#tree.set(position, this.#marks.pageMax(position));
    this.#roverPosition = position;
    this.#roverUnit = unit + need;
  }

  /** Frees the used chunk at `start` of the page at `position`, merging with its free neighbours in the page. */
  release(position: number, start: number): void {
    this.#marks.release(position, start);
    this.#released(position);
  }

  /** What follows a release in the page at `position`, outside the page's marks. */
  #released(position: number): void {
    const marks = this.#marks;
    const merges = (marks.leftStart >= 0 ? 1 : 0) + (marks.rightStart >= 0 ? 1 : 0);
    this.#freeUnits += marks.releasedLength;
    this.#usedChunks -= 1;
    this.#freeChunks += 1 - merges;
    if (merges !== 1) this.#counts?.add(position, 1 - merges);
    const buckets = this.#buckets;
    if (buckets !== null) {
      const page = position * this.unitsPerPage;
      if (marks.leftStart >= 0) buckets.delete(page + marks.leftStart, marks.leftLength);
      if (marks.rightStart >= 0) buckets.delete(page + marks.rightStart, marks.rightLength);
      buckets.add(page + marks.mergedStart, marks.mergedLength);
    }
    if (marks.pageMaxChanged) this.#tree.set(position, marks.pageMax(position));
  }

  /** What the last release() did: the free chunk it made, and which neighbours it swallowed. */
  get mergedStart(): number { return this.#marks.mergedStart; }
  get mergedLeft(): boolean { return this.#marks.leftStart >= 0; }
  get mergedRight(): boolean { return this.#marks.rightStart >= 0; }

  /**
   * The position of the page holding `address`, or -1; the unit and the bytes into it are left
   * in locatedUnit and locatedInto.
   */
  locate(address: bigint): number {
    if (typeof address !== 'bigint') return -1;
    const position = this.#order.locate(addressNumber(address));
    if (position < 0) return -1;
    const offset = this.#order.offset;
    const unit = this.#unitShift >= 0 ? offset >> this.#unitShift : Math.floor(offset / this.unitBytes);
    this.locatedUnit = unit;
    this.locatedInto = offset - unit * this.unitBytes;
    return position;
  }

  // -------------------------------------------------------------------------------------------
  // Reading the chunks (the screen, the checker, the tests)

  isFreeAt(position: number, unit: number): boolean { return this.#marks.isFree(position, unit); }
  chunkStart(position: number, unit: number): number { return this.#marks.startOf(position, unit); }
  chunkLength(position: number, start: number): number { return this.#marks.lengthAt(position, start); }
  slotAt(position: number): number { return this.#order.slotAt(position); }
  positionOf(slot: number): number { return this.#order.positionOf(slot); }
  addressOf(position: number, unit: number): bigint { return this.#order.address(position, unit * this.unitBytes); }

  #regionAt(position: number): PageRegion {
    return this.#regions[this.#order.slotAt(position)]!;
  }

  /** Every chunk of the page at `position`, in address order. */
  forEachChunk(position: number, visit: (start: number, length: number, used: boolean) => void): void {
    const marks = this.#marks;
    for (let start = 0; start < this.unitsPerPage;) {
      const next = marks.nextStart(position, start);
      visit(start, next - start, !marks.isFree(position, start));
      start = next;
    }
  }

  /** The positions of the pages, lowest address first. */
  positions(): number[] {
    return Array.from({ length: this.#order.count }, (_, index) => this.#order.first + index);
  }

  /** Every rule the bookkeeping must keep; an empty list means all hold (see heap-check.ts). */
  check(): string[] {
    return checkHeap({
      order: this.#order, marks: this.#marks, tree: this.#tree, counts: this.#counts, buckets: this.#buckets, regions: this.#regions,
      pageBytes: this.pageBytes, freeUnits: this.#freeUnits, freeChunks: this.#freeChunks, usedChunks: this.#usedChunks,
    });
  }

  /** Bytes of bookkeeping in the JS heap: typed arrays, and the list of page objects (a pointer each). */
  bookkeepingBytes(): number {
    return this.#order.byteLength + this.#marks.byteLength + this.#tree.byteLength + (this.#counts?.byteLength ?? 0)
      + (this.#buckets?.byteLength ?? 0) + 8 * this.#regions.length;
  }

  // -------------------------------------------------------------------------------------------
  // Life

  /** Unmaps every page; the heap refuses everything until open(). Its bookkeeping stays readable. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const region of this.#regions) if (region.live) region.unmap();
  }

  /** Starts over with nothing mapped (after close(), or on a heap that never mapped a page). */
  open(): void {
    this.close();
    this.#closed = false;
    this.#regions.length = 0;
    this.#order.clear();
    this.#marks.clear();
    this.#tree.clear();
    this.#counts?.rebuild(() => 0);
    this.#buckets = null;
    this.#freeUnits = 0;
    this.#freeChunks = 0;
    this.#usedChunks = 0;
    this.#roverPosition = -1;
    this.#roverUnit = 0;
    // New pages, new addresses.
    this.#addresses?.fill(undefined);
  }
}
