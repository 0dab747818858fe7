import type { ChunkInfo, HeapStats, Policy } from '../heap/index.js';
import type { HeapMode } from './command.js';
import type { Result } from './result.js';
import type { Session } from './session.js';
import type { PageEntry } from './session-state.js';
import type { LessonView } from '../walkthrough/index.js';

/** One cell of a page's grid: a unit of a heap page, or a block of a raw page. */
export type Cell =
  | { kind: 'free' }
  | { kind: 'used'; id: number }
  | { kind: 'written' }
  | { kind: 'untouched' };

export interface PageView {
  /** p<index> on screen, and in commands. */
  index: number;
  base: bigint;
  owner: 'raw' | 'a' | 'b';
  /** "#1 page 0 of 2", "Part A", "Part B page 3". */
  title: string;
  resident: boolean;
  cellBytes: number;
  cells: Cell[];
}

export interface Snapshot {
  pid: number;
  mode: HeapMode;
  policy: Policy;
  pageSize: number;
  pages: PageView[];
  /** Chunks of the allocator `mode` names, in address order, with the p<N> of their page on screen. */
  chunks: Array<ChunkInfo & { screenPage: number }>;
  stats: HeapStats | null;
  log: readonly Result[];
  /** The walkthrough beside the grid, when it is open. */
  lesson: LessonView | null;
}

/** Raw pages are shown as 64 blocks; a block is "written" when it holds a non-zero byte. */
export const RAW_BLOCKS = 64;

function rawCells(page: Extract<PageEntry, { owner: 'raw' }>, resident: boolean, pageSize: number): Cell[] {
  const blockBytes = pageSize / RAW_BLOCKS;
  if (!resident) return Array.from({ length: RAW_BLOCKS }, () => ({ kind: 'untouched' }));
  // Only resident pages are read: reading an untouched one would map the zero page (see raw-commands).
  const bytes = page.mapping.view().subarray(page.pageInMapping * pageSize, (page.pageInMapping + 1) * pageSize);
  const cells: Cell[] = [];
  for (let block = 0; block < RAW_BLOCKS; block += 1) {
    const slice = bytes.subarray(block * blockBytes, (block + 1) * blockBytes);
    cells.push({ kind: slice.some((byte) => byte !== 0) ? 'written' : 'untouched' });
  }
  return cells;
}

function heapCells(chunks: ChunkInfo[], unitBytes: number, pageBytes: number): Cell[] {
  const cells: Cell[] = [];
  for (const chunk of chunks) {
    const cell: Cell = chunk.free ? { kind: 'free' } : { kind: 'used', id: chunk.id };
    for (let unit = 0; unit < chunk.size / unitBytes; unit += 1) cells.push(cell);
  }
  return cells.length === pageBytes / unitBytes ? cells : cells.concat(Array(pageBytes / unitBytes - cells.length).fill({ kind: 'free' }));
}

/** A plain picture of everything the screen shows; components render it and hold no lab state. */
export function buildSnapshot(session: Session): Snapshot {
  const state = session.state;
  const residency = new Map<object, boolean[]>();
  const residencyOf = (region: { residency(): boolean[] }): boolean[] => {
    let pages = residency.get(region);
    if (!pages) residency.set(region, (pages = region.residency()));
    return pages;
  };
  const chunksByHeap = new Map<object, ChunkInfo[]>();
  const chunksOf = (heap: NonNullable<ReturnType<typeof state.heap>>): ChunkInfo[] => {
    let chunks = chunksByHeap.get(heap);
    if (!chunks) chunksByHeap.set(heap, (chunks = heap.chunks()));
    return chunks;
  };
  const entries = state.pages();
  const pages = entries.map((page): PageView => {
    if (page.owner === 'raw') {
      const resident = residencyOf(page.mapping)[page.pageInMapping] ?? false;
      const of = page.mapping.pageCount > 1 ? ` page ${page.pageInMapping} of ${page.mapping.pageCount}` : '';
      return {
        index: page.index, base: page.base, owner: 'raw', title: `#${page.id}${of}`, resident,
        cellBytes: state.pageSize / RAW_BLOCKS, cells: rawCells(page, resident, state.pageSize),
      };
    }
    const heap = page.heap;
    const resident = residencyOf(heap.pages[page.heapPage]!).some(Boolean);
    const chunks = chunksOf(heap).filter((chunk) => chunk.page === page.heapPage);
    return {
      index: page.index, base: page.base, owner: page.owner,
      title: page.owner === 'a' ? 'Part A page' : `Part B page ${page.heapPage}`,
      resident, cellBytes: heap.unitBytes, cells: heapCells(chunks, heap.unitBytes, heap.pageBytes),
    };
  });
  const heap = state.heap();
  return {
    pid: process.pid,
    mode: state.mode,
    policy: state.policy[state.mode],
    pageSize: state.pageSize,
    pages,
    chunks: heap ? chunksOf(heap).map((chunk) => ({
      ...chunk, screenPage: entries.find((page) => page.owner === state.mode && page.heapPage === chunk.page)?.index ?? -1,
    })) : [],
    stats: heap ? heap.stats() : null,
    log: session.log,
    lesson: session.walkthrough.active ? session.walkthrough.view() : null,
  };
}
