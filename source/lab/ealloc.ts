/**
 * The lab's Part B header (ealloc.h) as a module: an elastic heap of up to four 4 KiB pages,
 * mapped one at a time on demand. Module state stands in for the C globals.
 *
 *   import { init_alloc, alloc, dealloc, memory, cleanup } from 'memtui/ealloc';
 *
 * Importing binds libc and prepares every call path (see warmNative), so that afterwards the
 * only thing that moves VSZ is a page: the first alloc grows it by exactly 4096.
 */
import { HeapCore, PART_B_MAX_PAGES, PART_B_PAGE_BYTES, PART_B_UNIT_BYTES } from '../heap/index.js';
import { warmNative } from '../native/index.js';
import { expectPointer, expectSize } from './facade.js';

/** One heap for the module's life: init_alloc opens it, cleanup unmaps its pages. */
const heap = new HeapCore({ unitBytes: PART_B_UNIT_BYTES, pageBytes: PART_B_PAGE_BYTES, maxPages: PART_B_MAX_PAGES, cacheAddresses: true });
let live = false;

/**
 * Sets up the bookkeeping; maps nothing. Called again while live, it keeps the heap as it is:
 * its chunks, its pages and every view into them stay valid (only cleanup gives pages back).
 */
export function init_alloc(): void {
  if (live) return;
  heap.open();
  live = true;
}

/**
 * Forgets every chunk and unmaps the heap's pages (the lab allows keeping them; giving them back
 * keeps VSZ honest, and the next init_alloc starts from nothing mapped). Views into them must not
 * be used afterwards, as a C pointer after free.
 */
export function cleanup(): void {
  if (!live) return;
  live = false;
  heap.close();
}

/**
 * A real address inside a page, or null (size not a positive multiple of 256 or above 4096,
 * four pages full, not initialised). A size that is not a number is a TypeError.
 */
export function alloc(size: number): bigint | null {
  expectSize('alloc', size);
  return live ? heap.alloc(size) : null;
}

/**
 * Frees the chunk alloc returned at ptr; null, an inner address, an address not ours or a double
 * free change nothing. Pages stay mapped. A ptr that is not a bigint is a TypeError.
 */
export function dealloc(ptr: bigint | null): void {
  if (ptr === null) return;
  expectPointer('dealloc', ptr);
  if (live) heap.free(ptr);
}

/**
 * A view of `length` bytes at `ptr`, which must lie inside one live chunk; otherwise a RangeError
 * saying why. The view's buffer is that chunk alone.
 */
export function memory(ptr: bigint, length: number): Uint8Array {
  expectPointer('memory', ptr);
  expectSize('memory', length);
  if (!live) throw new RangeError('memory: the heap is not initialised; call init_alloc() first');
  return heap.memory(ptr, length);
}

// Run every function once now, on a page mapped and unmapped again before the import returns:
// V8 compiles a function on its first call (with memory from malloc, which can grow the heap),
// and libc is bound on first use (koffi.load maps about 3 MB). After this, a student who reads
// VSZ around the first alloc() sees the page and nothing else (issue 12).
warmNative();
init_alloc();
dealloc(alloc(PART_B_UNIT_BYTES));
memory(alloc(PART_B_UNIT_BYTES)!, 1);
cleanup();
