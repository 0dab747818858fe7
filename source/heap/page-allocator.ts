import { ChunkHeap } from './chunk-heap.js';
import type { PageSource } from './page-source.js';
import type { Policy } from './policy.js';

/** Lab Part A (alloc.h): PAGESIZE 4096, MINALLOC 8. */
export const PART_A_PAGE_BYTES = 4096;
export const PART_A_UNIT_BYTES = 8;

export interface PageAllocatorOptions {
  policy?: Policy;
  pages?: PageSource;
  nextId?: () => number;
}

/** Part A: one page from one mmap, made at creation; all of its bytes usable. */
export class PageAllocator extends ChunkHeap {
  constructor(options: PageAllocatorOptions = {}) {
    super({ ...options, unitBytes: PART_A_UNIT_BYTES, pageBytes: PART_A_PAGE_BYTES, maxPages: 1 });
    this.mapPage();
  }

  get page() {
    return this.pages[0]!;
  }
}
