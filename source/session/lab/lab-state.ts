import {
  type AllocResult, type ChunkHeap, type ChunkInfo, ElasticHeap, type FreeResult, PageAllocator, type PageRegion, type Policy,
} from '../../heap/index.js';
import { Mapping, NativeError, pageSize } from '../../native/index.js';
import { hugePagesUnasked, PAGES_PER_HUGE_PAGE } from '../../proc/index.js';
import type { Footprint, HeapPart } from '../../result/index.js';
import { AddressBudget } from './address-budget.js';
import { type NamedPage, PageDirectory, type PageSpan } from './page-directory.js';

export type Heap = PageAllocator | ElasticHeap;

export const partName: Record<HeapPart, string> = { a: 'Part A page manager', b: 'Part B elastic heap' };
export const partTitle: Record<HeapPart, string> = { a: 'Part A', b: 'Part B' };

/**
 * Everything a session owns in memory: raw mappings, the two heap parts, the ids they share,
 * and every page's name. It changes only through its methods, each of which keeps the page
 * directory (names, addresses, our footprint) in step; queries never change it.
 */
export class LabState {
  readonly pageSize = pageSize();
  readonly pages = new PageDirectory(this.pageSize);
  readonly budget = new AddressBudget();
  readonly #raw = new Map<number, PageSpan>();
  readonly #heaps: Record<HeapPart, Heap | null> = { a: null, b: null };
  readonly #heapSpans = new Map<PageRegion, PageSpan>();
  readonly #policy: Record<HeapPart, Policy> = { a: 'first', b: 'first' };
  readonly #hugePages = hugePagesUnasked();
  /** Ids of chunks freed in this session, so that a second free #id is named a double free. */
  readonly #freedIds = new Set<number>();
  #part: HeapPart = 'a';
  #lastId = 0;

  readonly nextId = (): number => (this.#lastId += 1);

  get part(): HeapPart { return this.#part; }
  get rawCount(): number { return this.#raw.size; }

  footprint(): Footprint {
    return { mappedBytes: this.pages.mappedPages * this.pageSize, residentBytes: this.pages.residentPages * this.pageSize };
  }

  heap(part: HeapPart = this.#part): Heap | null {
    return this.#heaps[part];
  }

  policy(part: HeapPart = this.#part): Policy {
    return this.#policy[part];
  }

  raw(id: number): PageSpan | undefined {
    return this.#raw.get(id);
  }

  /** Raw mapping ids in the order they were made. */
  rawIds(): IterableIterator<number> {
    return this.#raw.keys();
  }

  wasFreed(id: number): boolean {
    return this.#freedIds.has(id);
  }

  /** The span of a heap's page, by its index in the heap. */
  heapSpan(part: HeapPart, heapPage: number): PageSpan | undefined {
    const region = this.#heaps[part]?.pages[heapPage];
    return region ? this.#heapSpans.get(region) : undefined;
  }

  /** The page's name on screen of a heap's page. */
  heapPageName(part: HeapPart, heapPage: number): number {
    return this.heapSpan(part, heapPage)?.firstName ?? -1;
  }

  // -------------------------------------------------------------------------------------------
  // Changes

  setPart(part: HeapPart): void {
    this.#part = part;
  }

  setPolicy(part: HeapPart, policy: Policy): void {
    this.#policy[part] = policy;
    const heap = this.#heaps[part];
    if (heap) heap.policy = policy;
  }

  /** mmap of anonymous private read+write pages, within the address-space budget. */
  mapRaw(pages: number): { id: number; span: PageSpan } | string {
    const refusal = this.budget.refusal(pages * this.pageSize, this.pages.mappedPages);
    if (refusal) return refusal;
    const mapping = Mapping.map({ pages });
    const id = this.nextId();
    const span = this.pages.add(mapping.base, mapping.pageCount, { kind: 'raw', id, mapping });
    this.#raw.set(id, span);
    return { id, span };
  }

  unmapRaw(id: number): { pages: number; residentPages: number } {
    const span = this.#raw.get(id)!;
    const { mapping } = span.owner as Extract<PageSpan['owner'], { kind: 'raw' }>;
    // mincore right before: what leaves RSS with it.
    this.refreshResidency(span);
    const residentPages = span.resident.reduce((sum, page) => sum + page, 0);
    mapping.unmap();
    this.pages.remove(span);
    this.#raw.delete(id);
    return { pages: span.pageCount, residentPages };
  }

  /**
   * Asks mincore about pages of a span (all of them, by default), and notes what it said. The
   * cost follows the pages asked about, not what is mapped.
   */
  refreshResidency(span: PageSpan, firstPage = 0, count = span.pageCount - firstPage): void {
    const owner = span.owner;
    if (owner.kind === 'heap') this.pages.noteResidency(span, owner.region.residency());
    else if (count > 0) this.pages.noteResidency(span, owner.mapping.residencyOf(firstPage, count), firstPage);
  }

  /**
   * Asks about the pages a command touched: those, or, where the kernel may use transparent
   * huge pages unasked, the 2 MiB windows around them (one write can fault in 512 pages).
   */
  refreshTouched(span: PageSpan, firstPage: number, count: number): void {
    if (!this.#hugePages) {
      this.refreshResidency(span, firstPage, count);
      return;
    }
    const start = Math.floor(firstPage / PAGES_PER_HUGE_PAGE) * PAGES_PER_HUGE_PAGE;
    const end = Math.min(span.pageCount, Math.ceil((firstPage + count) / PAGES_PER_HUGE_PAGE) * PAGES_PER_HUGE_PAGE);
    this.refreshResidency(span, start, end - start);
  }

  initHeap(part: HeapPart): Heap {
    const heap = part === 'a'
      ? new PageAllocator({ policy: this.#policy.a, nextId: this.nextId })
      : new ElasticHeap({ policy: this.#policy.b, nextId: this.nextId });
    this.#heaps[part] = heap;
    this.#nameHeapPages(part);
    return heap;
  }

  /** alloc on a heap part; a page it maps (Part B) gets its name at once. */
  alloc(part: HeapPart, size: number): AllocResult {
    // Part B maps at most four pages (16 KiB) of its own: within the budget's reserve.
    const result = this.#heaps[part]!.alloc(size);
    this.#nameHeapPages(part);
    return result;
  }

  free(part: HeapPart, how: { id: number } | { address: bigint }): FreeResult {
    const heap = this.#heaps[part]!;
    const result = 'id' in how ? heap.freeById(how.id) : heap.free(how.address);
    if (result.ok) this.#freedIds.add(result.freed.id);
    return result;
  }

  cleanupHeap(part: HeapPart): number {
    const heap = this.#heaps[part]!;
    const pages = heap.pagesMapped;
    for (const region of heap.pages) {
      const span = this.#heapSpans.get(region);
      if (span) this.pages.remove(span);
      this.#heapSpans.delete(region);
    }
    heap.destroy();
    this.#heaps[part] = null;
    return pages;
  }

  #nameHeapPages(part: HeapPart): void {
    const heap = this.#heaps[part]!;
    for (const region of heap.pages) {
      if (this.#heapSpans.has(region)) continue;
      this.#heapSpans.set(region, this.pages.add(region.base, Math.max(1, Math.round(region.length / this.pageSize)), { kind: 'heap', part, region }));
    }
  }

  /** A heap part's chunks that lie on one of its pages, in address order. */
  chunksOnPage(part: HeapPart, heapPage: number): ChunkInfo[] {
    const heap = this.#heaps[part] as ChunkHeap | null;
    if (!heap) return [];
    return heap.chunks().filter((chunk) => chunk.page === heapPage);
  }

  /** Every mapping and heap page goes back to the kernel; afterwards the state is empty. */
  dispose(): Error[] {
    const errors: Error[] = [];
    for (const id of [...this.#raw.keys()]) {
      try { this.unmapRaw(id); } catch (error) { errors.push(error as Error); }
    }
    for (const part of ['a', 'b'] as const) {
      if (!this.#heaps[part]) continue;
      try { this.cleanupHeap(part); } catch (error) { errors.push(error as Error); }
    }
    return errors;
  }
}

export { NativeError, type NamedPage, type PageSpan };
