import type { LiveChunk } from './chunk-table.js';
import { pageBases, pageOf, type PageRange } from './page-ranges.js';
import type { ChunkView, Layout } from './step-result.js';

/** What a layout is made of, kept as it was after a call. */
export interface LayoutSnapshot {
  ranges: readonly PageRange[];
  resident: ReadonlyMap<bigint, boolean>;
  order: ReadonlyMap<bigint, number>;
  chunks: readonly LiveChunk[];
}

export function chunkView(chunk: LiveChunk, theirs: ReadonlySet<bigint>): ChunkView {
  const page = pageOf(chunk.address);
  return theirs.has(page) ? { ...chunk, page, offset: Number(chunk.address - page) } : { ...chunk, page: null, offset: null };
}

/** The pages in mapping order and the live chunks in allocation order, each placed in its page. */
export function layoutOf(snapshot: LayoutSnapshot): Layout {
  const pages = pageBases(snapshot.ranges).map((base) => ({ base, resident: snapshot.resident.get(base) ?? null, order: snapshot.order.get(base) ?? 0 }));
  pages.sort((a, b) => a.order - b.order);
  const theirs = new Set(pages.map((page) => page.base));
  return { pages, chunks: snapshot.chunks.map((chunk) => chunkView(chunk, theirs)) };
}
