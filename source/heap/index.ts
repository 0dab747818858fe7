export { HeapCore, type HeapCoreOptions } from './heap-core.js';
export { FirstFitPage, type FirstFitPageOptions } from './first-fit-page.js';
export { ChunkHeap, type ChunkHeapOptions } from './chunk-heap.js';
export { PageAllocator, PART_A_PAGE_BYTES, PART_A_UNIT_BYTES, type PageAllocatorOptions } from './page-allocator.js';
export { ElasticHeap, PART_B_MAX_PAGES, PART_B_PAGE_BYTES, PART_B_UNIT_BYTES, type ElasticHeapOptions } from './elastic-heap.js';
export { type Policy, policies, policyDescriptions, isPolicy } from './policy.js';
export * from './chunk.js';
export { kernelPages, type PageRegion, type PageSource } from './page-source.js';
