import { Arena } from './arena.js';
import {
  type AllocResult, type ChunkInfo, type FreeResult, type HeapReport, type HeapStats, type OpFacts, type PageInfo, hex,
} from './chunk.js';
import { kernelPages, type PageRegion, type PageSource } from './page-source.js';
import { type Policy } from './policy.js';

export interface ChunkHeapOptions {
  unitBytes: number;
  pageBytes: number;
  maxPages: number;
  policy?: Policy;
  pages?: PageSource;
  /** Ids for used chunks; a session passes one counter shared with its raw mappings. */
  nextId?: () => number;
}

/**
 * A heap of chunks over pages mapped on demand: the common core of Part A (one page, mapped at
 * creation) and Part B (up to maxPages, mapped one at a time). Bookkeeping is the `Arena`, in
 * the JS heap; the pages hold only the user's bytes.
 */
export class ChunkHeap {
  readonly unitBytes: number;
  readonly pageBytes: number;
  readonly maxPages: number;
  policy: Policy;
  readonly #source: PageSource;
  readonly #nextId: () => number;
  readonly #arena: Arena;
  readonly #pages: PageRegion[] = [];
  /** Page bases as plain numbers: user-space addresses fit in 47 bits, and number maths is far cheaper than bigint. */
  readonly #bases: number[] = [];
  /** Kernel page number -> heap page index: finds the page of an address in O(1). */
  readonly #pageOfKernelPage = new Map<number, number>();
  #closed = false;

  constructor(options: ChunkHeapOptions) {
    const { unitBytes, pageBytes, maxPages } = options;
    if (!Number.isInteger(unitBytes) || unitBytes <= 0 || !Number.isInteger(pageBytes) || pageBytes % unitBytes !== 0) {
      throw new RangeError(`a page of ${pageBytes} B does not split into units of ${unitBytes} B`);
    }
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError(`maxPages must be at least 1, not ${maxPages}`);
    this.unitBytes = unitBytes;
    this.pageBytes = pageBytes;
    this.maxPages = maxPages;
    this.policy = options.policy ?? 'first';
    this.#source = options.pages ?? kernelPages;
    let counter = 0;
    this.#nextId = options.nextId ?? (() => (counter += 1));
    this.#arena = new Arena(pageBytes / unitBytes);
  }

  get closed(): boolean { return this.#closed; }
  get pagesMapped(): number { return this.#pages.length; }
  get pages(): readonly PageRegion[] { return this.#pages; }

  /** Maps one more page; false when the heap already holds maxPages. */
  protected mapPage(): boolean {
    if (this.#pages.length >= this.maxPages) return false;
    const region = this.#source.map(this.pageBytes);
    const index = this.#arena.addPage();
    this.#pages.push(region);
    this.#bases.push(Number(region.base));
    const kernelPage = this.#source.osPageSize;
    const first = Number(region.base) / kernelPage;
    for (let page = 0; page < Math.ceil(this.pageBytes / kernelPage); page += 1) this.#pageOfKernelPage.set(first + page, index);
    return true;
  }

  alloc(size: number): AllocResult {
    const refusal = this.#checkSize(size);
    if (refusal) return refusal;
    const need = size / this.unitBytes;
    let placement = this.#arena.find(need, this.policy);
    let pageMapped = false;
    if (!placement && this.mapPage()) {
      pageMapped = true;
      placement = this.#arena.find(need, this.policy);
    }
    if (!placement) return this.#noFit(size);
    const id = this.#nextId();
    const { splitFrom } = this.#arena.allocate(placement.start, need, id);
    const chunk = this.#info(placement.start);
    const facts: OpFacts = {
      examined: placement.examined, split: splitFrom > need, fromFreeBytes: splitFrom * this.unitBytes, merged: 'none', pageMapped,
    };
    return { ok: true, address: chunk.address, chunk, facts };
  }

  #checkSize(size: number): AllocResult | null {
    const refuse = (reason: 'closed' | 'invalid-size' | 'not-multiple' | 'too-large', message: string): AllocResult => ({ ok: false, reason, message });
    if (this.#closed) return refuse('closed', `alloc ${size}: the heap was cleaned up; init it again first`);
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
      return refuse('invalid-size', `alloc ${String(size)}: size must be a positive whole number of bytes`);
    }
    if (size % this.unitBytes !== 0) {
      const up = Math.ceil(size / this.unitBytes) * this.unitBytes;
      return refuse('not-multiple', `alloc ${size}: size must be a multiple of ${this.unitBytes} (try ${up})`);
    }
    if (size > this.pageBytes) {
      return refuse('too-large', `alloc ${size}: larger than a page (${this.pageBytes} B), and a chunk never crosses a page boundary`);
    }
    return null;
  }

  #noFit(size: number): AllocResult {
    const stats = this.stats();
    const free = `${stats.freeBytes} B free in ${stats.freeChunks} chunk${stats.freeChunks === 1 ? '' : 's'}, the largest ${stats.largestFreeBytes} B`;
    if (this.maxPages > 1) {
      return { ok: false, reason: 'heap-full', message: `alloc ${size}: all ${this.maxPages} pages are mapped and no free chunk holds ${size} B (${free})` };
    }
    const why = stats.freeBytes >= size ? ': enough bytes in total, but not in one piece (fragmentation)' : '';
    return { ok: false, reason: 'no-fit', message: `alloc ${size}: no free chunk holds ${size} B (${free})${why}` };
  }

  free(address: bigint | null): FreeResult {
    if (this.#closed) return { ok: false, reason: 'closed', message: 'free: the heap was cleaned up; nothing of it is live' };
    if (address === null) return { ok: false, reason: 'null', message: 'free(NULL): nothing to free' };
    const located = this.#locate(address);
    if (!located) return { ok: false, reason: 'not-ours', message: `free ${hex(address)}: not inside any page of this heap` };
    const { start, unit, offsetInUnit } = located;
    const chunk = this.#info(start);
    if (!this.#arena.isUsed(start)) {
      const exact = unit === start && offsetInUnit === 0;
      if (exact && this.#arena.wasHandedOut(start)) {
        return { ok: false, reason: 'double-free', message: `free ${hex(address)}: already free (a double free)` };
      }
      return { ok: false, reason: 'in-free-space', message: `free ${hex(address)}: lies in free space (${exact ? 'never allocated at this address' : 'freed before, or never allocated'})` };
    }
    if (unit !== start || offsetInUnit !== 0) {
      return {
        ok: false, reason: 'interior',
        message: `free ${hex(address)}: inside chunk #${chunk.id} (which starts at ${hex(chunk.address)}, ${Number(address - chunk.address)} B before); free takes the address alloc returned`,
      };
    }
    return this.#release(start, chunk);
  }

  freeById(id: number): FreeResult {
    if (this.#closed) return { ok: false, reason: 'closed', message: 'free: the heap was cleaned up; nothing of it is live' };
    const start = this.#arena.findUsed(id);
    if (start < 0) return { ok: false, reason: 'unknown-id', message: `free #${id}: no live chunk has that id` };
    return this.#release(start, this.#info(start));
  }

  #release(start: number, freed: ChunkInfo): FreeResult {
    const { merged, start: first } = this.#arena.release(start);
    const facts: OpFacts = { examined: 0, split: false, fromFreeBytes: 0, merged, pageMapped: false };
    return { ok: true, freed, into: this.#info(first), facts };
  }

  /** The chunk (free or used) holding `address`, when it lies in one of our live pages. */
  chunkAt(address: bigint): ChunkInfo | undefined {
    const located = this.#locate(address);
    return located ? this.#info(located.start) : undefined;
  }

  /**
   * The live chunk with this id. It walks the chunks: ids are for people at a screen (a few
   * pages), and keeping an id table would cost every alloc and free of a large heap.
   */
  chunkById(id: number): ChunkInfo | undefined {
    const start = this.#arena.findUsed(id);
    return start < 0 ? undefined : this.#info(start);
  }

  /**
   * A zero-copy view of `length` bytes at `address`, which must lie inside one live used chunk.
   * This is the gate the lab's `memory()` goes through: nothing reaches a page otherwise.
   */
  view(address: bigint, length: number): Uint8Array {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`memory: length must be a whole number of bytes, not ${length}`);
    if (this.#closed) throw new RangeError(`memory ${hex(address)}: the heap was cleaned up`);
    const located = this.#locate(address);
    if (!located) throw new RangeError(`memory ${hex(address)}: not inside any page of this heap`);
    const chunk = this.#info(located.start);
    if (chunk.free) throw new RangeError(`memory ${hex(address)}: lies in free space, not in an allocated chunk`);
    const into = Number(address - chunk.address);
    if (into + length > chunk.size) {
      throw new RangeError(`memory ${hex(address)}: ${length} B from here run past the end of chunk #${chunk.id} (${chunk.size - into} B left in it)`);
    }
    const offset = chunk.offset + into;
    return this.#pages[chunk.page]!.view().subarray(offset, offset + length);
  }

  #locate(address: bigint): { start: number; unit: number; offsetInUnit: number } | undefined {
    if (typeof address !== 'bigint') return undefined;
    const numeric = Number(address);
    const page = this.#bases.length === 1 ? 0 : this.#pageOfKernelPage.get(Math.floor(numeric / this.#source.osPageSize));
    if (page === undefined) return undefined;
    const offset = numeric - this.#bases[page]!;
    if (offset < 0 || offset >= this.pageBytes) return undefined;
    const unit = page * this.#arena.unitsPerPage + Math.floor(offset / this.unitBytes);
    return { start: this.#arena.startOf(unit), unit, offsetInUnit: offset % this.unitBytes };
  }

  #info(start: number): ChunkInfo {
    const arena = this.#arena;
    const page = Math.floor(start / arena.unitsPerPage);
    const offset = (start % arena.unitsPerPage) * this.unitBytes;
    return {
      id: arena.idAt(start), page, offset, size: arena.lengthAt(start) * this.unitBytes,
      free: !arena.isUsed(start), address: BigInt(this.#bases[page]! + offset),
    };
  }

  stats(): HeapStats {
    const arena = this.#arena;
    const freeBytes = arena.freeUnits * this.unitBytes;
    const largestFreeBytes = arena.largestFree * this.unitBytes;
    return {
      pagesMapped: this.#pages.length, maxPages: this.maxPages, pageBytes: this.pageBytes, unitBytes: this.unitBytes,
      policy: this.policy, freeBytes, usedBytes: this.#pages.length * this.pageBytes - freeBytes, largestFreeBytes,
      freeChunks: arena.freeChunks, usedChunks: arena.usedChunks,
      fragmentation: freeBytes === 0 ? 0 : 1 - largestFreeBytes / freeBytes,
    };
  }

  pageInfo(): PageInfo[] {
    return this.#pages.map((region, index) => ({ index, base: region.base, bytes: this.pageBytes }));
  }

  /** Every chunk in address order within each page, pages in the order they were mapped. */
  chunks(): ChunkInfo[] {
    return Array.from(this.#arena.chunks(), ({ start }) => this.#info(start));
  }

  report(): HeapReport {
    return { ...this.stats(), pages: this.pageInfo(), chunks: this.chunks() };
  }

  /** The invariant checker: an empty list when every rule holds. */
  check(): string[] {
    const problems = this.#arena.check();
    const ids = new Set<number>();
    for (const chunk of this.#arena.chunks()) {
      if (!chunk.used) continue;
      if (ids.has(chunk.id)) problems.push(`two live chunks have the id #${chunk.id}`);
      ids.add(chunk.id);
    }
    for (const region of this.#pages) if (!region.live) problems.push(`page at ${hex(region.base)} is no longer mapped`);
    return problems;
  }

  bookkeepingBytes(): number {
    return this.#arena.bookkeepingBytes();
  }

  /** Unmaps every page; the heap refuses everything afterwards. */
  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const region of this.#pages) if (region.live) region.unmap();
  }
}
