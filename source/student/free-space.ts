import type { Layout } from './step-result.js';
import { PAGE_BYTES } from './page-ranges.js';

/** A hole between live chunks inside one of the library's pages. */
export interface Gap {
  /** The page's place in mapping order (0 is the first page mapped). */
  pageOrder: number;
  page: bigint;
  offset: number;
  size: number;
}

/**
 * The free space the lab's rules imply, from outside: each page the library mapped, minus the
 * live chunks in it. Free neighbours are one gap here, as they must be after merging.
 */
export function gaps(layout: Layout): Gap[] {
  const result: Gap[] = [];
  for (const page of layout.pages) {
    const pageEnd = page.base + BigInt(PAGE_BYTES);
    const taken = layout.chunks
      .filter((chunk) => chunk.address < pageEnd && chunk.address + BigInt(chunk.size) > page.base)
      .map((chunk) => ({
        from: chunk.address < page.base ? 0 : Number(chunk.address - page.base),
        to: chunk.address + BigInt(chunk.size) > pageEnd ? PAGE_BYTES : Number(chunk.address + BigInt(chunk.size) - page.base),
      }))
      .sort((a, b) => a.from - b.from);
    let cursor = 0;
    for (const { from, to } of taken) {
      if (from > cursor) result.push({ pageOrder: page.order, page: page.base, offset: cursor, size: from - cursor });
      cursor = Math.max(cursor, to);
    }
    if (cursor < PAGE_BYTES) result.push({ pageOrder: page.order, page: page.base, offset: cursor, size: PAGE_BYTES - cursor });
  }
  return result.sort((a, b) => a.pageOrder - b.pageOrder || a.offset - b.offset);
}

/** "free: 1024 B at offset 0, 512 B at offset 3584" (with the page when there are several). */
export function describeGaps(layout: Layout): string {
  const holes = gaps(layout);
  if (holes.length === 0) return 'nothing was free';
  const pages = new Set(holes.map((hole) => hole.pageOrder)).size > 1 || layout.pages.length > 1;
  const shown = holes.slice(0, 6).map((hole) => `${hole.size} B at ${pages ? `page ${hole.pageOrder} ` : ''}offset ${hole.offset}`);
  return `free then: ${shown.join(', ')}${holes.length > 6 ? `, and ${holes.length - 6} more` : ''}`;
}
