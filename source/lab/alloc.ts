/**
 * The lab's Part A header (alloc.h) as a module: one 4 KiB page managed with bookkeeping kept
 * outside it. Module state stands in for the C globals.
 *
 *   import { init_alloc, alloc, dealloc, memory, cleanup } from 'memtui/alloc';
 */
import { NativeError } from '../native/index.js';
import { PageAllocator } from '../heap/index.js';
import { allocFrom, deallocFrom, memoryOf } from './facade.js';

let heap: PageAllocator | null = null;

/** Maps the page. 0 on success; 1 when already initialised (call cleanup first); the errno when mmap fails. */
export function init_alloc(): number {
  if (heap) return 1;
  try {
    heap = new PageAllocator();
    return 0;
  } catch (error) {
    return error instanceof NativeError ? error.errno : -1;
  }
}

/** Unmaps the page and forgets every chunk. 0 on success; 1 when there is nothing to clean up. */
export function cleanup(): number {
  if (!heap) return 1;
  try {
    heap.destroy();
  } catch (error) {
    return error instanceof NativeError ? error.errno : -1;
  } finally {
    heap = null;
  }
  return 0;
}

/** A real address inside the page, or null (size not a positive multiple of 8, nothing fits, not initialised). */
export function alloc(size: number): bigint | null {
  return allocFrom(heap, size);
}

/** Frees the chunk alloc returned at ptr; anything else (null, an inner address, a double free) changes nothing. */
export function dealloc(ptr: bigint | null): void {
  deallocFrom(heap, ptr);
}

/** A view of `length` bytes at `ptr`, which must lie inside one live chunk; otherwise a RangeError saying why. */
export function memory(ptr: bigint, length: number): Uint8Array {
  return memoryOf(heap, ptr, length, 'no page is mapped; call init_alloc() first');
}
