import { type ChunkInfo, ElasticHeap, hex, PageAllocator, type Policy } from '../heap/index.js';
import { Mapping, pageSize } from '../native/index.js';
import type { HeapMode } from './command.js';
import type { Target } from './target.js';

export type Heap = PageAllocator | ElasticHeap;

/** One page as the grid shows it: p<index>, and whose it is. */
export type PageEntry =
  | { index: number; base: bigint; owner: 'raw'; id: number; mapping: Mapping; pageInMapping: number }
  | { index: number; base: bigint; owner: 'a' | 'b'; heap: Heap; heapPage: number };

/** What a target names, once checked against our live bookkeeping. */
export type Resolved =
  | { kind: 'raw'; id: number; mapping: Mapping; offset: number; length: number; what: string }
  | { kind: 'chunk'; part: HeapMode; heap: Heap; chunk: ChunkInfo; into: number; what: string }
  | { kind: 'heap-page'; part: HeapMode; heap: Heap; heapPage: number; what: string };

export const partName: Record<HeapMode, string> = { a: 'Part A page manager', b: 'Part B elastic heap' };

/**
 * Everything the session owns: raw mappings, the two allocators, ids. Targets are resolved
 * here, only against live bookkeeping, so no address from the user reaches native code
 * unless it lies in a mapping or chunk of ours.
 */
export class SessionState {
  readonly pageSize = pageSize();
  readonly raw = new Map<number, Mapping>();
  partA: PageAllocator | null = null;
  partB: ElasticHeap | null = null;
  mode: HeapMode = 'a';
  policy: Record<HeapMode, Policy> = { a: 'first', b: 'first' };
  /** Ids of chunks freed in this session, so a second free #id is named a double free. */
  readonly freedIds = new Set<number>();
  /**
   * Page names (p<N>) are given once, in the order pages were mapped, and never change or get
   * reused, like ids: a page keeps its name while others come and go. Keyed by the region.
   */
  readonly #pageNumbers = new WeakMap<object, number>();
  #nextPageNumber = 0;
  #lastId = 0;

  nextId = (): number => (this.#lastId += 1);

  heap(part: HeapMode = this.mode): Heap | null {
    return part === 'a' ? this.partA : this.partB;
  }

  /** Names the pages mapped since the last call; the session calls it after every command. */
  numberNewPages(): void {
    const name = (region: object, count: number) => {
      if (this.#pageNumbers.has(region)) return;
      this.#pageNumbers.set(region, this.#nextPageNumber);
      this.#nextPageNumber += count;
    };
    for (const mapping of this.raw.values()) name(mapping, mapping.pageCount);
    for (const part of ['a', 'b'] as const) for (const region of this.heap(part)?.pages ?? []) name(region, 1);
  }

  /** Every page on screen, in the order they were mapped; `index` is the page's name p<index>. */
  pages(): PageEntry[] {
    this.numberNewPages();
    const pages: PageEntry[] = [];
    for (const [id, mapping] of this.raw) {
      const first = this.#pageNumbers.get(mapping)!;
      for (let page = 0; page < mapping.pageCount; page += 1) {
        pages.push({ index: first + page, base: mapping.base + BigInt(page * this.pageSize), owner: 'raw', id, mapping, pageInMapping: page });
      }
    }
    for (const part of ['a', 'b'] as const) {
      const heap = this.heap(part);
      if (!heap) continue;
      heap.pageInfo().forEach((info) => {
        const index = this.#pageNumbers.get(heap.pages[info.index]!)!;
        pages.push({ index, base: info.base, owner: part, heap, heapPage: info.index });
      });
    }
    return pages.sort((a, b) => a.index - b.index);
  }

  /** "p0, p3..p5": the names of the pages on screen, for messages. */
  pageNames(): string {
    const indexes = this.pages().map((page) => page.index);
    const runs: string[] = [];
    for (let at = 0; at < indexes.length;) {
      let end = at;
      while (end + 1 < indexes.length && indexes[end + 1] === indexes[end]! + 1) end += 1;
      runs.push(end === at ? `p${indexes[at]}` : `p${indexes[at]}..p${indexes[end]}`);
      at = end + 1;
    }
    return runs.join(', ');
  }

  /** Ids a user can type now, for "ids on screen: ..." hints. */
  liveIds(): string {
    const ids = [...this.raw.keys()];
    for (const part of ['a', 'b'] as const) {
      for (const chunk of this.heap(part)?.chunks() ?? []) if (!chunk.free) ids.push(chunk.id);
    }
    return ids.length === 0 ? 'nothing is mapped or allocated yet' : `live ids: ${ids.sort((x, y) => x - y).map((id) => `#${id}`).join(', ')}`;
  }

  /** The chunk ids a user can free now, for "live chunks: ..." hints. */
  liveChunkIds(): string {
    const ids: number[] = [];
    for (const part of ['a', 'b'] as const) {
      for (const chunk of this.heap(part)?.chunks() ?? []) if (!chunk.free) ids.push(chunk.id);
    }
    return ids.length === 0 ? 'no chunk is allocated' : `live chunks: ${ids.sort((x, y) => x - y).map((id) => `#${id}`).join(', ')}`;
  }

  resolve(target: Target): Resolved | string {
    switch (target.kind) {
      case 'id': {
        const mapping = this.raw.get(target.id);
        if (mapping) return { kind: 'raw', id: target.id, mapping, offset: 0, length: mapping.length, what: `#${target.id}` };
        for (const part of ['a', 'b'] as const) {
          const chunk = this.heap(part)?.chunkById(target.id);
          if (chunk) return { kind: 'chunk', part, heap: this.heap(part)!, chunk, into: 0, what: `#${target.id}` };
        }
        return `${target.text}: no live mapping or chunk has that id (${this.liveIds()})`;
      }
      case 'page': {
        const pages = this.pages();
        const page = pages.find((entry) => entry.index === target.page);
        if (!page) {
          return `${target.text}: there is no page ${target.page} on screen (${pages.length === 0 ? 'no page is mapped yet: try mmap' : `the pages are ${this.pageNames()}`})`;
        }
        if (page.owner === 'raw') {
          return { kind: 'raw', id: page.id, mapping: page.mapping, offset: page.pageInMapping * this.pageSize, length: this.pageSize, what: `${target.text} (page ${page.pageInMapping} of #${page.id})` };
        }
        return { kind: 'heap-page', part: page.owner, heap: page.heap, heapPage: page.heapPage, what: `${target.text} (page ${page.heapPage} of the ${partName[page.owner]})` };
      }
      case 'address': {
        const address = target.address;
        for (const [id, mapping] of this.raw) {
          if (mapping.contains(address)) {
            const offset = mapping.offsetOf(address);
            const pageEnd = (Math.floor(offset / this.pageSize) + 1) * this.pageSize;
            return { kind: 'raw', id, mapping, offset, length: pageEnd - offset, what: `${hex(address)} (in #${id}, offset ${offset})` };
          }
        }
        for (const part of ['a', 'b'] as const) {
          const heap = this.heap(part);
          const chunk = heap?.chunkAt(address);
          if (!heap || !chunk) continue;
          if (chunk.free) return `${hex(address)}: lies in free space of the ${partName[part]}, not in a chunk`;
          return { kind: 'chunk', part, heap, chunk, into: Number(address - chunk.address), what: `${hex(address)} (in #${chunk.id})` };
        }
        return `${hex(address)}: not inside any page of ours (${this.liveIds()})`;
      }
    }
  }

  /** Unmaps everything this session mapped: raw mappings and both heaps. */
  dispose(): void {
    for (const mapping of this.raw.values()) if (mapping.live) mapping.unmap();
    this.raw.clear();
    this.partA?.destroy();
    this.partB?.destroy();
    this.partA = null;
    this.partB = null;
  }
}
