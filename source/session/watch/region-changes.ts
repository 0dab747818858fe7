import type { TargetRegion } from '../../target/index.js';

/**
 * How a mapping differs from the maps read before: new, or resized (grown or shrunk by `bytes`;
 * 0 when only its bounds moved, as when mprotect split a mapping).
 */
export type RegionChange = { kind: 'new' } | { kind: 'resized'; bytes: number };

/**
 * The mappings of `now` that are not in `before` as they were, keyed by start address. A mapping
 * with the same range is unchanged; one that overlaps mappings of before is resized by the
 * difference (the kernel merges a new anonymous mapping into a neighbour with the same
 * permissions: mm/vma.c, so a new page often widens a line of maps instead of adding one);
 * one that overlaps nothing is new. Both lists are in address order, as maps prints them. The
 * bytes are the line's size now less the sizes of the lines it overlaps: +4 KiB for a page
 * merged in, -4 KiB for one unmapped at its end, the rest of the line for a split.
 */
export function regionChanges(before: readonly TargetRegion[], now: readonly TargetRegion[]): Map<string, RegionChange> {
  const changes = new Map<string, RegionChange>();
  let index = 0;
  for (const region of now) {
    const start = BigInt(region.start);
    const end = BigInt(region.end);
    while (index < before.length && BigInt(before[index]!.end) <= start) index += 1;
    let overlapBytes = 0;
    let same = false;
    for (let scan = index; scan < before.length && BigInt(before[scan]!.start) < end; scan += 1) {
      const old = before[scan]!;
      if (old.start === region.start && old.end === region.end) same = true;
      overlapBytes += old.sizeBytes;
    }
    if (same) continue;
    changes.set(region.start, overlapBytes === 0 ? { kind: 'new' } : { kind: 'resized', bytes: region.sizeBytes - overlapBytes });
  }
  return changes;
}
