import { hex } from '../heap/index.js';
import { Mapping, NativeError } from '../native/index.js';
import type { Command, WriteData } from './command.js';
import { hexdump } from './hexdump.js';
import { fail, kib, type Outcome, plural } from './outcome.js';
import { partName, type Resolved, type SessionState } from './session-state.js';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

export function mmap(state: SessionState, command: Of<'mmap'>): Outcome {
  let mapping: Mapping;
  try {
    mapping = Mapping.map({ pages: command.pages });
  } catch (error) {
    if (error instanceof NativeError) return fail(`${error.message}; try fewer pages`);
    throw error;
  }
  const id = state.nextId();
  state.raw.set(id, mapping);
  const first = state.pages().find((page) => page.owner === 'raw' && page.id === id)!.index;
  const range = command.pages === 1 ? `p${first}` : `p${first}..p${first + command.pages - 1}`;
  return {
    ok: true,
    message: `mmap ${plural(command.pages, 'page')} -> #${id} at ${hex(mapping.base)} (${range}), anonymous private rw-, nothing resident yet`,
    effect: { kind: 'mmap', id, base: mapping.base, pages: command.pages },
  };
}

/** Residency of the pages under [offset, offset + length) of a raw mapping, before anything touches them. */
function pagesIn(state: SessionState, offset: number, length: number): number[] {
  const first = Math.floor(offset / state.pageSize);
  const last = Math.floor((offset + Math.max(length, 1) - 1) / state.pageSize);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

function bytesFor(data: WriteData, room: number): { bytes: Uint8Array; note: string } {
  if (data.kind === 'fill') return { bytes: new Uint8Array(room).fill(data.byte), note: `filled with 0x${data.byte.toString(16).padStart(2, '0')}` };
  const bytes = data.bytes.subarray(0, room);
  const cut = data.bytes.length > room ? ` (cut to the ${room} B that fit)` : '';
  return { bytes, note: `"${new TextDecoder().decode(bytes)}"${cut}` };
}

export function write(state: SessionState, command: Of<'write'>): Outcome {
  const resolved = state.resolve(command.target);
  if (typeof resolved === 'string') return fail(resolved);
  if (resolved.kind === 'heap-page') {
    return fail(`${resolved.what} belongs to the ${partName[resolved.part]}: write into one of its chunks (#id) instead, so free space stays free`);
  }
  if (resolved.kind === 'chunk') {
    const { chunk, heap, into } = resolved;
    const { bytes, note } = bytesFor(command.data, chunk.size - into);
    // As for raw pages: count the page only when this write is what faults it in.
    const faulted = heap.pages[chunk.page]!.residency().some(Boolean) ? 0 : 1;
    heap.view(chunk.address + BigInt(into), bytes.length).set(bytes);
    return {
      ok: true,
      message: `write ${resolved.what}: ${bytes.length} B ${note} at ${hex(chunk.address + BigInt(into))}`,
      effect: { kind: 'write', id: chunk.id, bytes: bytes.length, pagesTouched: faulted },
    };
  }
  const { mapping, offset, length, id } = resolved;
  const { bytes, note } = bytesFor(command.data, length);
  const pages = pagesIn(state, offset, bytes.length);
  const residency = mapping.residency();
  const faulted = pages.filter((page) => !residency[page]).length;
  mapping.write(offset, bytes);
  const fault = faulted === 0 ? 'the page was already resident' : `first touch: ${plural(faulted, 'page')} faulted in`;
  return {
    ok: true,
    message: `write ${resolved.what}: ${bytes.length} B ${note} at ${hex(mapping.base + BigInt(offset))} - ${fault}`,
    effect: { kind: 'write', id, bytes: bytes.length, pagesTouched: faulted },
  };
}

export function read(state: SessionState, command: Of<'read'>): Outcome {
  const resolved = state.resolve(command.target);
  if (typeof resolved === 'string') return fail(resolved);
  const range = readRange(state, resolved, command.length);
  if (typeof range === 'string') return fail(range);
  const { bytes, address, untouched, id } = range;
  const note = untouched > 0
    ? ` (${plural(untouched, 'page')} not resident: shown as the zeros they would read as, without touching them, so they stay out of RSS)`
    : '';
  return {
    ok: true,
    message: `read ${resolved.what}: ${bytes.length} B at ${hex(address)}${note}`,
    details: hexdump(bytes, address),
    effect: { kind: 'read', id },
  };
}

function readRange(state: SessionState, resolved: Resolved, wanted: number | null):
  { bytes: Uint8Array; address: bigint; untouched: number; id: number } | string {
  if (resolved.kind === 'chunk') {
    const { chunk, heap, into } = resolved;
    const length = Math.min(wanted ?? 256, chunk.size - into);
    const address = chunk.address + BigInt(into);
    const resident = heap.pages[chunk.page]!.residency().some(Boolean);
    const bytes = resident ? heap.view(address, length).slice() : new Uint8Array(length);
    return { bytes, address, untouched: resident ? 0 : 1, id: chunk.id };
  }
  if (resolved.kind === 'heap-page') {
    return `${resolved.what}: read a chunk of it (#id or its address) instead of the whole heap page`;
  }
  const { mapping, offset, id } = resolved;
  const length = Math.min(wanted ?? 256, mapping.length - offset);
  const residency = mapping.residency();
  const bytes = new Uint8Array(length);
  let untouched = 0;
  for (const page of pagesIn(state, offset, length)) {
    const from = Math.max(offset, page * state.pageSize);
    const to = Math.min(offset + length, (page + 1) * state.pageSize);
    // Reading an untouched page would map the kernel's zero page: mincore would then call it resident
    // while RSS stays put, and our accounting would lie. Only resident pages are read.
    if (residency[page]) bytes.set(mapping.read(from, to - from), from - offset);
    else untouched += 1;
  }
  return { bytes, address: mapping.base + BigInt(offset), untouched, id };
}

export function munmap(state: SessionState, command: Of<'munmap'>): Outcome {
  const resolved = state.resolve(command.target);
  if (typeof resolved === 'string') return fail(resolved);
  if (resolved.kind !== 'raw') {
    return fail(`${resolved.what} belongs to the ${partName[resolved.part]}: its pages are given back by cleanup (mode ${resolved.part}; cleanup)`);
  }
  const { mapping, id } = resolved;
  const resident = mapping.residentPages();
  mapping.unmap();
  state.raw.delete(id);
  const whole = command.target.kind === 'id' || mapping.pageCount === 1 ? '' : ` (the whole mapping: memtui unmaps mappings whole)`;
  return {
    ok: true,
    message: `munmap #${id}: ${plural(mapping.pageCount, 'page')} (${kib(mapping.length)}) given back, ${resident} of ${mapping.pageCount === 1 ? 'it' : 'them'} resident${whole}`,
    effect: { kind: 'munmap', id, pages: mapping.pageCount },
  };
}

export function madvise(state: SessionState, command: Of<'madvise'>): Outcome {
  const resolved = state.resolve(command.target);
  if (typeof resolved === 'string') return fail(resolved);
  if (resolved.kind !== 'raw') {
    return fail(`${resolved.what} belongs to the ${partName[resolved.part]}: dropping its pages would zero the chunks' data; use a raw mapping (mmap)`);
  }
  const { mapping, id } = resolved;
  const whole = command.target.kind === 'id';
  const firstPage = whole ? 0 : Math.floor(resolved.offset / state.pageSize);
  const pages = whole ? mapping.pageCount : 1;
  const residency = mapping.residency();
  const dropped = residency.slice(firstPage, firstPage + pages).filter(Boolean).length;
  mapping.adviseDontNeed(firstPage, pages);
  return {
    ok: true,
    message: `madvise ${resolved.what} dontneed: ${plural(pages, 'page')} advised, ${dropped} left RAM; still mapped (they read as zeros now)`,
    effect: { kind: 'madvise', id, pages: dropped },
  };
}
