/**
 * The lab's Part A header (alloc.h) as a module: one 4 KiB page managed with bookkeeping kept
 * outside it. Module state stands in for the C globals.
 *
 *   import { init_alloc, alloc, dealloc, memory, cleanup } from 'memtui/alloc';
 *
 * Importing binds libc and prepares every call path (see warmNative), so that afterwards the
 * only thing that moves VSZ is the page: init_alloc() grows it by exactly 4096.
 */
import { FirstFitPage, PART_A_PAGE_BYTES, PART_A_UNIT_BYTES } from '../heap/index.js';
import { NativeError, warmNative } from '../native/index.js';
import { expectPointer, expectSize } from './facade.js';

/**
 * One page for the module's life: init_alloc maps it, cleanup unmaps it. The C header has no
 * policy: first fit, on its own lean path (FirstFitPage), the same placements as PageAllocator's.
 */
const heap = new FirstFitPage({ unitBytes: PART_A_UNIT_BYTES, pageBytes: PART_A_PAGE_BYTES });

/** Maps the page. 0 on success; 1 when already initialised (call cleanup first); the errno when mmap fails. */
export function init_alloc(): number {
  if (heap.open) return 1;
  try {
    heap.map();
  } catch (error) {
    return error instanceof NativeError ? error.errno : -1;
  }
  return 0;
}

/** Unmaps the page and forgets every chunk. 0 on success; 1 when there is nothing to clean up. */
export function cleanup(): number {
  if (!heap.open) return 1;
  try {
    heap.unmap();
  } catch (error) {
    return error instanceof NativeError ? error.errno : -1;
  }
  return 0;
}

/**
 * A real address inside the page, or null (size not a positive multiple of 8 or above 4096,
 * nothing fits, not initialised). A size that is not a number is a TypeError.
 */
export function alloc(size: number): bigint | null {
  expectSize('alloc', size);
  return heap.alloc(size);
}

/**
 * Frees the chunk alloc returned at ptr. dealloc(null), an inner address, an address not ours
 * or a double free change nothing (as free() in C returns nothing to refuse with); a ptr that is
 * not a bigint is a TypeError.
 */
export function dealloc(ptr: bigint | null): void {
  if (ptr === null) return;
  expectPointer('dealloc', ptr);
  heap.free(ptr);
}

/**
 * A view of `length` bytes at `ptr`, which must lie inside one live chunk; otherwise a RangeError
 * saying why. The view's buffer is that chunk alone. Like a C pointer, it must not be used after
 * the chunk is freed or the page cleaned up.
 */
export function memory(ptr: bigint, length: number): Uint8Array {
  expectPointer('memory', ptr);
  expectSize('memory', length);
  if (!heap.open) throw new RangeError('memory: no page is mapped; call init_alloc() first');
  return heap.memory(ptr, length);
}

// Run every function once now, on a page mapped and unmapped again before the import returns:
// V8 compiles a function on its first call (with memory from malloc, which can grow the heap),
// and libc is bound on first use (koffi.load maps about 3 MB). After this, a student who reads
// VSZ around init_alloc() sees the page and nothing else (issue 12).
warmNative();
init_alloc();
dealloc(alloc(PART_A_UNIT_BYTES));
memory(alloc(PART_A_UNIT_BYTES)!, 1);
cleanup();
