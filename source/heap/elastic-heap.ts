import { ChunkHeap } from './chunk-heap.js';
import type { PageSource } from './page-source.js';
import type { Policy } from './policy.js';

/** Lab Part B (ealloc.h): PAGESIZE 4096, MINALLOC 256, and at most 4 pages (16 KiB). */
export const PART_B_PAGE_BYTES = 4096;
export const PART_B_UNIT_BYTES = 256;
export const PART_B_MAX_PAGES = 4;

export interface ElasticHeapOptions {
  pageBytes?: number;
  unitBytes?: number;
  maxPages?: number;
  policy?: Policy;
  pages?: PageSource;
  nextId?: () => number;
}

/** Part B: maps nothing at creation; maps exactly one page when no free chunk fits. */
export class ElasticHeap extends ChunkHeap {
  constructor(options: ElasticHeapOptions = {}) {
    super({
      ...options,
      pageBytes: options.pageBytes ?? PART_B_PAGE_BYTES,
      unitBytes: options.unitBytes ?? PART_B_UNIT_BYTES,
      maxPages: options.maxPages ?? PART_B_MAX_PAGES,
    });
  }
}
