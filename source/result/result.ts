import type { ChunkInfo, OpFacts, Policy } from '../heap/index.js';
import type { Delta, Footprint } from './measurement.js';

/** Part A (the one-page manager) or Part B (the elastic heap): the heap part commands act on. */
export type HeapPart = 'a' | 'b';

/** Structured facts of a command, for the walkthrough's checks and for tests. */
export type Effect =
  | { kind: 'mmap'; id: number; base: bigint; pages: number; firstPageName: number }
  | { kind: 'munmap'; id: number; pages: number }
  /** `pagesFaulted`: pages this write touched first (they became resident). */
  | { kind: 'write'; id: number; bytes: number; pagesFaulted: number }
  | { kind: 'read'; id: number }
  | { kind: 'madvise'; id: number; pages: number }
  | { kind: 'part'; part: HeapPart }
  | { kind: 'init'; part: HeapPart }
  | { kind: 'cleanup'; part: HeapPart; pagesUnmapped: number }
  | { kind: 'alloc'; part: HeapPart; chunk: ChunkInfo; facts: OpFacts; policy: Policy; freeBytesBefore: number; pageName: number }
  | { kind: 'alloc-refused'; part: HeapPart; size: number; reason: string; freeBytes: number; largestFreeBytes: number }
  | { kind: 'free'; part: HeapPart; chunk: ChunkInfo; mergedInto: ChunkInfo; facts: OpFacts }
  | { kind: 'policy'; part: HeapPart; policy: Policy }
  | { kind: 'stat' }
  /** `stat` of a watched process: its VSZ and RSS (status VmSize, VmRSS) and their change since the mark. */
  | { kind: 'watch-stat'; pid: number; vszBytes: number; rssBytes: number; sinceMark: { vszBytes: number; rssBytes: number } | null }
  /** `pages <address>`: the mapping of the measured process that holds the address, its pages counted from pagemap. */
  | { kind: 'pages'; pid: number; address: string; region: PagesRegion; perms: string; path: string; notes: string[] }
  | { kind: 'ps'; vszKiB: number; rssKiB: number }
  | { kind: 'maps'; oursShown: number }
  | { kind: 'mark' }
  | { kind: 'run'; program: string; passed: boolean }
  // A student's own allocator (`load FILE`): their code runs in a driver process of its own.
  | { kind: 'load'; file: string; part: HeapPart; pid: number }
  | { kind: 'unload'; file: string }
  /** A call of theirs that returned. `value`: init_alloc's or cleanup's int (null for Part B's void ones). */
  | { kind: 'student-init'; part: HeapPart; value: number | null; pagesMapped: number; theirs: StudentWrites }
  /** `address` null: alloc returned NULL. `chunkId`, `page` and `offset` when the chunk lies in their pages. */
  | { kind: 'student-alloc'; part: HeapPart; size: number; address: bigint | null; chunkId: number | null; page: number | null; offset: number | null; pagesMapped: number; theirs: StudentWrites }
  /** `chunkId` null: the address was not a chunk alloc returned; `again`: that chunk had been freed already. */
  | { kind: 'student-free'; part: HeapPart; address: bigint | null; chunkId: number | null; again: boolean; pagesUnmapped: number; theirs: StudentWrites }
  | { kind: 'student-cleanup'; part: HeapPart; value: number | null; pagesUnmapped: number; theirs: StudentWrites }
  /** Their code crashed or never returned: the process is gone, and memtui's own allocators are current again. */
  | { kind: 'student-ended'; part: HeapPart; call: string; how: 'crash' | 'timeout' | 'gone'; signal: string | null; faultAddress: bigint | null; function: string | null; file: string | null; line: number | null }
  | { kind: 'grade'; file: string; part: HeapPart; checks: number; pass: number; fail: number; crash: number; timeout: number; notPassed: string[] }
  | { kind: 'none' };

/** What a call of the student's code did that the lab forbids, as the driver saw it. */
export interface StudentWrites {
  /** Bytes it wrote into its pages outside every live chunk (bookkeeping in the page). */
  outsideChunks: number;
  /** Bytes of live chunks it changed (data the program owns). */
  intoChunks: number;
  /** Calls to malloc, calloc or realloc. */
  mallocs: number;
}

export type EffectKind = Effect['kind'];

/** A mapping as `pages` reports it (in --json, the object's "region"): addresses as 0x text, counts of pages. */
export interface PagesRegion {
  start: string;
  end: string;
  pages: number;
  present: number;
  swapped: number;
}

/** The process a result was measured on, when it is not memtui itself. */
export interface Measured {
  pid: number;
  label: string;
  /** False when the process has no part that is "ours" (a watched one): its deltas are not split. */
  ours: boolean;
}

/** One entry of the log: what was asked, what happened, and what the kernel saw. */
export interface Result {
  seq: number;
  /** The line as typed (a line too long to run: its start). */
  line: string;
  /** The command's name, or null when the line did not parse. */
  command: string | null;
  ok: boolean;
  /** For a failure: what was wrong and what to do. */
  error: string | null;
  message: string;
  details: string[];
  effect: Effect;
  /** VSZ and RSS right after the command (VmSize and VmRSS of /proc/self/status). */
  vszBytes: number;
  rssBytes: number;
  /** What moved between the readings right before and right after the command. */
  delta: Delta | null;
  ours: Footprint;
  quit: boolean;
  /** Present when the figures are another process's (a driver, a watched one), not memtui's own. */
  measured?: Measured;
}
