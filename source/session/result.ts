import type { ChunkInfo, OpFacts } from '../heap/index.js';
import { describeDelta, type Delta, type OurFootprint } from '../proc/index.js';

/** Structured facts of a successful command, for the walkthrough's checks and for tests. */
export type Effect =
  | { kind: 'mmap'; id: number; base: bigint; pages: number }
  | { kind: 'munmap'; id: number; pages: number }
  | { kind: 'write'; id: number; bytes: number; pagesTouched: number }
  | { kind: 'read'; id: number }
  | { kind: 'madvise'; id: number; pages: number }
  | { kind: 'init'; part: 'a' | 'b' }
  | { kind: 'cleanup'; part: 'a' | 'b'; pagesUnmapped: number }
  | { kind: 'alloc'; part: 'a' | 'b'; chunk: ChunkInfo; facts: OpFacts; policy: string; freeBytesBefore: number; pageName: string }
  | { kind: 'alloc-refused'; part: 'a' | 'b'; size: number; reason: string; freeBytes: number; largestFreeBytes: number }
  | { kind: 'free'; part: 'a' | 'b'; chunk: ChunkInfo; into: ChunkInfo; facts: OpFacts }
  | { kind: 'policy'; part: 'a' | 'b'; policy: string }
  | { kind: 'stat' } | { kind: 'ps'; vszKiB: number; rssKiB: number } | { kind: 'maps'; oursShown: number }
  | { kind: 'mark' } | { kind: 'mode'; mode: 'a' | 'b' } | { kind: 'run'; program: string; passed: boolean }
  | { kind: 'none' };

/** One entry of the log: what was asked, what happened, and what the kernel saw. */
export interface Result {
  seq: number;
  line: string;
  command: string | null;
  ok: boolean;
  /** For a failure: what was wrong and what to do. */
  error: string | null;
  message: string;
  details: string[];
  effect: Effect;
  vszBytes: number;
  rssBytes: number;
  delta: Delta | null;
  ours: OurFootprint;
  quit: boolean;
}

/** The one line a script prints for a result (details follow, indented). */
export function formatResult(result: Result): string[] {
  const head = result.ok ? result.message : `error: ${result.error}`;
  const measured = result.ok && result.delta && result.effect.kind !== 'none' ? ` - ${describeDelta(result.delta)}` : '';
  return [`${result.line === '' ? '' : `> ${result.line}\n`}${head}${measured}`, ...result.details.map((line) => `  ${line}`)];
}

/** JSON Lines: one object per result; byte counts as numbers, addresses as hex strings. */
export function resultToJson(result: Result): string {
  return JSON.stringify({
    command: result.line,
    name: result.command,
    ok: result.ok,
    error: result.error,
    message: result.message,
    details: result.details,
    vsz: result.vszBytes,
    rss: result.rssBytes,
    deltas: result.delta && {
      vsz: result.delta.vszBytes, rss: result.delta.rssBytes,
      oursMapped: result.delta.ours.mappedBytes, oursResident: result.delta.ours.residentBytes,
    },
    ours: { mapped: result.ours.mappedBytes, resident: result.ours.residentBytes },
  }, (_key, value: unknown) => (typeof value === 'bigint' ? `0x${value.toString(16)}` : value));
}
