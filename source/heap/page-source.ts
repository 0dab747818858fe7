import { Mapping, pageSize } from '../native/index.js';

/** One region of pages a heap manages; native `Mapping` is the real one. */
export interface PageRegion {
  readonly base: bigint;
  readonly length: number;
  readonly live: boolean;
  view(): Uint8Array;
  residency(): boolean[];
  unmap(): void;
}

/**
 * Where a heap gets its pages. The heap never calls mmap itself (as TLSF takes the memory it
 * manages), so the same heap code runs on the kernel's pages in the app and in tests.
 */
export interface PageSource {
  map(bytes: number): PageRegion;
  /** The kernel's page size: addresses are looked up by the kernel page they fall in. */
  readonly osPageSize: number;
}

export const kernelPages: PageSource = {
  map: (bytes) => Mapping.map({ length: bytes }),
  get osPageSize() { return pageSize(); },
};
