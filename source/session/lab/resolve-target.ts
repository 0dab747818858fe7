import { type ChunkInfo, hex } from '../../heap/index.js';
import type { Mapping } from '../../native/index.js';
import type { HeapPart } from '../../result/index.js';
import type { Target } from '../command/target.js';
import { type Heap, type LabState, partName } from './lab-state.js';
import type { PageSpan } from './page-directory.js';

/** What a target names, once checked against our live bookkeeping. */
export type Resolved =
  | { kind: 'raw'; id: number; span: PageSpan; mapping: Mapping; offset: number; length: number; what: string }
  | { kind: 'chunk'; part: HeapPart; heap: Heap; chunk: ChunkInfo; offsetInChunk: number; what: string }
  | { kind: 'heap-page'; part: HeapPart; heapPage: number; span: PageSpan; what: string };

const SHOWN_IDS = 8;

function listIds(ids: number[], none: string, label: string): string {
  if (ids.length === 0) return none;
  ids.sort((x, y) => x - y);
  const shown = ids.slice(0, SHOWN_IDS).map((id) => `#${id}`).join(', ');
  return `${label}: ${shown}${ids.length > SHOWN_IDS ? ` and ${(ids.length - SHOWN_IDS).toLocaleString('en-US')} more` : ''}`;
}

function chunkIds(lab: LabState): number[] {
  const ids: number[] = [];
  for (const part of ['a', 'b'] as const) for (const chunk of lab.heap(part)?.chunks() ?? []) if (!chunk.free) ids.push(chunk.id);
  return ids;
}

/** "live ids: #1, #2, #5": what a user can type now (the first few). */
export function liveIds(lab: LabState): string {
  const ids: number[] = [];
  for (const id of lab.rawIds()) {
    ids.push(id);
    if (ids.length > SHOWN_IDS * 4) break;
  }
  return listIds([...ids, ...chunkIds(lab)], 'nothing is mapped or allocated yet', 'live ids');
}

export function liveChunkIds(lab: LabState): string {
  return listIds(chunkIds(lab), 'no chunk is allocated', 'live chunks');
}

/** A target resolved only against live bookkeeping: no address from the user reaches native code otherwise. */
export function resolveTarget(lab: LabState, target: Target): Resolved | string {
  const pageSize = lab.pageSize;
  switch (target.kind) {
    case 'id': {
      const span = lab.raw(target.id);
      if (span?.owner.kind === 'raw') {
        return { kind: 'raw', id: target.id, span, mapping: span.owner.mapping, offset: 0, length: span.pageCount * pageSize, what: `#${target.id}` };
      }
      for (const part of ['a', 'b'] as const) {
        const heap = lab.heap(part);
        const chunk = heap?.chunkById(target.id);
        if (heap && chunk) return { kind: 'chunk', part, heap, chunk, offsetInChunk: 0, what: `#${target.id}` };
      }
      return `${target.text}: no live mapping or chunk has that id (${liveIds(lab)})`;
    }
    case 'page': {
      const named = lab.pages.named(target.page);
      if (!named) {
        return `${target.text}: there is no page ${target.page} (${lab.pages.mappedPages === 0 ? 'no page is mapped yet: try mmap' : lab.pages.describeNames()})`;
      }
      const { span, pageInSpan } = named;
      if (span.owner.kind === 'raw') {
        // Counted from 1, as the grid labels pages ("#8 (page 2 of 3)").
        const of = span.pageCount > 1 ? ` (#${span.owner.id}, page ${pageInSpan + 1} of ${span.pageCount})` : '';
        return { kind: 'raw', id: span.owner.id, span, mapping: span.owner.mapping, offset: pageInSpan * pageSize, length: pageSize, what: `${target.text}${of}` };
      }
      const { part, region } = span.owner;
      const heapPage = lab.heap(part)!.pages.indexOf(region);
      return { kind: 'heap-page', part, heapPage, span, what: `${target.text} (a page of the ${partName[part]})` };
    }
    case 'address': {
      const address = target.address;
      const span = lab.pages.at(address);
      if (!span) return `${hex(address)}: not inside any page of ours (${liveIds(lab)})`;
      if (span.owner.kind === 'raw') {
        const offset = Number(address - span.base);
        const pageEnd = (Math.floor(offset / pageSize) + 1) * pageSize;
        return { kind: 'raw', id: span.owner.id, span, mapping: span.owner.mapping, offset, length: pageEnd - offset, what: `${hex(address)} (in #${span.owner.id}, offset ${offset})` };
      }
      const { part } = span.owner;
      const heap = lab.heap(part)!;
      const chunk = heap.chunkAt(address)!;
      if (chunk.free) return `${hex(address)}: lies in free space of the ${partName[part]}, not in a chunk`;
      return { kind: 'chunk', part, heap, chunk, offsetInChunk: Number(address - chunk.address), what: `${hex(address)} (in #${chunk.id})` };
    }
  }
}
