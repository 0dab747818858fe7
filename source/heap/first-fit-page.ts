import { addressNumber } from './address-number.js';
import { hex } from './chunk.js';
import { checkViewLength, usedChunkSpan } from './chunk-span.js';
import { kernelPages, type PageRegion, type PageSource } from './page-source.js';
import { UnitMarks } from './unit-marks.js';

export interface FirstFitPageOptions {
  unitBytes: number;
  pageBytes: number;
  pages?: PageSource;
}

/**
 * Part A as the module `memtui/alloc` runs it: one page, first fit, nothing else. The C header
 * has no policy to choose, so this path needs none of HeapCore's machinery for many pages (page
 * order, search tree, per-page lookups): a pair costs about 30 ns less. The chunks are the same
 * `UnitMarks` as HeapCore's, so splitting and merging are the same code; first fit in one page is
 * the lowest free chunk that fits, as HeapCore's. Each address is made as a bigint once and kept.
 */
export class FirstFitPage {
  readonly unitBytes: number;
  readonly pageBytes: number;
  readonly #units: number;
  readonly #unitShift: number;
  readonly #source: PageSource;
  readonly #marks: UnitMarks;
  readonly #addresses: Array<bigint | undefined>;
  #region: PageRegion | null = null;
  #base = 0;
  #baseBig = 0n;

  constructor(options: FirstFitPageOptions) {
    const { unitBytes, pageBytes } = options;
    if (!Number.isInteger(unitBytes) || (unitBytes & (unitBytes - 1)) !== 0 || !Number.isInteger(pageBytes) || pageBytes % unitBytes !== 0 || pageBytes > 2 ** 30) {
      throw new RangeError(`FirstFitPage: units of ${unitBytes} B must be a power of two dividing a page of ${pageBytes} B`);
    }
    this.unitBytes = unitBytes;
    this.pageBytes = pageBytes;
    this.#units = pageBytes / unitBytes;
    this.#unitShift = 31 - Math.clz32(unitBytes);
    this.#source = options.pages ?? kernelPages;
    this.#marks = new UnitMarks(this.#units, 1);
    this.#addresses = new Array<bigint | undefined>(this.#units).fill(undefined);
  }

  get open(): boolean {
    return this.#region !== null;
  }

  /** Maps the page, one free chunk; throws what the page source throws (a NativeError from mmap). */
  map(): void {
    if (this.#region) throw new Error('FirstFitPage: the page is already mapped');
    const region = this.#source.map(this.pageBytes);
    this.#region = region;
    this.#base = Number(region.base);
    this.#baseBig = region.base;
    this.#addresses.fill(undefined);
    this.#marks.initPage(0);
  }

  /** Unmaps the page and forgets every chunk. */
  unmap(): void {
    const region = this.#region;
    if (!region) return;
    this.#region = null;
    this.#marks.clear();
    if (region.live) region.unmap();
  }

  /** The lowest chunk of `size` bytes that fits, as a real address, or null (a bad size, no room, no page). */
  alloc(size: number): bigint | null {
    if (typeof size !== 'number' || !(size > 0) || size > this.pageBytes) return null;
    const need = size >> this.#unitShift;
    const marks = this.#marks;
    if (need << this.#unitShift !== size || need > marks.pageMax(0)) return null;
    const unit = marks.takeFit(0, 0, need);
    return (this.#addresses[unit] ??= this.#baseBig + BigInt(unit << this.#unitShift));
  }

  /** Frees the used chunk that starts at `address`; false (and nothing changes) for anything else. */
  free(address: bigint): boolean {
    const offset = addressNumber(address) - this.#base;
    if (this.#region === null || !(offset >= 0 && offset < this.pageBytes) || (offset & (this.unitBytes - 1)) !== 0) return false;
    return this.#marks.releaseIfUsed(0, offset >> this.#unitShift);
  }

  /** Bytes of bookkeeping in the JS heap: the page's marks (the address cache is counted apart). */
  bookkeepingBytes(): number {
    return this.#marks.byteLength;
  }

  /** Bytes of the address cache: a slot per unit, and a bigint (~24 B) per address made so far. */
  cacheBytes(): number {
    return 8 * this.#units + 24 * this.#addresses.filter((address) => address !== undefined).length;
  }

  /** `length` bytes at `address`, inside one used chunk, in a view whose buffer is that chunk alone; otherwise a RangeError why. */
  memory(address: bigint, length: number): Uint8Array {
    checkViewLength('memory', length);
    const region = this.#region;
    const offset = addressNumber(address) - this.#base;
    if (region === null || !(offset >= 0 && offset < this.pageBytes)) throw new RangeError(`memory ${hex(address)}: not inside any page of this heap`);
    const span = usedChunkSpan(this.#marks, 0, offset, length, this.unitBytes, 'memory', address, (unit) => this.#baseBig + BigInt(unit * this.unitBytes));
    return new Uint8Array(region.subview(span.chunkOffset, span.chunkBytes), span.into, length);
  }
}
