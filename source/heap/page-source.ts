import { Mapping } from '../native/index.js';

/** One region of pages a heap manages; native `Mapping` is the real one. */
export interface PageRegion {
  readonly base: bigint;
  readonly length: number;
  readonly live: boolean;
  /** The region's one cached view: for memtui's own reads and writes. */
  view(): Uint8Array;
  /** A fresh zero-copy buffer over exactly these bytes: for a view handed to someone else. */
  subview(offset: number, length: number): ArrayBuffer;
  residency(): boolean[];
  unmap(): void;
}

/**
 * Where a heap gets its pages. The heap never calls mmap itself (as TLSF takes the memory it
 * manages), so the same heap code runs on the kernel's pages in the app and in tests.
 */
export interface PageSource {
  map(bytes: number): PageRegion;
}

export const kernelPages: PageSource = {
  map: (bytes) => Mapping.map({ length: bytes }),
};
