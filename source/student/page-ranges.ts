import type { MapsEntry } from '../proc/index.js';

/** The lab's page size (PAGESIZE in alloc.h and ealloc.h; x86_64's base page). */
export const PAGE_BYTES = 4096;
const pageBytes = BigInt(PAGE_BYTES);

/** A half-open address range [start, end), page aligned. */
export interface PageRange {
  start: bigint;
  end: bigint;
}

/**
 * The anonymous mappings of a process (no file behind them, not [heap] or [stack]), sorted and
 * joined where they touch. Mappings are compared as ranges, never as maps lines: the kernel
 * merges a new anonymous mapping into an adjacent one with the same permissions, so a page the
 * student mapped may only widen an existing line.
 */
export function anonymousRanges(entries: readonly MapsEntry[]): PageRange[] {
  const ranges = entries
    .filter((entry) => entry.inode === 0 && (entry.path === '' || entry.path.startsWith('[anon')))
    .map((entry) => ({ start: entry.start, end: entry.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const joined: PageRange[] = [];
  for (const range of ranges) {
    const last = joined[joined.length - 1];
    if (last && range.start <= last.end) {
      if (range.end > last.end) last.end = range.end;
    } else {
      joined.push({ ...range });
    }
  }
  return joined;
}

/** The parts of `from` that are in no range of `take` (both sorted and joined). */
export function subtractRanges(from: readonly PageRange[], take: readonly PageRange[]): PageRange[] {
  const result: PageRange[] = [];
  let index = 0;
  for (const range of from) {
    let start = range.start;
    while (index < take.length && take[index]!.end <= start) index += 1;
    let probe = index;
    while (start < range.end) {
      const cut = take[probe];
      if (!cut || cut.start >= range.end) {
        result.push({ start, end: range.end });
        break;
      }
      if (cut.start > start) result.push({ start, end: cut.start });
      start = cut.end > start ? cut.end : start;
      probe += 1;
    }
  }
  return result;
}

export function pageCount(ranges: readonly PageRange[]): number {
  return ranges.reduce((total, range) => total + Number((range.end - range.start) / pageBytes), 0);
}

/** The base address of every page in `ranges`, at most `limit` of them (a student may map a lot). */
export function pageBases(ranges: readonly PageRange[], limit = 1024): bigint[] {
  const bases: bigint[] = [];
  for (const range of ranges) {
    for (let base = range.start; base < range.end && bases.length < limit; base += pageBytes) bases.push(base);
  }
  return bases;
}

export function pageOf(address: bigint): bigint {
  return address & ~(pageBytes - 1n);
}

export function inRanges(address: bigint, ranges: readonly PageRange[]): boolean {
  return ranges.some((range) => address >= range.start && address < range.end);
}

/** True when every byte of [start, end) lies in one of `ranges` (sorted and joined). */
export function containsRange(ranges: readonly PageRange[], start: bigint, end: bigint): boolean {
  return ranges.some((range) => start >= range.start && end <= range.end);
}
