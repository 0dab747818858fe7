import { basename } from 'node:path';
import { type MemoryFigures, MemoryReader } from '../../proc/index.js';
import type { Footprint, HeapPart } from '../../result/index.js';
import { type ChunkView, type Gap, gaps, type Layout, pageCount, type PageView, type StepResult, type StudentAllocator } from '../../student/index.js';
import type { CommandSpec } from '../command/command-spec.js';
import type { Subject, SubjectHandling } from '../subject.js';
import { studentHandling } from './student-handling.js';

const PAGE_BYTES = 4096;

/** "alloc-cras…-null.c": a long name cut in the middle, where its ending (the .c) is kept. */
function elide(text: string, width: number): string {
  if (text.length <= width) return text;
  const tail = Math.floor((width - 1) / 2);
  return `${text.slice(0, width - 1 - tail)}…${text.slice(-tail)}`;
}

/** What the screen draws of a loaded allocator: plain data, made once per call of theirs. */
export interface StudentPicture {
  /** The file as the user named it (`alloc.c`, `example`), and its file name (`alloc.c`). */
  file: string;
  name: string;
  part: HeapPart;
  pid: number;
  /** Their pages in the order their code mapped them (`order` is the p<N> of the screen). */
  pages: readonly PageView[];
  /** The chunks alloc returned and that were not freed, in allocation order. */
  chunks: readonly ChunkView[];
  /** Free space as the lab's rules imply it: each page minus the live chunks (their own view may differ). */
  free: readonly Gap[];
  /** Per page base: a flag per byte their code wrote outside every live chunk (bookkeeping in the page). */
  strayBytes: ReadonlyMap<bigint, Uint8Array>;
  /** Whether init has been called since load (or since cleanup). */
  initialised: boolean;
}

/**
 * A student's allocator after `load FILE`: their library in its driver process, and the
 * subject the session measures. The header, `stat` and every result read the driver's VSZ and
 * RSS; "ours" is the pages their code mapped. init, alloc, free and cleanup call their code
 * (student-handling.ts); commands about memtui's own memory are refused while it is loaded.
 */
export class LoadedAllocator implements Subject {
  readonly ownMemory = false;
  readonly label: string;
  readonly pid: number;
  readonly file: string;
  /** The path compiled or loaded (an example's full path). */
  readonly path: string;
  readonly name: string;
  readonly part: HeapPart;
  readonly allocator: StudentAllocator;
  readonly #reader: MemoryReader;
  #layout: Layout = { pages: [], chunks: [] };
  #stray = new Map<bigint, Uint8Array>();
  /** Chunks freed through memtui, by id: `free #3` again is a double free the student may try. */
  readonly freed = new Map<number, { address: bigint; size: number }>();
  /** Where next fit would start: just past the chunk allocated last. */
  rover: { pageOrder: number; offset: number } | null = null;
  initialised = false;
  #picture: StudentPicture | null = null;

  constructor(allocator: StudentAllocator, file: string, path: string) {
    this.allocator = allocator;
    this.file = file;
    this.path = path;
    this.name = basename(path);
    this.part = allocator.part;
    this.pid = allocator.pid;
    // The header says "measuring alloc.c, PID 4242" and must keep VSZ and RSS within 80 columns.
    this.label = elide(this.name, 20);
    this.#reader = new MemoryReader(this.pid);
  }

  read(): MemoryFigures {
    return this.#reader.read();
  }

  /** Their pages mapped, and those resident by mincore in the driver after the last call. */
  ours(): Footprint {
    const resident = this.#layout.pages.filter((page) => page.resident === true).length;
    return { mappedBytes: pageCount(this.allocator.pageRanges) * PAGE_BYTES, residentBytes: resident * PAGE_BYTES };
  }

  handle(spec: CommandSpec): SubjectHandling | undefined {
    return studentHandling(this, spec);
  }

  /** The driver ends now (an exit that cannot wait); unload closes it in order first. */
  close(): void {
    this.allocator.closeNow();
    this.#reader.close();
  }

  get layout(): Layout {
    return this.#layout;
  }

  /** Takes in what a call of theirs did: the layout after it, and bytes written outside their chunks. */
  record(step: StepResult): void {
    const layout = step.layout;
    this.#layout = layout;
    for (const base of step.pagesUnmapped) this.#stray.delete(base);
    for (const write of step.strayWrites) {
      if (write.region === 'live-chunk') continue;
      let flags = this.#stray.get(write.page);
      if (!flags) this.#stray.set(write.page, (flags = new Uint8Array(PAGE_BYTES)));
      flags.fill(1, write.offsetInPage, write.offsetInPage + write.length);
    }
    // A chunk handed out over such bytes now holds the program's data (memtui's pattern).
    const returned = step.outcome.kind === 'returned' ? step.outcome.chunk : null;
    if (returned) {
      const start = returned.address;
      const end = start + BigInt(returned.size);
      for (let page = start & ~BigInt(PAGE_BYTES - 1); page < end; page += BigInt(PAGE_BYTES)) {
        const from = start > page ? Number(start - page) : 0;
        const to = end < page + BigInt(PAGE_BYTES) ? Number(end - page) : PAGE_BYTES;
        this.#stray.get(page)?.fill(0, from, to);
      }
    }
    if (step.operation.kind === 'init') this.initialised = true;
    if (step.operation.kind === 'cleanup') {
      this.initialised = false;
      this.rover = null;
    }
    this.#picture = null;
  }

  picture(): StudentPicture {
    this.#picture ??= {
      file: this.file, name: this.name, part: this.part, pid: this.pid,
      pages: this.#layout.pages, chunks: this.#layout.chunks, free: gaps(this.#layout),
      strayBytes: this.#stray, initialised: this.initialised,
    };
    return this.#picture;
  }
}

/** The allocator loaded in the session, when the subject is one. */
export function loadedAllocator(subject: Subject): LoadedAllocator | null {
  return subject instanceof LoadedAllocator ? subject : null;
}

/** What the screen draws of the loaded allocator, or null when none is loaded. */
export function studentPicture(subject: Subject): StudentPicture | null {
  return loadedAllocator(subject)?.picture() ?? null;
}
