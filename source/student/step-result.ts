import type { LiveChunk, StrayWrite } from './chunk-table.js';
import type { CrashReport, HangReport } from './crash-report.js';

// What one call into a student's library gave: the values StudentAllocator returns.

/** One of the lab's four functions, as called. */
export type Operation =
  | { kind: 'init' }
  | { kind: 'alloc'; size: number }
  | { kind: 'free'; address: bigint | null; chunkId: number | null }
  | { kind: 'cleanup' };

/** What the call did: returned (with its value), crashed, never returned, or could not be made. */
export type CallOutcome =
  /** `value`: init_alloc's or cleanup's int (null for Part B's void ones); `address`: alloc's pointer (null is NULL). */
  | { kind: 'returned'; value: number | null; address: bigint | null; chunk: ChunkView | null }
  | { kind: 'crashed'; crash: CrashReport }
  | { kind: 'timed-out'; hang: HangReport }
  | { kind: 'not-running'; message: string };

export interface PageView {
  base: bigint;
  /** By mincore in the driver; null for a page memtui does not watch (beyond the first 64). */
  resident: boolean | null;
  /** 0, 1, 2, ... in the order the library mapped its pages. */
  order: number;
}

export interface ChunkView extends LiveChunk {
  /** The page the chunk starts in, when it is one the library mapped; else null. */
  page: bigint | null;
  offset: number | null;
}

/** The library's pages and chunks as seen from outside: maps diffs, returned pointers, sizes asked. */
export interface Layout {
  pages: PageView[];
  chunks: ChunkView[];
}

/** Why a chunk alloc returned is not in the layout (it was not filled or watched). */
export type ChunkProblem =
  /** Its first (or last) byte, at `address`, is not in a page the library mapped; `where` says what is there. */
  | { kind: 'outside-pages'; byte: 'first' | 'last'; address: bigint; where: string }
  /** Writing its bytes faulted at this address. */
  | { kind: 'not-writable'; faultAddress: bigint };

export interface StepResult {
  operation: Operation;
  outcome: CallOutcome;
  /** Pages that appeared in, and vanished from, the driver's /proc/PID/maps during the call. */
  pagesMapped: bigint[];
  pagesUnmapped: bigint[];
  /** Bytes of the library's pages it changed although they were not its to change (see StrayWrite). */
  strayWrites: StrayWrite[];
  /** Changed ranges the driver left out of its answer (it reports at most 24 a call). */
  strayWritesLeftOut: number;
  /** alloc returned a chunk memtui could not fill: not inside the library's pages, or not writable. */
  chunkProblem: ChunkProblem | null;
  /** Calls the library made to malloc, calloc or realloc during the call (the lab forbids them). */
  libraryMallocs: number;
  /** The driver process after the call, from /proc/PID/status (VmSize, VmRSS), in bytes. */
  vszBytes: number;
  rssBytes: number;
  vszDelta: number;
  rssDelta: number;
  layout: Layout;
}
