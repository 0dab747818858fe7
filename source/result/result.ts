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
  | { kind: 'ps'; vszKiB: number; rssKiB: number }
  | { kind: 'maps'; oursShown: number }
  | { kind: 'mark' }
  | { kind: 'run'; program: string; passed: boolean }
  | { kind: 'none' };

export type EffectKind = Effect['kind'];

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
}
