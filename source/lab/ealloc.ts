/**
 * The lab's Part B header (ealloc.h) as a module: an elastic heap of up to four 4 KiB pages,
 * mapped one at a time on demand. Module state stands in for the C globals.
 *
 *   import { init_alloc, alloc, dealloc, memory, cleanup } from 'memtui/ealloc';
 *
 * cleanup() unmaps the pages (the lab allows keeping them; giving them back keeps VSZ honest
 * and makes the next init_alloc start from nothing mapped).
 */
import { ElasticHeap } from '../heap/index.js';
import { allocFrom, deallocFrom, memoryOf } from './facade.js';

let heap: ElasticHeap | null = null;

/** Sets up the bookkeeping; maps nothing. Called again while live, it starts over (as cleanup + init). */
export function init_alloc(): void {
  heap?.destroy();
  heap = new ElasticHeap();
}

/** Forgets every chunk and unmaps the heap's pages. */
export function cleanup(): void {
  heap?.destroy();
  heap = null;
}

/** A real address inside a page, or null (size not a positive multiple of 256 or above 4096, four pages full, not initialised). */
export function alloc(size: number): bigint | null {
  return allocFrom(heap, size);
}

/** Frees the chunk alloc returned at ptr; anything else (null, an inner address, a double free) changes nothing. Pages stay mapped. */
export function dealloc(ptr: bigint | null): void {
  deallocFrom(heap, ptr);
}

/** A view of `length` bytes at `ptr`, which must lie inside one live chunk; otherwise a RangeError saying why. */
export function memory(ptr: bigint, length: number): Uint8Array {
  return memoryOf(heap, ptr, length, 'the heap is not initialised; call init_alloc() first');
}
