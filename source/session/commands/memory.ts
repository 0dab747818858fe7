import { hex } from '../../heap/index.js';
import { NativeError } from '../../native/index.js';
import { kib, plural } from '../../result/index.js';
import { defineCommand } from '../command/command-spec.js';
import { choiceParam, countParam, ParamError, restParam, targetParam, type Word } from '../command/param.js';
import { partName } from '../lab/lab-state.js';
import type { PageSpan } from '../lab/page-directory.js';
import { type Resolved, resolveTarget } from '../lab/resolve-target.js';
import { fail, type Outcome } from '../outcome.js';
import { hexdump } from '../text/hexdump.js';
import { quoteStart } from '../text/quote.js';

/** The most pages one mmap maps: a thousand pages (4 MiB) is already a long scroll. */
export const MAX_PAGES_PER_MMAP = 1024;

export const mmap = defineCommand({
  name: 'mmap', group: 'memory', changesMemory: true,
  summary: 'map anonymous private read+write pages (default 1)',
  detail: 'Asks the kernel for address space with mmap. VSZ grows at once; RSS only when a page is first written.',
  example: 'mmap 2',
  params: [countParam('pages', { min: 1, max: MAX_PAGES_PER_MMAP, fallback: 1, what: 'number of pages' })],
  keys: [{ key: 'm', label: 'map a page', line: () => 'mmap' }],
  run({ lab }, { pages }): Outcome {
    let mapped;
    try {
      mapped = lab.mapRaw(pages);
    } catch (error) {
      if (error instanceof NativeError) return fail(`${error.message}; try fewer pages`);
      throw error;
    }
    if (typeof mapped === 'string') return fail(`mmap ${pages}: ${mapped}`);
    const { id, span } = mapped;
    const range = pages === 1 ? `p${span.firstName}` : `p${span.firstName}..p${span.firstName + pages - 1}`;
    return {
      ok: true,
      message: `mmap ${plural(pages, 'page')} -> #${id} at ${hex(span.base)} (${range}), anonymous private rw-, nothing resident yet`,
      effect: { kind: 'mmap', id, base: span.base, pages, firstPageName: span.firstName },
    };
  },
});

/** What a write puts in memory: one byte filling all of the target, or bytes at its start. */
type WriteData = { kind: 'fill'; byte: number } | { kind: 'bytes'; bytes: Uint8Array; text: string | null };

/**
 * `write` data: nothing (fill with '*'), one byte `0xNN` (fill), `hex:48 65 6c` (these bytes),
 * or text (its UTF-8 bytes). Quoted words are always text.
 */
export function readWriteData(words: Word[] | null): WriteData | string {
  if (words === null) return { kind: 'fill', byte: 0x2a };
  const [first] = words as [Word];
  if (words.length === 1 && !first.quoted && /^0x[0-9a-f]+$/i.test(first.text)) {
    if (/^0x[0-9a-f]{1,2}$/i.test(first.text)) return { kind: 'fill', byte: Number(first.text) };
    const digits = first.text.slice(2);
    return `"${quoteStart(first.text)}" is more than one byte: give one byte (0x00 to 0xff) to fill the target with it, hex:${digits.length % 2 === 0 ? digits : `0${digits}`} for these bytes, or "${quoteStart(first.text)}" in quotes to write it as text`;
  }
  if (!first.quoted && /^hex:/i.test(first.text)) {
    const digits = [first.text.slice(4), ...words.slice(1).map((word) => word.text)].join('');
    if (!/^([0-9a-f]{2})+$/i.test(digits)) return `hex: takes pairs of hex digits, like hex:48656c6c6f or hex:48 65 6c ("${quoteStart(digits)}" is not)`;
    return { kind: 'bytes', bytes: Uint8Array.from(digits.match(/../g)!, (pair) => Number.parseInt(pair, 16)), text: null };
  }
  const text = words.map((word) => word.text).join(' ');
  return { kind: 'bytes', bytes: new TextEncoder().encode(text), text };
}

/** The bytes that fit in `room`, and how the message says what was written. */
function bytesFor(data: WriteData, room: number): { bytes: Uint8Array; said: string } {
  if (data.kind === 'fill') return { bytes: new Uint8Array(room).fill(data.byte), said: `filled with the byte 0x${data.byte.toString(16).padStart(2, '0')}` };
  const bytes = data.bytes.subarray(0, room);
  const cut = data.bytes.length > room ? ` (cut: ${data.bytes.length.toLocaleString('en-US')} B given, ${room.toLocaleString('en-US')} B fit)` : '';
  const shown = data.text === null
    ? `(the bytes ${Array.from(bytes.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join(' ')}${bytes.length > 16 ? ' ...' : ''})`
    : `of text "${quoteStart(new TextDecoder().decode(bytes), 60)}"`;
  return { bytes, said: `${shown}${cut}` };
}

function pagesUnder(pageSize: number, offset: number, length: number): { first: number; count: number } {
  const first = Math.floor(offset / pageSize);
  const last = Math.floor((offset + Math.max(length, 1) - 1) / pageSize);
  return { first, count: last - first + 1 };
}

function residentIn(span: PageSpan, first: number, count: number): number {
  let resident = 0;
  for (let page = first; page < first + count; page += 1) resident += span.resident[page]!;
  return resident;
}

export const write = defineCommand({
  name: 'write', group: 'memory', changesMemory: true,
  summary: 'write at the target: text, hex:BYTES, or one byte 0xNN filling all of it (default: fill with *)',
  detail: 'The first write to a page faults it in: it becomes resident (RSS grows). Quoted words are always text: write #1 "0x41".',
  example: 'write #1 hello',
  params: [targetParam(), restParam('data', '[text|hex:BYTES|0xNN]')],
  keys: [{ key: 'w', label: 'write the selection', line: ({ chunk, page }) => { const target = chunk ?? page; return target && `write ${target}`; } }],
  run({ lab }, { target, data }): Outcome {
    const parsedData = readWriteData(data);
    if (typeof parsedData === 'string') return fail(`write: ${parsedData}`);
    const resolved = resolveTarget(lab, target);
    if (typeof resolved === 'string') return fail(resolved);
    if (resolved.kind === 'heap-page') {
      return fail(`${resolved.what} belongs to the ${partName[resolved.part]}: write into one of its chunks (#id) instead, so free space stays free`);
    }
    if (resolved.kind === 'chunk') {
      const { chunk, heap, offsetInChunk, part } = resolved;
      const span = lab.heapSpan(part, chunk.page)!;
      const { bytes, said } = bytesFor(parsedData, chunk.size - offsetInChunk);
      lab.refreshResidency(span);
      const before = residentIn(span, 0, span.pageCount);
      heap.view(chunk.address + BigInt(offsetInChunk), bytes.length).set(bytes);
      lab.refreshResidency(span);
      const faulted = Math.max(0, residentIn(span, 0, span.pageCount) - before);
      const fault = faulted === 0 ? 'its page was already resident' : 'first touch: its page faulted in';
      return {
        ok: true,
        message: `write ${resolved.what}: ${bytes.length.toLocaleString('en-US')} B ${said} at ${hex(chunk.address + BigInt(offsetInChunk))} - ${fault}`,
        effect: { kind: 'write', id: chunk.id, bytes: bytes.length, pagesFaulted: faulted },
      };
    }
    const { mapping, offset, length, id, span } = resolved;
    const { bytes, said } = bytesFor(parsedData, length);
    const { first, count } = pagesUnder(lab.pageSize, offset, bytes.length);
    lab.refreshResidency(span, first, count);
    const before = residentIn(span, first, count);
    mapping.write(offset, bytes);
    lab.refreshTouched(span, first, count);
    const faulted = Math.max(0, residentIn(span, first, count) - before);
    const fault = faulted === 0 ? (count === 1 ? 'the page was already resident' : 'the pages were already resident') : `first touch: ${plural(faulted, 'page')} faulted in`;
    return {
      ok: true,
      message: `write ${resolved.what}: ${bytes.length.toLocaleString('en-US')} B ${said} at ${hex(mapping.base + BigInt(offset))} - ${fault}`,
      effect: { kind: 'write', id, bytes: bytes.length, pagesFaulted: faulted },
    };
  },
});

/** The most a read shows: a page and a bit more than a screenful of hexdump lines is already long. */
export const MAX_READ_BYTES = 65_536;
const DEFAULT_READ_BYTES = 256;

function readRange(lab: Parameters<typeof resolveTarget>[0], resolved: Resolved, wanted: number | null):
  { bytes: Uint8Array; address: bigint; untouched: number; id: number; room: number } | string {
  if (resolved.kind === 'heap-page') return `${resolved.what}: read a chunk of it (#id or its address) instead of the whole heap page`;
  if (resolved.kind === 'chunk') {
    const { chunk, heap, offsetInChunk, part } = resolved;
    const room = chunk.size - offsetInChunk;
    const length = Math.min(wanted ?? DEFAULT_READ_BYTES, room);
    const address = chunk.address + BigInt(offsetInChunk);
    const span = lab.heapSpan(part, chunk.page)!;
    lab.refreshResidency(span);
    const resident = span.resident[0] === 1;
    // A page not resident reads as zeros: shown without touching it (see below).
    const bytes = resident ? heap.view(address, length).slice() : new Uint8Array(length);
    return { bytes, address, untouched: resident ? 0 : 1, id: chunk.id, room };
  }
  const { mapping, offset, id, span, length: room } = resolved;
  const length = Math.min(wanted ?? DEFAULT_READ_BYTES, mapping.length - offset);
  const bytes = new Uint8Array(length);
  let untouched = 0;
  const { first, count } = pagesUnder(lab.pageSize, offset, length);
  lab.refreshResidency(span, first, count);
  for (let page = first; page < first + count; page += 1) {
    const from = Math.max(offset, page * lab.pageSize);
    const to = Math.min(offset + length, (page + 1) * lab.pageSize);
    // Reading an untouched page would map the kernel's zero page: mincore would then call it
    // resident while RSS stays put, and "ours" would stop matching the kernel. Only resident
    // pages are read.
    if (span.resident[page]) bytes.set(mapping.read(from, to - from), from - offset);
    else untouched += 1;
  }
  return { bytes, address: mapping.base + BigInt(offset), untouched, id, room: Math.max(room, length) };
}

export const read = defineCommand({
  name: 'read', group: 'memory',
  summary: `hexdump the target (default up to ${DEFAULT_READ_BYTES} bytes)`,
  detail: 'A page that is not resident reads as zeros; memtui shows them without touching the page, so it stays out of RSS.',
  example: 'read #1 64',
  params: [targetParam(), countParam('length', { min: 1, max: MAX_READ_BYTES, fallback: 0, what: 'length in bytes' })],
  keys: [{ key: 'r', label: 'read (hexdump)', line: ({ chunk, page }) => { const target = chunk ?? page; return target && `read ${target}`; } }],
  run({ lab }, { target, length }): Outcome {
    const resolved = resolveTarget(lab, target);
    if (typeof resolved === 'string') return fail(resolved);
    const wanted = length === 0 ? null : length;
    const range = readRange(lab, resolved, wanted);
    if (typeof range === 'string') return fail(range);
    const { bytes, address, untouched, id } = range;
    const clipped = wanted !== null && bytes.length < wanted
      ? ` (${wanted.toLocaleString('en-US')} B asked; the ${resolved.kind === 'chunk' ? 'chunk' : 'mapping'} ends there)`
      : '';
    const note = untouched > 0
      ? ` (${plural(untouched, 'page')} not resident: shown as the zeros they would read as, without touching them, so they stay out of RSS)`
      : '';
    return {
      ok: true,
      message: `read ${resolved.what}: ${bytes.length.toLocaleString('en-US')} B at ${hex(address)}${clipped}${note}`,
      details: hexdump(bytes, address),
      effect: { kind: 'read', id },
    };
  },
});

export const munmap = defineCommand({
  name: 'munmap', group: 'memory', changesMemory: true,
  summary: 'unmap the raw mapping that holds the target',
  detail: 'Gives the address space back: VSZ shrinks by the mapping, and its resident pages leave RSS. Mappings are unmapped whole.',
  example: 'munmap #1',
  params: [targetParam()],
  keys: [{ key: 'u', label: 'munmap the mapping', line: ({ page }) => page && `munmap ${page}` }],
  run({ lab }, { target }): Outcome {
    const resolved = resolveTarget(lab, target);
    if (typeof resolved === 'string') return fail(resolved);
    if (resolved.kind !== 'raw') {
      return fail(`${resolved.what} belongs to the ${partName[resolved.part]}: its pages are given back by cleanup (part ${resolved.part}; cleanup)`);
    }
    const { id } = resolved;
    const { pages, residentPages } = lab.unmapRaw(id);
    const whole = target.kind === 'id' || pages === 1 ? '' : ' (the whole mapping: memtui unmaps mappings whole)';
    return {
      ok: true,
      message: `munmap #${id}: ${plural(pages, 'page')} (${kib(pages * lab.pageSize)}) given back, ${residentPages} of ${pages === 1 ? 'it' : 'them'} resident${whole}`,
      effect: { kind: 'munmap', id, pages },
    };
  },
});

export const madvise = defineCommand({
  name: 'madvise', group: 'memory', changesMemory: true,
  summary: 'drop the pages of a raw mapping from RAM (they stay mapped)',
  detail: 'MADV_DONTNEED: RSS shrinks, VSZ does not; the pages read back as zeros and fault in again on the next write.',
  example: 'madvise p0 dontneed',
  params: [targetParam(), choiceParam('advice', ['dontneed'] as const, { isNot: 'advice memtui knows', missing: 'the advice is missing: memtui knows' })],
  keys: [{ key: 'x', label: 'drop page (dontneed)', line: ({ page }) => page && `madvise ${page} dontneed` }],
  run({ lab }, { target }): Outcome {
    const resolved = resolveTarget(lab, target);
    if (typeof resolved === 'string') return fail(resolved);
    if (resolved.kind !== 'raw') {
      return fail(`${resolved.what} belongs to the ${partName[resolved.part]}: dropping its pages would zero the chunks' data; use a raw mapping (mmap)`);
    }
    const { mapping, id, span } = resolved;
    const whole = target.kind === 'id';
    const firstPage = whole ? 0 : Math.floor(resolved.offset / lab.pageSize);
    const pages = whole ? mapping.pageCount : 1;
    lab.refreshResidency(span, firstPage, pages);
    const dropped = residentIn(span, firstPage, pages);
    mapping.adviseDontNeed(firstPage, pages);
    lab.refreshResidency(span, firstPage, pages);
    return {
      ok: true,
      message: `madvise ${resolved.what} dontneed: ${plural(pages, 'page')} advised, ${dropped} left RAM; still mapped (they read as zeros now)`,
      effect: { kind: 'madvise', id, pages: dropped },
    };
  },
});

export { ParamError };
