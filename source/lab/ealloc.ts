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

/** A real address, or null (size not a positive multiple of 256, above 4096, four pages full, not initialised). */
export function alloc(size: number): bigint | null {
  if (!heap) return null;
  const result = heap.alloc(size);
  return result.ok ? result.address : null;
}

/** Frees the chunk alloc returned at ptr; anything else changes nothing. Pages stay mapped. */
export function dealloc(ptr: bigint | null): void {
  heap?.free(ptr);
}

/** A view of `length` bytes at `ptr`, which must lie inside one live chunk; otherwise a RangeError saying why. */
export function memory(ptr: bigint, length: number): Uint8Array {
  if (!heap) throw new RangeError('memory: the heap is not initialised; call init_alloc() first');
  return heap.view(ptr, length);
}
