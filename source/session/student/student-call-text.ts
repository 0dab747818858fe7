import { hex } from '../../heap/index.js';
import { plural, type StudentWrites } from '../../result/index.js';
import type { Gap, StepResult, StrayWrite } from '../../student/index.js';
import type { LoadedAllocator } from './loaded-allocator.js';

// How the results of a student's calls are written: page names, free space, and what a call
// did against the lab's rules, as the driver saw it. Pure text; the calls are in student-calls.ts.

/** The lab's unit of each part: sizes are multiples of it (alloc.h MINALLOC 8, ealloc.h 256). */
export const unitOf = { a: 8, b: 256 } as const;
export const PAGE_BYTES = 4096;

/** p<N> of a page of theirs: its place in the order their code mapped pages (as grade's "page N"). */
export function pageName(loaded: LoadedAllocator, base: bigint | null): string {
  const page = loaded.layout.pages.find((candidate) => candidate.base === base);
  return page ? `p${page.order}` : 'a page not theirs';
}

/** "dealloc(#2 + 8)": a pointer as a student reads it, by the chunk that holds it. */
export function pointerText(loaded: LoadedAllocator, address: bigint | null): string {
  if (address === null) return 'NULL';
  const chunks = loaded.allocator.chunks();
  const exact = chunks.find((chunk) => chunk.address === address);
  if (exact) return `#${exact.id}`;
  const holding = chunks.find((chunk) => address > chunk.address && address < chunk.address + BigInt(chunk.size));
  return holding ? `#${holding.id} + ${address - holding.address}` : hex(address);
}

/** "3584 B at p0+512, 256 B at p1+3840": free stretches, the first few. */
export function gapsText(gaps: readonly Gap[], shown = 4): string {
  if (gaps.length === 0) return 'none';
  const text = gaps.slice(0, shown).map((gap) => `${gap.size} B at p${gap.pageOrder}+${gap.offset}`).join(', ');
  return gaps.length > shown ? `${text} and ${gaps.length - shown} more` : text;
}

/** Is `size` one the lab's alloc must serve (a positive multiple of the unit, at most a page)? */
export function sizeAllowed(part: 'a' | 'b', size: number): boolean {
  return size > 0 && size % unitOf[part] === 0 && size <= PAGE_BYTES;
}

export function writesOf(step: StepResult): StudentWrites {
  let outsideChunks = 0;
  let intoChunks = 0;
  for (const write of step.strayWrites) {
    if (write.region === 'live-chunk') intoChunks += write.length;
    else outsideChunks += write.length;
  }
  return { outsideChunks, intoChunks, mallocs: step.libraryMallocs };
}

function bytesAt(loaded: LoadedAllocator, writes: readonly StrayWrite[]): string {
  const places = writes.slice(0, 4).map((write) => `${pageName(loaded, write.page)}+${write.offsetInPage}${write.length > 1 ? ` (${write.length} B)` : ''}`);
  return `${places.join(', ')}${writes.length > 4 ? ` and ${writes.length - 4} more` : ''}`;
}

/** The call's writes outside its chunks, one line per kind: free space, the chunk being freed, live chunks. */
function strayLines(loaded: LoadedAllocator, step: StepResult, call: string): string[] {
  const lines: string[] = [];
  const total = (writes: readonly StrayWrite[]) => plural(writes.reduce((sum, write) => sum + write.length, 0), 'byte');
  const outside = step.strayWrites.filter((write) => write.region === 'free-space');
  if (outside.length > 0) {
    const when = step.operation.kind === 'init' ? 'before handing out any chunk' : 'outside every chunk it had handed out';
    lines.push(`${call} changed ${total(outside)} ${when}, at ${bytesAt(loaded, outside)}: bookkeeping in the page, which the lab forbids (the grid marks them !; bytes written with the value they had do not show)`);
  }
  const freeing = step.strayWrites.filter((write) => write.region === 'chunk-being-freed');
  if (freeing.length > 0) {
    lines.push(`${call} changed ${total(freeing)} of the chunk it was freeing (#${freeing[0]!.chunkId}), at ${bytesAt(loaded, freeing)}: a list node in the page? The lab keeps bookkeeping outside the page (the grid marks them !)`);
  }
  for (const write of step.strayWrites.filter((candidate) => candidate.region === 'live-chunk').slice(0, 4)) {
    lines.push(`${call} changed ${plural(write.length, 'byte')} of chunk #${write.chunkId} (at its offset ${write.offsetInChunk}): a chunk's bytes are the program's until it frees the chunk`);
  }
  if (step.strayWritesLeftOut > 0) lines.push(`... and ${plural(step.strayWritesLeftOut, 'more changed range')} the driver left out`);
  return lines;
}

/**
 * What a call did that the lab forbids, one line each: bytes written outside its chunks or into
 * live ones, malloc calls, a chunk outside its pages or overlapping another.
 */
export function ruleLines(loaded: LoadedAllocator, step: StepResult, call: string): string[] {
  const lines = strayLines(loaded, step, call);
  if (step.libraryMallocs > 0) {
    lines.push(`${call} called malloc/calloc/realloc ${plural(step.libraryMallocs, 'time')}: the lab forbids library malloc (bookkeeping goes in static arrays or your own mmap'd memory)`);
  }
  const problem = step.chunkProblem;
  if (problem?.kind === 'outside-pages') {
    lines.push(`its ${problem.byte} byte ${hex(problem.address)} is ${problem.where}, not in a page your code mapped: memory must come from those pages only (memtui wrote nothing there)`);
  } else if (problem?.kind === 'not-writable') {
    lines.push(`writing its bytes faulted at ${hex(problem.faultAddress)}: the chunk is not all mapped and writable`);
  }
  const chunk = step.outcome.kind === 'returned' ? step.outcome.chunk : null;
  if (chunk) {
    const end = chunk.address + BigInt(chunk.size);
    const other = loaded.allocator.chunks().find((live) => live.id !== chunk.id && live.address < end && chunk.address < live.address + BigInt(live.size));
    if (other) lines.push(`#${chunk.id} overlaps #${other.id} (${other.size} B at ${hex(other.address)}), still allocated: no byte may be handed out twice`);
  }
  return lines;
}
