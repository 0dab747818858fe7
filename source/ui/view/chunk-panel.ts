import type { HeapStats } from '../../heap/index.js';
import { type LabState, type Session, studentPicture } from '../../session/index.js';
import { chunkListLines, selectableChunks, statsLine } from './chunk-list.js';
import type { Line } from './line.js';
import { studentChunkPanel } from './student-chunk-list.js';

/**
 * The side panel's chunk list, whoever's chunks they are: memtui's current allocator, or a
 * student's allocator loaded. The screen asks it for the ids the keyboard selects among, the
 * rows it wants, its lines for a box, and one line of figures for narrow screens.
 */
export interface ChunkPanel {
  /** The used chunks in address order: what Tab and the arrows select among. */
  ids: number[];
  rowsWanted: number;
  lines(selectedId: number | null, focused: boolean, width: number, height: number): Line[];
  /**
   * The line under the grid where no chunk list is beside it, most detailed first: the screen
   * shows the first that fits its width rather than cutting the figures off.
   */
  summary: string[];
}

/** memtui's own allocator of the current part. */
export function labChunkPanel(lab: LabState): ChunkPanel {
  const heap = lab.heap();
  const part = lab.part.toUpperCase();
  return {
    ids: selectableChunks(lab),
    rowsWanted: 5 + (heap ? heap.chunks().length : 0) + 1,
    lines: (selectedId, focused, width, height) => chunkListLines(lab, selectedId, focused, width, height),
    summary: heap ? heapSummaries(part, heap.stats(), heap.policy) : [`Part ${part}: not initialised (i starts it, t switches part)`, `Part ${part}: not initialised (i starts it)`],
  };
}

function heapSummaries(part: string, stats: HeapStats, policy: string): string[] {
  const chunks = `${stats.freeChunks} free chunk${stats.freeChunks === 1 ? '' : 's'}`;
  return [
    `Part ${part}: ${statsLine(stats)}, ${policy} fit`,
    `Part ${part}: ${statsLine(stats)}`,
    `Part ${part}: free ${stats.freeBytes} B, ${chunks}, largest ${stats.largestFreeBytes} B`,
    `${part}: free ${stats.freeBytes} B, largest ${stats.largestFreeBytes} B`,
  ];
}

/** The first of `candidates` that fits `width` (the shortest, cut, when none does). */
export function summaryFitting(candidates: string[], width: number): string {
  return candidates.find((text) => text.length <= width) ?? candidates[candidates.length - 1] ?? '';
}

/** The chunk list for this session: a loaded student allocator's, else memtui's own. */
export function chunkPanelFor(session: Session): ChunkPanel {
  const picture = studentPicture(session.subject);
  return picture ? studentChunkPanel(picture) : labChunkPanel(session.lab);
}
