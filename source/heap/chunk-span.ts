import { hex } from './chunk.js';
import type { UnitMarks } from './unit-marks.js';

/** Where a view lies in its chunk: the chunk's byte offset in its page, its size, and the view's bytes into it. */
export interface ChunkSpan {
  chunkOffset: number;
  chunkBytes: number;
  into: number;
}

/** A view's length must be a whole number of bytes (a RangeError otherwise). */
export function checkViewLength(what: string, length: number): void {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`${what}: length must be a whole number of bytes, not ${length}`);
}

/**
 * The gate before any bytes of a page are handed out: [offset, offset + length) of the page at
 * `position` must lie inside one used chunk. Otherwise a RangeError that says why, naming the
 * address the caller gave.
 */
export function usedChunkSpan(
  marks: UnitMarks, position: number, offset: number, length: number, unitBytes: number,
  what: string, address: bigint, addressOfUnit: (unit: number) => bigint,
): ChunkSpan {
  const unit = Math.floor(offset / unitBytes);
  const start = marks.startOf(position, unit);
  if (marks.isFree(position, start)) throw new RangeError(`${what} ${hex(address)}: lies in free space, not in an allocated chunk`);
  const chunkBytes = marks.lengthAt(position, start) * unitBytes;
  const into = offset - start * unitBytes;
  if (into + length > chunkBytes) {
    throw new RangeError(`${what} ${hex(address)}: ${length} B from here run past the end of the ${chunkBytes} B chunk at ${hex(addressOfUnit(start))} (${chunkBytes - into} B left in it)`);
  }
  return { chunkOffset: start * unitBytes, chunkBytes, into };
}
