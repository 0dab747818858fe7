import {
  MADV_DONTNEED, MAP_ANONYMOUS, MAP_FAILED, MAP_PRIVATE, MAP_SHARED,
  type Protection, protectionBits, type Sharing,
} from './constants.js';
import { bindLibc, libc, pageSize } from './libc.js';
import { nativeError, UnmappedError } from './native-error.js';

export interface MapOptions {
  /** Whole pages to map; the default when neither pages nor length is given is 1. */
  pages?: number;
  /** Bytes to map (the kernel rounds up to whole pages); 0 is refused by mmap with EINVAL. */
  length?: number;
  protection?: Protection;
  sharing?: Sharing;
}

const live = new Set<Mapping>();

/**
 * One region from an anonymous mmap. Every access goes through this object, which refuses
 * once the region is unmapped: a koffi view touched after munmap would be a segfault of the
 * whole program, not an exception.
 */
export class Mapping {
  readonly base: bigint;
  readonly length: number;
  readonly pageCount: number;
  readonly pageSize: number;
  readonly protection: Protection;
  readonly sharing: Sharing;
  readonly flags: number;
  #view: Uint8Array | null = null;
  #live = true;

  private constructor(base: bigint, length: number, protection: Protection, sharing: Sharing, flags: number) {
    this.base = base;
    this.pageSize = pageSize();
    this.length = Math.ceil(length / this.pageSize) * this.pageSize;
    this.pageCount = this.length / this.pageSize;
    this.protection = protection;
    this.sharing = sharing;
    this.flags = flags;
  }

  static map(options: MapOptions = {}): Mapping {
    const protection = options.protection ?? 'rw';
    const sharing = options.sharing ?? 'private';
    const length = options.length ?? (options.pages ?? 1) * pageSize();
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`mmap: length must be a whole number of bytes, not ${length}`);
    }
    const flags = MAP_ANONYMOUS | (sharing === 'shared' ? MAP_SHARED : MAP_PRIVATE);
    const c = libc();
    const base = c.mmap(null, length, protectionBits[protection], flags, -1, 0);
    if (base === MAP_FAILED) throw nativeError('mmap', c.errno());
    const mapping = new Mapping(base, length, protection, sharing, flags);
    live.add(mapping);
    return mapping;
  }

  get live(): boolean {
    return this.#live;
  }

  get end(): bigint {
    return this.base + BigInt(this.length);
  }

  /** True when [address, address + length) lies wholly inside this live mapping. */
  contains(address: bigint, length = 1): boolean {
    return this.#live && address >= this.base && address + BigInt(Math.max(length, 1)) <= this.end;
  }

  offsetOf(address: bigint): number {
    if (!this.contains(address)) {
      throw new RangeError(`0x${address.toString(16)} is not inside this mapping`);
    }
    return Number(address - this.base);
  }

  /** The one cached zero-copy view over the region; only for read+write mappings. */
  view(): Uint8Array {
    this.#assertLive('view');
    if (this.protection !== 'rw' && this.protection !== 'rwx') {
      throw new RangeError(`view: this mapping is ${this.protection}; a byte view needs read+write`);
    }
    this.#view ??= new Uint8Array(libc().view(this.base, this.length));
    return this.#view;
  }

  /**
   * A fresh zero-copy ArrayBuffer over exactly `length` bytes at `offset`: what a view handed to
   * someone else is made from, so that its `.buffer` reaches nothing outside that range. Each
   * call costs a koffi view (about 1-2 us); memtui's own code uses the cached `view()`.
   */
  subview(offset: number, length: number): ArrayBuffer {
    this.#assertRange('view', offset, length);
    if (this.protection !== 'rw' && this.protection !== 'rwx') {
      throw new RangeError(`view: this mapping is ${this.protection}; a byte view needs read+write`);
    }
    return libc().view(this.base + BigInt(offset), length);
  }

  read(offset: number, length: number): Uint8Array {
    this.#assertRange('read', offset, length);
    return this.view().slice(offset, offset + length);
  }

  write(offset: number, data: Uint8Array): void {
    this.#assertRange('write', offset, data.length);
    if (this.#view) {
      this.#view.set(data, offset);
    } else if (data.length > 0) {
      // No view yet: copy through koffi.encode rather than make an ArrayBuffer for one write
      // (a view costs about 1 us; map + write + unmap of a page went from 1.49x C to ~1.1x).
      libc().write(this.base, offset, data);
    }
  }

  /** Per-page residency from mincore(2): bit 0 of each entry says the page is in RAM. */
  residency(): boolean[] {
    this.#assertLive('mincore');
    const vector = new Uint8Array(this.pageCount);
    const c = libc();
    if (c.mincore(this.base, this.length, vector) !== 0) throw nativeError('mincore', c.errno());
    return Array.from(vector, (entry) => (entry & 1) === 1);
  }

  /** mincore(2) on pages [firstPage, firstPage + count) only: one entry per page, bit 0 set when resident. */
  residencyOf(firstPage: number, count: number): Uint8Array {
    this.#assertLive('mincore');
    if (!Number.isInteger(firstPage) || !Number.isInteger(count) || firstPage < 0 || count < 1 || firstPage + count > this.pageCount) {
      throw new RangeError(`mincore: pages ${firstPage}..${firstPage + count - 1} are not inside this ${this.pageCount}-page mapping`);
    }
    const vector = new Uint8Array(count);
    const c = libc();
    if (c.mincore(this.base + BigInt(firstPage * this.pageSize), count * this.pageSize, vector) !== 0) throw nativeError('mincore', c.errno());
    return vector;
  }

  residentPages(): number {
    return this.residency().filter(Boolean).length;
  }

  /** madvise(MADV_DONTNEED) on whole pages: they leave RAM and read back as zeros. */
  adviseDontNeed(firstPage = 0, pages = this.pageCount - firstPage): void {
    this.#assertLive('madvise');
    if (!Number.isInteger(firstPage) || !Number.isInteger(pages) || firstPage < 0 || pages < 1
      || firstPage + pages > this.pageCount) {
      throw new RangeError(`madvise: pages ${firstPage}..${firstPage + pages - 1} are not inside this ${this.pageCount}-page mapping`);
    }
    const c = libc();
    const start = this.base + BigInt(firstPage * this.pageSize);
    if (c.madvise(start, pages * this.pageSize, MADV_DONTNEED) !== 0) throw nativeError('madvise', c.errno());
  }

  unmap(): void {
    this.#assertLive('munmap');
    // Drop the view first: nothing of ours may reach the memory once it is gone.
    this.#view = null;
    const c = libc();
    if (c.munmap(this.base, this.length) !== 0) throw nativeError('munmap', c.errno());
    this.#live = false;
    live.delete(this);
  }

  #assertLive(what: string): void {
    if (!this.#live) throw new UnmappedError(`${what} at 0x${this.base.toString(16)}`);
  }

  #assertRange(what: string, offset: number, length: number): void {
    this.#assertLive(what);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0
      || offset + length > this.length) {
      throw new RangeError(`${what}: bytes ${offset}..${offset + length} are outside this ${this.length}-byte mapping`);
    }
  }
}

/**
 * Binds libc and runs every call path of a mapping once (map, write, view, mincore, unmap) on a
 * page that is unmapped again before this returns. Afterwards nothing lazy is left for a later
 * call: `koffi.load('libc.so.6')` maps about 3 MB, and koffi and V8 prepare a call path on its
 * first use. The lab modules call this when imported, so that a student who reads VSZ around
 * `init_alloc()` sees the page and nothing else (issue 12).
 */
export function warmNative(): void {
  bindLibc();
  const mapping = Mapping.map();
  try {
    mapping.write(0, new Uint8Array(1));
    mapping.subview(0, 1);
    mapping.view();
    mapping.write(0, new Uint8Array(1));
    mapping.residency();
  } finally {
    mapping.unmap();
  }
}

/** Every mapping of ours that is still mapped, oldest first. */
export function liveMappings(): Mapping[] {
  return [...live];
}

/** The live mapping of ours that holds `address`, if any: the gate before any raw address is used. */
export function findLiveMapping(address: bigint): Mapping | undefined {
  for (const mapping of live) if (mapping.contains(address)) return mapping;
  return undefined;
}

/** Unmap everything of ours (at exit); errors are collected, not thrown, so every region is tried. */
export function unmapAll(): Error[] {
  const errors: Error[] = [];
  for (const mapping of [...live]) {
    try { mapping.unmap(); } catch (error) { errors.push(error as Error); }
  }
  return errors;
}

/** Bytes mapped and bytes resident (mincore) over all our live mappings. */
export function ourFootprint(): { mappedBytes: number; residentBytes: number } {
  let mappedBytes = 0;
  let residentBytes = 0;
  for (const mapping of live) {
    mappedBytes += mapping.length;
    residentBytes += mapping.residentPages() * mapping.pageSize;
  }
  return { mappedBytes, residentBytes };
}
