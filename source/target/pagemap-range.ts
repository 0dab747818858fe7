import { PAGEMAP_ENTRY_BYTES, type PagemapCounts, type PagemapFile, decodePagemap } from '../proc/index.js';

/** Pages read from pagemap in one read(2): 64 Ki entries, 512 KiB. */
const CHUNK_PAGES = 1 << 16;

/** Buffers reused from one reading to the next: the raw entries, and states for counting only. */
export class PagemapScratch {
  readonly bytes = new Uint8Array(CHUNK_PAGES * PAGEMAP_ENTRY_BYTES);
  // An own ArrayBuffer at offset 0, so the 32-bit view is aligned.
  readonly words = new Uint32Array(this.bytes.buffer);
  readonly countingStates = new Uint8Array(CHUNK_PAGES);
}

/**
 * Reads and decodes `pages` pages from virtual page `firstPage`. With `states`, one PageState a
 * page is written into it; without, the pages are only counted (for a region of any size, in
 * constant memory). Null when the process's memory went away during the read (it exited).
 */
export function readPageRange(
  file: PagemapFile, firstPage: number, pages: number, states: Uint8Array | null, scratch: PagemapScratch,
): PagemapCounts | null {
  const total: PagemapCounts = { present: 0, swapped: 0, presentShared: 0 };
  for (let done = 0; done < pages; done += CHUNK_PAGES) {
    const count = Math.min(CHUNK_PAGES, pages - done);
    if (file.read(firstPage + done, count, scratch.bytes) < count) return null;
    const counts = states
      ? decodePagemap(scratch.words, count, states, done)
      : decodePagemap(scratch.words, count, scratch.countingStates, 0);
    total.present += counts.present;
    total.swapped += counts.swapped;
    total.presentShared += counts.presentShared;
  }
  return total;
}
