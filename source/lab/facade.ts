import type { ChunkHeap } from '../heap/index.js';

/** alloc(size) of the lab's headers: a real address, or null for anything refused (or no heap). */
export function allocFrom(heap: ChunkHeap | null, size: number): bigint | null {
  if (!heap) return null;
  const result = heap.alloc(size);
  return result.ok ? result.address : null;
}

/** dealloc(ptr): frees the chunk alloc returned at ptr; anything else changes nothing (the C one returns nothing). */
export function deallocFrom(heap: ChunkHeap | null, ptr: bigint | null): void {
  heap?.free(ptr);
}

/** memory(ptr, length): a view inside one live chunk, or a RangeError that says why. */
export function memoryOf(heap: ChunkHeap | null, ptr: bigint, length: number, notReady: string): Uint8Array {
  if (!heap) throw new RangeError(`memory: ${notReady}`);
  return heap.view(ptr, length);
}
