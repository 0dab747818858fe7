import { fileURLToPath } from 'node:url';

// The example allocators memtui ships in docs/examples/ ("files" in package.json), so that a
// student without an alloc.c of their own, and lesson 8, can load one by a short name wherever
// memtui is installed. This module sits two folders below the package root (see package-files).
const examplesFolder = new URL('../../docs/examples/', import.meta.url);

export interface Example {
  /** What `load NAME` calls it. */
  name: string;
  /** Its file in docs/examples/. */
  file: string;
  about: string;
}

export const examples: readonly Example[] = [
  { name: 'example', file: 'alloc.c', about: 'a correct Part A: first fit, bookkeeping outside the page' },
  { name: 'example-b', file: 'ealloc.c', about: 'a correct Part B: pages mapped on demand, at most 4' },
  { name: 'example-header', file: 'alloc-header.c', about: 'a Part A that keeps a header in the page (a rule break, on purpose)' },
];

/** The path of the example called `name`, or null when no example is. */
export function examplePath(name: string): string | null {
  const example = examples.find((candidate) => candidate.name === name.toLowerCase());
  return example ? fileURLToPath(new URL(example.file, examplesFolder)) : null;
}
