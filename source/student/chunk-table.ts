import type { ChangedRange } from './protocol.js';
import { pageOf } from './page-ranges.js';

/** A chunk the library handed out and has not had back: what alloc returned, and the size asked for. */
export interface LiveChunk {
  /** 1, 2, 3, ... in the order the chunks were allocated (memtui's `#id`). */
  id: number;
  address: bigint;
  size: number;
}

/**
 * Bytes of the library's pages that changed during a call although memtui wrote nothing there.
 * `live-chunk`: the library overwrote data it had handed out. `chunk-being-freed`: dealloc wrote
 * into the chunk it was given back (a free-list node). `free-space`: anywhere else in a page
 * (a header, a footer, a list node). Writes into the chunk alloc is returning are the library's
 * business (zeroing it, say) and are not listed.
 */
export interface StrayWrite {
  address: bigint;
  length: number;
  region: 'live-chunk' | 'chunk-being-freed' | 'free-space';
  /** The chunk written into, for the two chunk regions. */
  chunkId: number | null;
  offsetInChunk: number | null;
  page: bigint;
  offsetInPage: number;
}

function end(chunk: LiveChunk): bigint {
  return chunk.address + BigInt(chunk.size);
}

/** The live chunks of one library, in allocation order. */
export class ChunkTable {
  #chunks: LiveChunk[] = [];
  #lastId = 0;

  get nextId(): number {
    return this.#lastId + 1;
  }

  add(address: bigint, size: number): LiveChunk {
    this.#lastId += 1;
    const chunk = { id: this.#lastId, address, size };
    this.#chunks.push(chunk);
    return chunk;
  }

  /** The live chunk alloc returned at exactly `address`. */
  at(address: bigint): LiveChunk | undefined {
    return this.#chunks.find((chunk) => chunk.address === address);
  }

  /** The live chunk whose bytes hold `address` (its start or inside it). */
  holding(address: bigint): LiveChunk | undefined {
    return this.#chunks.find((chunk) => address >= chunk.address && address < end(chunk));
  }

  remove(chunk: LiveChunk): void {
    this.#chunks = this.#chunks.filter((other) => other !== chunk);
  }

  clear(): void {
    this.#chunks = [];
  }

  list(): readonly LiveChunk[] {
    return this.#chunks;
  }

  /** Splits changed ranges by the chunks they fall in (see StrayWrite). */
  classify(changes: readonly ChangedRange[], context: { returned?: LiveChunk; freeing?: LiveChunk }): StrayWrite[] {
    const writes: StrayWrite[] = [];
    const regions: { chunk: LiveChunk; region: StrayWrite['region'] | 'returned' }[] = this.#chunks
      .filter((chunk) => chunk !== context.returned)
      .map((chunk) => ({ chunk, region: 'live-chunk' as const }));
    if (context.returned) regions.push({ chunk: context.returned, region: 'returned' });
    if (context.freeing) regions.push({ chunk: context.freeing, region: 'chunk-being-freed' });
    for (const change of changes) {
      let start = change.address;
      const stop = change.address + BigInt(change.length);
      while (start < stop) {
        const inside = regions.find(({ chunk }) => start >= chunk.address && start < end(chunk));
        let pieceEnd: bigint;
        if (inside) {
          pieceEnd = end(inside.chunk) < stop ? end(inside.chunk) : stop;
        } else {
          // Up to the next chunk that starts inside the change, or the change's end.
          pieceEnd = regions.reduce((nearest, { chunk }) => (chunk.address > start && chunk.address < nearest ? chunk.address : nearest), stop);
        }
        // A range never spans pages in the report: a page is where a student looks for it.
        const pageEnd = pageOf(start) + 4096n;
        if (pieceEnd > pageEnd) pieceEnd = pageEnd;
        if (!inside || inside.region !== 'returned') {
          writes.push({
            address: start,
            length: Number(pieceEnd - start),
            region: inside ? (inside.region as StrayWrite['region']) : 'free-space',
            chunkId: inside ? inside.chunk.id : null,
            offsetInChunk: inside ? Number(start - inside.chunk.address) : null,
            page: pageOf(start),
            offsetInPage: Number(start - pageOf(start)),
          });
        }
        start = pieceEnd;
      }
    }
    return writes;
  }
}
