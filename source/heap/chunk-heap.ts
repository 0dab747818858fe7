import {
  type AllocResult, type ChunkInfo, type FreeResult, type HeapReport, type HeapStats, type MergeSide, type OpFacts, type PageInfo, hex,
} from './chunk.js';
import { HeapCore } from './heap-core.js';
import type { PageRegion, PageSource } from './page-source.js';
import type { Policy } from './policy.js';

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
 * The allocator as the screen and the tests see it: `HeapCore` with results that say what
 * happened (the chunk, its id, the search's facts, why a request was refused). The common core
 * of Part A (one page, mapped at creation) and Part B (up to maxPages, mapped one at a time).
 *
 * Chunks are numbered by pages in the order they were mapped (`chunk.page`, as on screen);
 * placement follows addresses (see policy.ts).
 */
export class ChunkHeap {
  readonly unitBytes: number;
  readonly pageBytes: number;
  readonly maxPages: number;
  readonly #core: HeapCore;
  readonly #nextId: () => number;
  readonly #units: number;
  /** Per page (in mapping order) and unit: the id of the used chunk starting there. */
  #ids = new Int32Array(0);
  /** Per page and unit, one bit: alloc once returned a chunk starting there (tells a double free from a stray one). */
  #handedOut = new Uint32Array(0);

  constructor(options: ChunkHeapOptions) {
    this.#core = new HeapCore({ ...options, countFree: true });
    this.unitBytes = options.unitBytes;
    this.pageBytes = options.pageBytes;
    this.maxPages = options.maxPages;
    this.#units = this.#core.unitsPerPage;
    let counter = 0;
    this.#nextId = options.nextId ?? (() => (counter += 1));
  }

  get policy(): Policy { return this.#core.policy; }
  set policy(policy: Policy) { this.#core.policy = policy; }
  get closed(): boolean { return this.#core.closed; }
  get pagesMapped(): number { return this.#core.pagesMapped; }
  /** The pages, in the order they were mapped. */
  get pages(): readonly PageRegion[] { return this.#core.regions; }

  /** Maps one more page; false when the heap already holds maxPages. */
  protected mapPage(): boolean {
    if (!this.#core.mapPage()) return false;
    const slots = this.#core.pagesMapped;
    const units = this.#units;
    if (slots * units > this.#ids.length) {
      const capacity = Math.min(Math.max(slots, 2 * (this.#ids.length / units)), this.maxPages);
      const ids = new Int32Array(capacity * units);
      ids.set(this.#ids);
      this.#ids = ids;
      const handedOut = new Uint32Array(Math.ceil((capacity * units) / 32));
      handedOut.set(this.#handedOut);
      this.#handedOut = handedOut;
    }
    return true;
  }

  alloc(size: number): AllocResult {
    const refusal = this.#checkSize(size);
    if (refusal) return refusal;
    const core = this.#core;
    const need = size / this.unitBytes;
    let found = core.find(need);
    let pageMapped = false;
    // A walk that finds nothing has looked at every free chunk before a page is mapped.
    const freeBeforeMapping = found ? 0 : core.freeChunks;
    if (!found && this.mapPage()) {
      pageMapped = true;
      found = core.find(need);
    }
    if (!found) return this.#noFit(size);
    const examined = pageMapped ? freeBeforeMapping : core.examined();
    const position = core.foundPosition;
    const start = core.foundUnit;
    const fromLength = core.foundLength;
    core.take(need);
    const place = core.slotAt(position) * this.#units + start;
    this.#ids[place] = this.#nextId();
    this.#handedOut[place >>> 5] |= 1 << (place & 31);
    const chunk = this.#info(position, start);
    const facts: OpFacts = { examined, split: fromLength > need, fromFreeBytes: fromLength * this.unitBytes, merged: 'none', pageMapped };
    return { ok: true, address: chunk.address, chunk, facts };
  }

  #checkSize(size: number): AllocResult | null {
    const refuse = (reason: 'closed' | 'invalid-size' | 'not-multiple' | 'too-large', message: string): AllocResult => ({ ok: false, reason, message });
    if (this.closed) return refuse('closed', `alloc ${size}: the heap was cleaned up; init it again first`);
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
    if (this.closed) return { ok: false, reason: 'closed', message: 'free: the heap was cleaned up; nothing of it is live' };
    if (address === null) return { ok: false, reason: 'null', message: 'free(NULL): nothing to free' };
    const core = this.#core;
    const position = core.locate(address);
    if (position < 0) return { ok: false, reason: 'not-ours', message: `free ${typeof address === 'bigint' ? hex(address) : String(address)}: not inside any page of this heap` };
    const unit = core.locatedUnit;
    const exact = core.locatedInto === 0;
    const start = core.chunkStart(position, unit);
    if (core.isFreeAt(position, start)) {
      const atStart = exact && unit === start;
      if (atStart && this.#wasHandedOut(position, start)) {
        return { ok: false, reason: 'double-free', message: `free ${hex(address)}: already free (a double free)` };
      }
      return { ok: false, reason: 'in-free-space', message: `free ${hex(address)}: lies in free space (${atStart ? 'never allocated at this address' : 'freed before, or never allocated'})` };
    }
    if (unit !== start || !exact) {
      const chunk = this.#info(position, start);
      return {
        ok: false, reason: 'interior',
        message: `free ${hex(address)}: inside chunk #${chunk.id} (which starts at ${hex(chunk.address)}, ${Number(address - chunk.address)} B before); free takes the address alloc returned`,
      };
    }
    return this.#release(position, start);
  }

  freeById(id: number): FreeResult {
    if (this.closed) return { ok: false, reason: 'closed', message: 'free: the heap was cleaned up; nothing of it is live' };
    const found = this.#findUsed(id);
    if (!found) return { ok: false, reason: 'unknown-id', message: `free #${id}: no live chunk has that id` };
    return this.#release(found.position, found.start);
  }

  #release(position: number, start: number): FreeResult {
    const freed = this.#info(position, start);
    const core = this.#core;
    core.release(position, start);
    const left = core.mergedLeft;
    const right = core.mergedRight;
    const merged: MergeSide = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
    const facts: OpFacts = { examined: 0, split: false, fromFreeBytes: 0, merged, pageMapped: false };
    return { ok: true, freed, into: this.#info(position, core.mergedStart), facts };
  }

  #wasHandedOut(position: number, start: number): boolean {
    const place = this.#core.slotAt(position) * this.#units + start;
    return ((this.#handedOut[place >>> 5]! >>> (place & 31)) & 1) === 1;
  }

  /**
   * The live chunk with this id: a walk over the chunks. Ids are for people at a screen (a few
   * pages); an id table would cost every alloc and free of a large heap.
   */
  #findUsed(id: number): { position: number; start: number } | undefined {
    const core = this.#core;
    for (const position of core.positions()) {
      const slot = core.slotAt(position);
      let found = -1;
      core.forEachChunk(position, (start, _length, used) => {
        if (found < 0 && used && this.#ids[slot * this.#units + start] === id) found = start;
      });
      if (found >= 0) return { position, start: found };
    }
    return undefined;
  }

  /** The chunk (free or used) holding `address`, when it lies in one of our live pages. */
  chunkAt(address: bigint): ChunkInfo | undefined {
    if (this.closed) return undefined;
    const position = this.#core.locate(address);
    return position < 0 ? undefined : this.#info(position, this.#core.chunkStart(position, this.#core.locatedUnit));
  }

  chunkById(id: number): ChunkInfo | undefined {
    const found = this.#findUsed(id);
    return found ? this.#info(found.position, found.start) : undefined;
  }

  /**
   * A view of `length` bytes at `address`, which must lie inside one live used chunk: memtui's
   * own path to the bytes (the session's read and write, the tests), through the page's one
   * cached view. The modules' `memory()` hands out views whose buffer is the chunk alone.
   */
  view(address: bigint, length: number): Uint8Array {
    return this.#core.pageView(address, length);
  }

  #info(position: number, start: number): ChunkInfo {
    const core = this.#core;
    const slot = core.slotAt(position);
    const free = core.isFreeAt(position, start);
    const place = slot * this.#units + start;
    const offset = start * this.unitBytes;
    return {
      // Free chunks have no id of their own: a negative one, from where they start, keeps them apart.
      id: free ? -(place + 1) : this.#ids[place]!,
      page: slot, offset, size: core.chunkLength(position, start) * this.unitBytes, free,
      address: core.addressOf(position, start),
    };
  }

  stats(): HeapStats {
    const core = this.#core;
    const freeBytes = core.freeUnits * this.unitBytes;
    const largestFreeBytes = core.largestFree * this.unitBytes;
    return {
      pagesMapped: core.pagesMapped, maxPages: this.maxPages, pageBytes: this.pageBytes, unitBytes: this.unitBytes,
      policy: this.policy, freeBytes, usedBytes: core.pagesMapped * this.pageBytes - freeBytes, largestFreeBytes,
      freeChunks: core.freeChunks, usedChunks: core.usedChunks,
      fragmentation: freeBytes === 0 ? 0 : 1 - largestFreeBytes / freeBytes,
    };
  }

  /** The pages in the order they were mapped. */
  pageInfo(): PageInfo[] {
    return this.pages.map((region, index) => ({ index, base: region.base, bytes: this.pageBytes }));
  }

  /** Every chunk: pages in the order they were mapped, chunks in address order within each. */
  chunks(): ChunkInfo[] {
    const core = this.#core;
    const chunks: ChunkInfo[] = [];
    for (let slot = 0; slot < core.pagesMapped; slot += 1) {
      const position = core.positionOf(slot);
      core.forEachChunk(position, (start) => chunks.push(this.#info(position, start)));
    }
    return chunks;
  }

  report(): HeapReport {
    return { ...this.stats(), pages: this.pageInfo(), chunks: this.chunks() };
  }

  /** The invariant checker: an empty list when every rule holds. */
  check(): string[] {
    const problems = this.#core.check();
    const ids = new Set<number>();
    for (const chunk of this.chunks()) {
      if (chunk.free) continue;
      if (ids.has(chunk.id)) problems.push(`two live chunks have the id #${chunk.id}`);
      ids.add(chunk.id);
    }
    return problems;
  }

  /** Bytes of bookkeeping in the JS heap: the core's, and the ids and handed-out marks the screen needs. */
  bookkeepingBytes(): number {
    return this.#core.bookkeepingBytes() + this.#ids.byteLength + this.#handedOut.byteLength;
  }

  /** Unmaps every page; the heap refuses everything afterwards. */
  destroy(): void {
    this.#core.close();
  }
}
