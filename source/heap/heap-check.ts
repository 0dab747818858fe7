import { hex } from './chunk.js';
import type { CountTree } from './count-tree.js';
import type { MaxTree } from './max-tree.js';
import type { PageOrder } from './page-order.js';
import type { PageRegion } from './page-source.js';
import type { SizeBuckets } from './size-buckets.js';
import type { UnitMarks } from './unit-marks.js';

/** What HeapCore keeps, as the checker reads it. */
export interface HeapParts {
  order: PageOrder;
  marks: UnitMarks;
  tree: MaxTree;
  counts: CountTree | null;
  buckets: SizeBuckets | null;
  regions: readonly PageRegion[];
  pageBytes: number;
  freeUnits: number;
  freeChunks: number;
  usedChunks: number;
}

/**
 * Every rule a heap's bookkeeping must keep, counted afresh from the bitmaps (the slow, plain
 * way) and compared with every index kept for speed: an empty list means all hold. The tests run
 * it after every operation; the screen can too.
 */
export function checkHeap(parts: HeapParts): string[] {
  const { order, marks, tree, counts, buckets, regions, pageBytes } = parts;
  const problems: string[] = [];
  const units = marks.unitsPerPage;
  let freeUnits = 0;
  let freeChunks = 0;
  let usedChunks = 0;
  let previousBase = -1;
  if (order.count !== regions.length) problems.push(`${regions.length} pages mapped, ${order.count} placed in address order`);
  for (let position = order.first; position < order.first + order.count; position += 1) {
    const base = order.baseOf(position);
    const slot = order.slotAt(position);
    const region = regions[slot];
    const page = `page ${slot}`;
    if (!region || Number(region.base) !== base) problems.push(`position ${position}: its base is not that of page ${slot}`);
    if (order.positionOf(slot) !== position) problems.push(`${page}: its position is recorded as ${order.positionOf(slot)}, not ${position}`);
    if (base <= previousBase) problems.push(`position ${position}: addresses do not rise with positions`);
    previousBase = base;
    if (order.locate(base) !== position || order.offset !== 0 || order.locate(base + pageBytes - 1) !== position) {
      problems.push(`${page}: its addresses do not lead back to it`);
    }
    if (!marks.isStart(position, 0)) problems.push(`${page}: unit 0 starts no chunk`);
    if (marks.strayBits(position)) problems.push(`${page}: marks past its last unit`);
    let previousFree = false;
    let largest = 0;
    let pageFree = 0;
    for (let start = 0; start < units;) {
      const length = marks.lengthAt(position, start);
      if (marks.isFree(position, start)) {
        if (previousFree) problems.push(`${page}: free chunks meet at unit ${start} without merging`);
        freeUnits += length;
        freeChunks += 1;
        pageFree += 1;
        if (length > largest) largest = length;
        if (buckets && !buckets.has(position * units + start, length)) problems.push(`${page}: free chunk at unit ${start} is missing from its size bucket`);
        previousFree = true;
      } else {
        if (!marks.isStart(position, start)) problems.push(`${page}: a free mark at unit ${start} where no chunk starts`);
        usedChunks += 1;
        previousFree = false;
      }
      start += length;
    }
    for (const problem of marks.checkWords(position)) problems.push(`${page}: ${problem}`);
    if (marks.pageMax(position) !== largest) problems.push(`${page}: largest free chunk ${largest} units, recorded ${marks.pageMax(position)}`);
    if (tree.get(position) !== largest) problems.push(`${page}: largest free chunk ${largest} units, the search tree says ${tree.get(position)}`);
    const counted = counts ? counts.before(position + 1) - counts.before(position) : pageFree;
    if (counted !== pageFree) problems.push(`${page}: ${pageFree} free chunks, counted ${counted}`);
    if (region && !region.live) problems.push(`page at ${hex(region.base)} is no longer mapped`);
  }
  if (!tree.consistent()) problems.push('the search tree does not hold the maxima of its pages');
  if (freeUnits !== parts.freeUnits) problems.push(`free units counted ${freeUnits}, recorded ${parts.freeUnits}`);
  if (freeChunks !== parts.freeChunks) problems.push(`free chunks counted ${freeChunks}, recorded ${parts.freeChunks}`);
  if (usedChunks !== parts.usedChunks) problems.push(`used chunks counted ${usedChunks}, recorded ${parts.usedChunks}`);
  return problems;
}
