import type { Policy } from './policy.js';

/** Which free neighbours a freed chunk merged with (within its page). */
export type MergeSide = 'none' | 'left' | 'right' | 'both';

/** One chunk as the screens and tests see it. */
export interface ChunkInfo {
  /** Stable for the chunk's life. Used chunks take the id their heap's `nextId` gave; free chunks are negative. */
  id: number;
  page: number;
  /** Byte offset inside its page. */
  offset: number;
  size: number;
  free: boolean;
  address: bigint;
}

export interface PageInfo {
  index: number;
  base: bigint;
  bytes: number;
}

/** What one operation did, for the log: "split a 4096 B free chunk", "merged with both neighbours". */
export interface OpFacts {
  /**
   * Free chunks a walk of the free list in address order would have examined for this policy.
   * When a page had to be mapped: every free chunk there was (none fitted); the new page's not counted.
   */
  examined: number;
  split: boolean;
  /** Size in bytes of the free chunk that was split (or used whole). */
  fromFreeBytes: number;
  merged: MergeSide;
  pageMapped: boolean;
}

export type AllocRefusal = 'closed' | 'invalid-size' | 'not-multiple' | 'too-large' | 'no-fit' | 'heap-full';
export type FreeRefusal = 'closed' | 'null' | 'not-ours' | 'interior' | 'double-free' | 'in-free-space' | 'unknown-id';

export type AllocResult =
  | { ok: true; address: bigint; chunk: ChunkInfo; facts: OpFacts }
  | { ok: false; reason: AllocRefusal; message: string };

export type FreeResult =
  | { ok: true; freed: ChunkInfo; into: ChunkInfo; facts: OpFacts }
  | { ok: false; reason: FreeRefusal; message: string };

export interface HeapStats {
  pagesMapped: number;
  maxPages: number;
  pageBytes: number;
  unitBytes: number;
  policy: Policy;
  freeBytes: number;
  usedBytes: number;
  largestFreeBytes: number;
  freeChunks: number;
  usedChunks: number;
  /** 1 - largest free / total free: 0 when all free space is one chunk (or none is free). */
  fragmentation: number;
}

export interface HeapReport extends HeapStats {
  pages: PageInfo[];
  chunks: ChunkInfo[];
}

/**
 * An address as C prints a pointer: unsigned hex. A negative bigint (a caller's mistake) is
 * shown as the 64-bit pattern it would be in C, never as `0x-1`.
 */
export function hex(address: bigint): string {
  return `0x${(address < 0n ? BigInt.asUintN(64, address) : address).toString(16)}`;
}
