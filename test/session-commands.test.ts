/**
 * Every command through `Session.run` on the real kernel (issue 4, "Session and parser: every
 * command, every error path"): real mmap through koffi, real /proc, the real `ps`. Each success
 * is checked on what the user reads (message, details) and on what was measured (effect, delta,
 * mincore through the snapshot); each error on its message and on the state it leaves, which
 * must be the state it found, plus one entry in the log.
 *
 * VSZ comes from /proc/self/stat, which also moves when V8 maps or unmaps memory of its own in
 * the same instant. Our own part (delta.ours, from our bookkeeping and mincore) is exact; for the
 * kernel's figure a few attempts are allowed, and one must match to the byte.
 * RSS from /proc/self/stat is not asserted per command: the kernel keeps it in per-CPU
 * counters that are folded in batches, so one page often does not show at once. mincore is
 * exact and is what is asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hex, policies, type Policy } from '../source/heap/index.js';
import { liveMappings, pageSize } from '../source/native/index.js';
import { readMaps, readStat } from '../source/proc/index.js';
import type { Effect, Result } from '../source/result/index.js';
import type { Mapping } from '../source/native/index.js';
import { builtinCommands, runScript, Session, targetHint, usageOf } from '../source/session/index.js';
import { type PageView, pageView, RAW_BLOCKS } from '../source/ui/view/page-view.js';
import { lessons } from '../source/walkthrough/index.js';

const sessions: Session[] = [];
function open(): Session {
  const session = new Session();
  sessions.push(session);
  return session;
}

afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
  // Nothing a session mapped may outlive it: raw mappings, heap pages, the replays of `run`.
  expect(liveMappings()).toEqual([]);
});

const PAGE = pageSize();
const HEAP_PAGE = 4096;

type Of<K extends Effect['kind']> = Extract<Effect, { kind: K }>;

/** Runs a line that must succeed; returns the result and its effect of the expected kind. */
async function ok<K extends Effect['kind']>(session: Session, line: string, kind: K): Promise<Result & { effect: Of<K> }> {
  const result = await session.run(line);
  if (!result.ok) throw new Error(`"${line}" failed: ${result.error}`);
  expect(result.error).toBeNull();
  expect(result.effect.kind).toBe(kind);
  expect(result.line).toBe(line);
  expect(result.quit).toBe(false);
  expect(session.log.at(-1)).toBe(result);
  return result as Result & { effect: Of<K> };
}

/** Everything a command could change: raw mappings, both heaps' chunks and pages, residency, resident bytes. */
function picture(session: Session) {
  const lab = session.lab;
  const residentBytes = (residency: boolean[], view: () => Uint8Array, pageBytes: number) =>
    residency.map((resident, page) => (resident ? Buffer.from(view().subarray(page * pageBytes, (page + 1) * pageBytes)).toString('hex') : null));
  const heap = (part: 'a' | 'b') => {
    const h = lab.heap(part);
    if (!h) return null;
    return {
      policy: h.policy,
      chunks: h.chunks(),
      pages: h.pages.map((region) => ({ base: region.base, live: region.live, ...((r) => ({ residency: r, bytes: residentBytes(r, () => region.view(), region.length) }))(region.residency()) })),
    };
  };
  return {
    part: lab.part,
    policy: { a: lab.policy('a'), b: lab.policy('b') },
    raw: [...lab.rawIds()].map((id) => {
      const mapping = rawMapping(session, id);
      return { id, base: mapping.base, pages: mapping.pageCount, live: mapping.live, residency: mapping.residency(), bytes: residentBytes(mapping.residency(), () => mapping.view(), PAGE) };
    }),
    a: heap('a'),
    b: heap('b'),
    screen: screenPages(session).map((page) => [page.name, page.base, page.owner]),
    mark: session.mark,
  };
}

/** The raw mapping a session holds under an id. */
function rawMapping(session: Session, id: number): Mapping {
  const span = session.lab.raw(id);
  if (span?.owner.kind !== 'raw') throw new Error(`#${id} is not a raw mapping of this session`);
  return span.owner.mapping;
}

/** Every page as the grid would draw it, in name order. */
function screenPages(session: Session): PageView[] {
  const { lab } = session;
  const pages: PageView[] = [];
  for (const span of lab.pages.spansFrom(0)) {
    lab.refreshResidency(span);
    for (let page = 0; page < span.pageCount; page += 1) pages.push(pageView(lab, span.firstName + page)!);
  }
  return pages;
}

function checkHeaps(session: Session): void {
  expect(session.lab.heap('a')?.check() ?? []).toEqual([]);
  expect(session.lab.heap('b')?.check() ?? []).toEqual([]);
}

/**
 * Runs a line that must fail: the error says what is wrong (every pattern), the message is the
 * error, nothing else changed, nothing was mapped or touched, and the log grew by exactly one.
 */
async function refused(session: Session, line: string, ...patterns: Array<RegExp | string>): Promise<Result> {
  const before = picture(session);
  const logLength = session.log.length;
  const result = await session.run(line);
  expect(result.ok).toBe(false);
  expect(typeof result.error).toBe('string');
  expect(result.error!.length).toBeGreaterThan(0);
  expect(result.message).toBe(result.error);
  for (const pattern of patterns) expect(result.error).toMatch(pattern);
  // A bug caught by the session's safety net reads "<command> stopped: ..."; a refusal never does.
  expect(result.error).not.toMatch(/ stopped: /);
  expect(result.quit).toBe(false);
  expect(result.delta!.ours).toEqual({ mappedBytes: 0, residentBytes: 0 });
  expect(picture(session)).toEqual(before);
  expect(session.log.length).toBe(logLength + 1);
  expect(session.log.at(-1)).toBe(result);
  checkHeaps(session);
  return result;
}

/** Tries `attempt` until the kernel's figure matches ours exactly (V8 may map in the same instant). */
async function someAttemptExact(tries: number, attempt: () => Promise<{ measured: number; expected: number }>): Promise<void> {
  const seen: number[] = [];
  for (let index = 0; index < tries; index += 1) {
    const { measured, expected } = await attempt();
    if (measured === expected) return;
    seen.push(measured - expected);
  }
  throw new Error(`in ${tries} attempts the kernel's figure never matched ours; off by ${seen.join(', ')} B`);
}

/** The /proc/self/maps line holding `address`. */
function mapsLineOf(address: bigint) {
  return readMaps().find((entry) => address >= entry.start && address < entry.end);
}

/** The bytes a hexdump shows, back as numbers. */
function dumpedBytes(details: string[]): number[] {
  return details.flatMap((line) => {
    // xxd's layout: the address, then the bytes in groups of two (four hex digits), then |text|.
    const match = /^[0-9a-f]{12,} ((?:[0-9a-f]{2,4} ?)+)\s*\|/.exec(line);
    if (!match) throw new Error(`not a hexdump line: ${line}`);
    return match[1]!.trim().split(/\s+/).flatMap((group) => (group.match(/../g) ?? []).map((byte) => Number.parseInt(byte, 16)));
  });
}

const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

describe('raw pages: mmap, write, read, madvise, munmap', () => {
  it('mmap 1 maps one page: our bookkeeping, /proc/self/maps and VSZ all see exactly one page more', async () => {
    const session = open();
    let first: ReturnType<typeof ok<'mmap'>> | null = null;
    await someAttemptExact(10, async () => {
      const result = await ok(session, 'mmap 1', 'mmap');
      first ??= result;
      expect(result.delta!.ours.mappedBytes).toBe(PAGE);
      expect(result.delta!.ours.residentBytes).toBe(0);
      // The runtime part is what is left of the kernel's figure once ours is taken out.
      expect(result.delta!.runtime.vszBytes).toBe(result.delta!.vszBytes - PAGE);
      // The result carries the absolute figures too, and ours counts every page this session mapped.
      expect(result.vszBytes).toBeGreaterThan(0);
      expect(result.ours.mappedBytes).toBe(PAGE * session.lab.rawCount);
      return { measured: result.delta!.vszBytes, expected: PAGE };
    });
    const result = first!;
    const { id, base, pages } = result.effect;
    expect(pages).toBe(1);
    const mapping = rawMapping(session, id);
    expect(mapping.base).toBe(base);
    expect(mapping.pageCount).toBe(1);
    // What the user reads: the id to type, the address, the screen page, and that nothing is resident.
    expect(result.message).toContain(`#${id}`);
    expect(result.message).toContain(hex(base));
    expect(result.message).toMatch(/\bp0\b/);
    expect(result.message).toMatch(/anonymous private rw/);
    expect(result.message).toMatch(/nothing resident/);
    // The kernel agrees: a private read+write line holds the page.
    const line = mapsLineOf(base);
    expect(line).toBeDefined();
    expect(line!.perms).toBe('rw-p');
    expect(mapping.residency()).toEqual([false]);
  });

  it('mmap 3 maps three pages, shown as a range of screen pages', async () => {
    const session = open();
    await ok(session, 'mmap', 'mmap');
    const result = await ok(session, 'mmap 3', 'mmap');
    expect(result.effect.pages).toBe(3);
    expect(result.delta!.ours.mappedBytes).toBe(3 * PAGE);
    expect(result.message).toMatch(/3 pages/);
    expect(result.message).toMatch(/\bp1\.\.p3\b/);
    const pages = screenPages(session);
    expect(pages.map((page) => page.owner)).toEqual(['raw', 'raw', 'raw', 'raw']);
    expect(pages.slice(1).map((page) => page.base)).toEqual([0, 1, 2].map((n) => result.effect.base + BigInt(n * PAGE)));
  });

  it('write to a fresh page faults exactly that page in; a second write faults nothing', async () => {
    const session = open();
    const { id, base } = (await ok(session, 'mmap 2', 'mmap')).effect;
    const first = await ok(session, `write #${id} hello`, 'write');
    expect(first.effect).toEqual({ kind: 'write', id, bytes: 5, pagesFaulted: 1 });
    expect(first.delta!.ours.residentBytes).toBe(PAGE);
    expect(first.delta!.ours.mappedBytes).toBe(0);
    expect(first.message).toContain('"hello"');
    expect(first.message).toContain(hex(base));
    expect(first.message).toMatch(/first touch: 1 page faulted in/);
    // Only the page written to: the second page of the mapping stays out of RAM.
    expect(rawMapping(session, id).residency()).toEqual([true, false]);

    const again = await ok(session, `write #${id} world`, 'write');
    expect(again.effect.pagesFaulted).toBe(0);
    expect(again.delta!.ours.residentBytes).toBe(0);
    expect(again.message).toMatch(/already resident/);
    expect(dumpedBytes((await ok(session, `read #${id} 5`, 'read')).details)).toEqual(ascii('world'));
  });

  it('write with a byte fills the whole target; without data it fills with *', async () => {
    const session = open();
    const { id } = (await ok(session, 'mmap 2', 'mmap')).effect;
    const fill = await ok(session, `write #${id} 0x41`, 'write');
    expect(fill.effect.bytes).toBe(2 * PAGE);
    expect(fill.effect.pagesFaulted).toBe(2);
    expect(fill.delta!.ours.residentBytes).toBe(2 * PAGE);
    expect(fill.message).toMatch(/filled with the byte 0x41/);
    expect(rawMapping(session, id).view().every((byte) => byte === 0x41)).toBe(true);

    const page1 = await ok(session, 'write p1', 'write');
    expect(page1.effect.bytes).toBe(PAGE);
    const bytes = rawMapping(session, id).view();
    expect(bytes.subarray(0, PAGE).every((byte) => byte === 0x41)).toBe(true);
    expect(bytes.subarray(PAGE).every((byte) => byte === '*'.charCodeAt(0))).toBe(true);
  });

  it('write at an address near the end of a page is cut to the page and never spills into the next', async () => {
    const session = open();
    const { id, base } = (await ok(session, 'mmap 2', 'mmap')).effect;
    const address = base + BigInt(PAGE - 6);
    const result = await ok(session, `write ${hex(address)} "hello world"`, 'write');
    expect(result.effect.bytes).toBe(6);
    expect(result.message).toMatch(/cut: 11 B given, 6 B fit/);
    expect(result.message).toContain(`offset ${PAGE - 6}`);
    const mapping = rawMapping(session, id);
    expect(mapping.residency()).toEqual([true, false]);
    expect([...mapping.read(PAGE - 6, 6)]).toEqual(ascii('hello '));
  });

  it('write p<N> writes the Nth page on screen, whichever mapping holds it', async () => {
    const session = open();
    const a = (await ok(session, 'mmap', 'mmap')).effect;
    const b = (await ok(session, 'mmap 2', 'mmap')).effect;
    const result = await ok(session, 'write p2 x', 'write');
    expect(result.effect.id).toBe(b.id);
    expect(result.message).toContain(`p2 (#${b.id}, page 2 of 2)`);
    expect(result.message).toContain(hex(b.base + BigInt(PAGE)));
    expect(rawMapping(session, a.id).residency()).toEqual([false]);
    expect(rawMapping(session, b.id).residency()).toEqual([false, true]);
  });

  it('read of an untouched page shows zeros and does not make it resident', async () => {
    const session = open();
    const { id, base } = (await ok(session, 'mmap', 'mmap')).effect;
    const result = await ok(session, `read #${id} 64`, 'read');
    expect(result.effect.id).toBe(id);
    expect(result.message).toContain(`64 B at ${hex(base)}`);
    expect(result.message).toMatch(/not resident/);
    expect(result.details).toHaveLength(4);
    expect(dumpedBytes(result.details)).toEqual(Array(64).fill(0));
    expect(result.details[0]!.startsWith(base.toString(16).padStart(12, '0'))).toBe(true);
    expect(result.delta!.ours.residentBytes).toBe(0);
    const [page] = screenPages(session);
    expect(page!.resident).toBe(false);
    expect(page!.cells.every((cell) => cell.kind === 'untouched')).toBe(true);
    expect(rawMapping(session, id).residency()).toEqual([false]);
  });

  it('read after a write shows the bytes written, as hex and as text, 256 B by default', async () => {
    const session = open();
    const { id, base } = (await ok(session, 'mmap', 'mmap')).effect;
    await ok(session, `write #${id} "Hi there"`, 'write');
    const result = await ok(session, `read #${id}`, 'read');
    expect(result.message).not.toMatch(/not resident/);
    expect(result.details).toHaveLength(256 / 16);
    const bytes = dumpedBytes(result.details);
    expect(bytes).toHaveLength(256);
    expect(bytes.slice(0, 8)).toEqual(ascii('Hi there'));
    expect(bytes.slice(8).every((byte) => byte === 0)).toBe(true);
    expect(result.details[0]).toContain('|Hi there........|');
    // An address inside reads from there.
    const inner = await ok(session, `read ${hex(base + 3n)} 4`, 'read');
    expect(dumpedBytes(inner.details)).toEqual(ascii('ther'));
  });

  it('read across pages reads only the resident ones and names the untouched ones', async () => {
    const session = open();
    const { id } = (await ok(session, 'mmap 2', 'mmap')).effect;
    await ok(session, `write p1 0x7a`, 'write');
    const result = await ok(session, `read #${id} ${2 * PAGE}`, 'read');
    const bytes = dumpedBytes(result.details);
    expect(bytes.slice(0, PAGE).every((byte) => byte === 0)).toBe(true);
    expect(bytes.slice(PAGE).every((byte) => byte === 0x7a)).toBe(true);
    expect(result.message).toMatch(/1 page not resident/);
    expect(rawMapping(session, id).residency()).toEqual([false, true]);
  });

  it('madvise dontneed drops resident pages: ours resident falls, the mapping stays, the data reads as zeros', async () => {
    const session = open();
    const { id } = (await ok(session, 'mmap 2', 'mmap')).effect;
    await ok(session, `write #${id} 0x55`, 'write');
    const result = await ok(session, `madvise p0 dontneed`, 'madvise');
    expect(result.effect).toEqual({ kind: 'madvise', id, pages: 1 });
    expect(result.delta!.ours.residentBytes).toBe(-PAGE);
    expect(result.delta!.ours.mappedBytes).toBe(0);
    expect(result.message).toMatch(/1 page advised, 1 left RAM/);
    expect(result.message).toMatch(/still mapped/);
    const mapping = rawMapping(session, id);
    expect(mapping.live).toBe(true);
    expect(mapping.residency()).toEqual([false, true]);
    expect(dumpedBytes((await ok(session, `read p0 16`, 'read')).details)).toEqual(Array(16).fill(0));
    expect(mapping.residency()).toEqual([false, true]);

    const whole = await ok(session, `madvise #${id} dontneed`, 'madvise');
    expect(whole.effect.pages).toBe(1);
    expect(whole.delta!.ours.residentBytes).toBe(-PAGE);
    expect(whole.message).toMatch(/2 pages advised, 1 left RAM/);
    expect(mapping.residency()).toEqual([false, false]);
    expect(screenPages(session).every((page) => !page.resident)).toBe(true);
  });

  it('munmap gives the pages back: bookkeeping, /proc/self/maps and VSZ all shrink by them', async () => {
    const session = open();
    await someAttemptExact(10, async () => {
      const { id, base } = (await ok(session, 'mmap 2', 'mmap')).effect;
      await ok(session, `write #${id} x`, 'write');
      const result = await ok(session, `munmap #${id}`, 'munmap');
      expect(result.effect).toEqual({ kind: 'munmap', id, pages: 2 });
      expect(result.delta!.ours).toEqual({ mappedBytes: -2 * PAGE, residentBytes: -PAGE });
      expect(result.message).toContain(`munmap #${id}`);
      expect(result.message).toContain(`2 pages (${(2 * PAGE) / 1024} KiB) given back, 1 of them resident`);
      expect(session.lab.raw(id) !== undefined).toBe(false);
      // The kernel agrees: no line of /proc/self/maps covers the whole range any more as one of ours.
      expect(liveMappings().some((mapping) => mapping.base === base)).toBe(false);
      return { measured: result.delta!.vszBytes, expected: -2 * PAGE };
    });
    expect(screenPages(session)).toEqual([]);
    expect(screenPages(session)).toEqual([]);
  });

  it('munmap by an address or a page unmaps the whole mapping and says so', async () => {
    const session = open();
    const { id, base } = (await ok(session, 'mmap 3', 'mmap')).effect;
    const result = await ok(session, `munmap ${hex(base + BigInt(PAGE + 10))}`, 'munmap');
    expect(result.effect).toEqual({ kind: 'munmap', id, pages: 3 });
    expect(result.message).toMatch(/the whole mapping/);
    expect(result.delta!.ours.mappedBytes).toBe(-3 * PAGE);
    // Page names are never reused: the next mapping's pages are p3 and p4, though p0..p2 are gone.
    const mapped = await ok(session, 'mmap 2', 'mmap');
    const second = mapped.effect;
    expect(mapped.message).toContain('(p3..p4)');
    await refused(session, 'munmap p1', /there is no page 1 \(the pages are p3\.\.p4\)/);
    const byPage = await ok(session, 'munmap p4', 'munmap');
    expect(byPage.effect.id).toBe(second.id);
    expect(session.lab.rawCount).toBe(0);
  });
});

describe('the allocators: mode, init, alloc, free, cleanup, policy', () => {
  it('mode switches the allocator the heap commands act on, and says whether it is live', async () => {
    const session = open();
    expect(session.lab.part).toBe('a');
    const b = await ok(session, 'part b', 'part');
    expect(b.effect.part).toBe('b');
    expect(session.lab.part).toBe('b');
    expect(b.message).toMatch(/Part B elastic heap/);
    expect(b.message).toMatch(/not initialised yet: type init/);
    await ok(session, 'init', 'init');
    const a = await ok(session, 'part a', 'part');
    expect(a.message).toMatch(/Part A page manager/);
    expect((await ok(session, 'part b', 'part')).message).toMatch(/\blive\b/);
  });

  it('Part A: init maps its one page at once (VSZ +1 page), alloc maps nothing and touches nothing', async () => {
    const session = open();
    await someAttemptExact(10, async () => {
      const init = await ok(session, 'init', 'init');
      expect(init.effect.part).toBe('a');
      expect(init.delta!.ours.mappedBytes).toBe(HEAP_PAGE);
      const page = session.lab.heap('a')!.pages[0]!;
      expect(init.message).toContain(hex(page.base));
      expect(init.message).toMatch(/4096 B/);
      const measured = init.delta!.vszBytes;
      const cleanup = await ok(session, 'cleanup', 'cleanup');
      expect(cleanup.effect).toEqual({ kind: 'cleanup', part: 'a', pagesUnmapped: 1 });
      expect(cleanup.delta!.ours.mappedBytes).toBe(-HEAP_PAGE);
      return { measured, expected: HEAP_PAGE };
    });
    await ok(session, 'init', 'init');
    const base = session.lab.heap('a')!.pages[0]!.base;
    const alloc = await ok(session, 'alloc 512', 'alloc');
    const { chunk, facts } = alloc.effect;
    expect(chunk).toMatchObject({ page: 0, offset: 0, size: 512, free: false, address: base });
    expect(facts).toMatchObject({ split: true, fromFreeBytes: HEAP_PAGE, pageMapped: false });
    expect(alloc.effect.freeBytesBefore).toBe(HEAP_PAGE);
    expect(alloc.delta!.ours).toEqual({ mappedBytes: 0, residentBytes: 0 });
    expect(alloc.message).toContain(`alloc 512 -> #${chunk.id} at ${hex(base)}`);
    expect(alloc.message).toMatch(/offset 0\b/);
    expect(alloc.message).toMatch(/split a 4096 B free chunk/);
    expect(alloc.message).toMatch(/first fit/);
    expect(alloc.message).not.toMatch(/new page/);

    const second = await ok(session, 'alloc 512', 'alloc');
    expect(second.effect.chunk).toMatchObject({ offset: 512, address: base + 512n });
    expect(second.effect.facts.fromFreeBytes).toBe(HEAP_PAGE - 512);
    const rest = await ok(session, 'alloc 3072', 'alloc');
    expect(rest.effect.facts.split).toBe(false);
    expect(rest.message).toMatch(/used a 3072 B free chunk whole/);
    expect(session.lab.heap('a')!.stats()).toMatchObject({ freeBytes: 0, usedChunks: 3 });
    // The page is full: the next request is refused, and says why.
    const full = await refused(session, 'alloc 8', /no free chunk holds 8 B/);
    expect(full.effect).toMatchObject({ kind: 'alloc-refused', part: 'a', size: 8, reason: 'no-fit', freeBytes: 0 });
  });

  it('free merges with no neighbour, the right, the left, and both, and says which', async () => {
    const session = open();
    await ok(session, 'init', 'init');
    // [x 1024][y 1024][z 2048]: freeing x has no free neighbour; then y joins x on its left.
    const x = (await ok(session, 'alloc 1024', 'alloc')).effect.chunk;
    const y = (await ok(session, 'alloc 1024', 'alloc')).effect.chunk;
    const z = (await ok(session, 'alloc 2048', 'alloc')).effect.chunk;
    const none = await ok(session, `free #${x.id}`, 'free');
    expect(none.effect.facts.merged).toBe('none');
    expect(none.effect.chunk).toMatchObject({ id: x.id, size: 1024, address: x.address });
    expect(none.effect.mergedInto).toMatchObject({ size: 1024, free: true, address: x.address });
    expect(none.message).toBe(`free #${x.id} (1024 B at ${hex(x.address)}) - no free neighbour, nothing merged`);
    expect(none.delta!.ours).toEqual({ mappedBytes: 0, residentBytes: 0 });

    const left = await ok(session, `free ${hex(y.address)}`, 'free');
    expect(left.effect.facts.merged).toBe('left');
    expect(left.effect.mergedInto).toMatchObject({ size: 2048, address: x.address });
    expect(left.message).toMatch(/merged with the free chunk on its left into 2048 B free/);

    // [free 2048][z 2048] -> alloc 1024 twice -> [a][b][z]; free z: no right neighbour (page end), b used.
    const a = (await ok(session, 'alloc 1024', 'alloc')).effect.chunk;
    const b = (await ok(session, 'alloc 1024', 'alloc')).effect.chunk;
    expect([a.offset, b.offset]).toEqual([0, 1024]);
    await ok(session, `free #${a.id}`, 'free');
    const right = await ok(session, `free #${z.id}`, 'free');
    expect(right.effect.facts.merged).toBe('none');
    // [free 1024][b][free 2048]: b has free space on both sides.
    const both = await ok(session, `dealloc #${b.id}`, 'free');
    expect(both.effect.facts.merged).toBe('both');
    expect(both.effect.mergedInto).toMatchObject({ size: HEAP_PAGE, offset: 0 });
    expect(both.message).toMatch(/merged with both free neighbours into 4096 B free/);

    // [c 1024][free 3072]: freeing c merges right.
    const c = (await ok(session, 'alloc 1024', 'alloc')).effect.chunk;
    const toRight = await ok(session, `free #${c.id}`, 'free');
    expect(toRight.effect.facts.merged).toBe('right');
    expect(toRight.effect.mergedInto.size).toBe(HEAP_PAGE);
    expect(toRight.message).toMatch(/merged with the free chunk on its right into 4096 B free/);
    expect(session.lab.heap('a')!.stats()).toMatchObject({ freeBytes: HEAP_PAGE, freeChunks: 1, usedChunks: 0 });
    checkHeaps(session);
  });

  it('Part B: init maps nothing; the first alloc maps a page; the fifth page is refused', async () => {
    const session = open();
    await ok(session, 'part b', 'part');
    const init = await ok(session, 'init', 'init');
    expect(init.effect.part).toBe('b');
    expect(init.delta!.ours.mappedBytes).toBe(0);
    expect(init.message).toMatch(/nothing mapped/);
    expect(session.lab.heap('b')!.pagesMapped).toBe(0);

    const first = await ok(session, 'alloc 256', 'alloc');
    expect(first.effect.part).toBe('b');
    expect(first.effect.facts.pageMapped).toBe(true);
    expect(first.effect.freeBytesBefore).toBe(0);
    expect(first.delta!.ours.mappedBytes).toBe(HEAP_PAGE);
    expect(first.message).toMatch(/ - no free chunk fitted, so a new page was mapped \(p0, now 1 page\): split its 4096 B - first fit \(a free-list walk would look at nothing: the free list was empty\)$/);
    // The second fits in the first page: nothing mapped.
    const second = await ok(session, 'alloc 256', 'alloc');
    expect(second.effect.facts.pageMapped).toBe(false);
    expect(second.effect.chunk).toMatchObject({ page: 0, offset: 256 });
    expect(second.delta!.ours.mappedBytes).toBe(0);

    // Three whole pages: each maps one more page, and VSZ moves by the page.
    let exact = 0;
    for (let page = 1; page <= 3; page += 1) {
      const result = await ok(session, 'alloc 4096', 'alloc');
      expect(result.effect.facts.pageMapped).toBe(true);
      expect(result.effect.chunk.page).toBe(page);
      expect(result.delta!.ours.mappedBytes).toBe(HEAP_PAGE);
      expect(result.message).toContain(`now ${page + 1} pages`);
      // Before mapping, a walk looked at the one free chunk there was (3584 B after the two 256 B).
      expect(result.message).toMatch(/ - first fit \(a free-list walk would look at all 1 free chunk, none fitting\)$/);
      if (result.delta!.vszBytes === HEAP_PAGE) exact += 1;
    }
    expect(exact).toBeGreaterThanOrEqual(1);
    expect(session.lab.heap('b')!.pagesMapped).toBe(4);

    const fifth = await refused(session, 'alloc 4096', /all 4 pages are mapped/, /no free chunk holds 4096 B/);
    expect(fifth.effect).toMatchObject({ kind: 'alloc-refused', part: 'b', reason: 'heap-full', size: 4096, freeBytes: HEAP_PAGE - 512 });
    // A small one still fits in the first page.
    expect((await ok(session, 'alloc 512', 'alloc')).effect.facts.pageMapped).toBe(false);

    const cleanup = await ok(session, 'cleanup', 'cleanup');
    expect(cleanup.effect).toEqual({ kind: 'cleanup', part: 'b', pagesUnmapped: 4 });
    expect(cleanup.delta!.ours.mappedBytes).toBe(-4 * HEAP_PAGE);
    expect(cleanup.message).toMatch(/unmapped 4 pages/);
    expect(session.lab.heap('b')).toBeNull();
  });

  it('both allocators live at once, one id space shared with raw mappings', async () => {
    const session = open();
    const raw = (await ok(session, 'mmap', 'mmap')).effect.id;
    await ok(session, 'init', 'init');
    const a = (await ok(session, 'alloc 8', 'alloc')).effect.chunk.id;
    await ok(session, 'part b', 'part');
    await ok(session, 'init', 'init');
    const b = (await ok(session, 'alloc 256', 'alloc')).effect.chunk.id;
    expect(new Set([raw, a, b]).size).toBe(3);
    // free finds a Part A chunk while mode is b.
    const freed = await ok(session, `free #${a}`, 'free');
    expect(freed.effect.part).toBe('a');
    expect(screenPages(session).map((page) => page.owner)).toEqual(['raw', 'a', 'b']);
  });

  it('policy switches placement: first, best, worst and next fit put the same request in different places', async () => {
    const placements = new Map<Policy, number>();
    for (const policy of policies) {
      const session = open();
      await ok(session, 'init', 'init');
      // [h1 1024][s 256][h2 512][s 256][free 2048], then h1 and h2 freed: holes of 1024, 512, 2048.
      const h1 = (await ok(session, 'alloc 1024', 'alloc')).effect.chunk;
      await ok(session, 'alloc 256', 'alloc');
      const h2 = (await ok(session, 'alloc 512', 'alloc')).effect.chunk;
      const last = (await ok(session, 'alloc 256', 'alloc')).effect.chunk;
      await ok(session, `free #${h1.id}`, 'free');
      await ok(session, `free #${h2.id}`, 'free');
      const set = await ok(session, `policy ${policy}`, 'policy');
      expect(set.effect).toEqual({ kind: 'policy', part: 'a', policy });
      expect(set.message).toMatch(new RegExp(`^policy ${policy} for the Part A page manager: ${policy} fit`));
      expect(session.lab.heap('a')!.policy).toBe(policy);
      const shown = await ok(session, 'policy', 'none');
      expect(shown.message).toMatch(new RegExp(`Part A page manager: ${policy} fit`));
      const result = await ok(session, 'alloc 512', 'alloc');
      expect(result.effect.policy).toBe(policy);
      expect(result.message).toContain(`${policy} fit`);
      const holes = { first: h1.offset, best: h2.offset, worst: last.offset + 256, next: last.offset + 256 };
      expect(result.effect.chunk.offset).toBe(holes[policy]);
      placements.set(policy, result.effect.chunk.offset);
      checkHeaps(session);
    }
    expect(new Set(placements.values()).size).toBe(3);
  });

  it('a policy chosen before init is the one init uses, per allocator', async () => {
    const session = open();
    await ok(session, 'policy worst', 'policy');
    await ok(session, 'part b', 'part');
    expect((await ok(session, 'policy', 'none')).message).toMatch(/first fit/);
    await ok(session, 'policy best', 'policy');
    await ok(session, 'init', 'init');
    expect(session.lab.heap('b')!.policy).toBe('best');
    await ok(session, 'part a', 'part');
    await ok(session, 'init', 'init');
    expect(session.lab.heap('a')!.policy).toBe('worst');
    expect(session.lab.policy()).toBe('worst');
  });

  it('write and read a chunk: bytes stay inside the chunk, the neighbour is untouched', async () => {
    const session = open();
    await ok(session, 'init', 'init');
    const a = (await ok(session, 'alloc 8', 'alloc')).effect.chunk;
    const b = (await ok(session, 'alloc 8', 'alloc')).effect.chunk;
    const first = await ok(session, `write #${b.id} BBBB`, 'write');
    expect(first.effect).toEqual({ kind: 'write', id: b.id, bytes: 4, pagesFaulted: 1 });
    expect(first.delta!.ours.residentBytes).toBe(HEAP_PAGE);
    expect(first.message).toContain(hex(b.address));
    const long = await ok(session, `write #${a.id} "hello world"`, 'write');
    expect(long.effect.bytes).toBe(8);
    // The page was resident already: nothing faulted this time.
    expect(long.effect.pagesFaulted).toBe(0);
    expect(long.delta!.ours.residentBytes).toBe(0);
    expect(long.message).toMatch(/cut: 11 B given, 8 B fit/);
    expect(dumpedBytes((await ok(session, `read #${a.id}`, 'read')).details)).toEqual(ascii('hello wo'));
    expect(dumpedBytes((await ok(session, `read #${b.id}`, 'read')).details)).toEqual([...ascii('BBBB'), 0, 0, 0, 0]);
    // An address inside a chunk writes from there, to the chunk's end.
    const inner = await ok(session, `write ${hex(a.address + 6n)} XYZ`, 'write');
    expect(inner.effect.bytes).toBe(2);
    expect(inner.message).toContain(`(in #${a.id})`);
    expect(dumpedBytes((await ok(session, `read ${hex(a.address)} 8`, 'read')).details)).toEqual(ascii('hello XY'));
    expect(dumpedBytes((await ok(session, `read #${b.id} 4`, 'read')).details)).toEqual(ascii('BBBB'));
  });

  it('a chunk on a page never written reads as zeros without making the page resident', async () => {
    const session = open();
    await ok(session, 'part b', 'part');
    await ok(session, 'init', 'init');
    const chunk = (await ok(session, 'alloc 256', 'alloc')).effect.chunk;
    const result = await ok(session, `read #${chunk.id} 32`, 'read');
    expect(dumpedBytes(result.details)).toEqual(Array(32).fill(0));
    expect(result.message).toMatch(/not resident/);
    expect(screenPages(session)[0]!.resident).toBe(false);
  });
});

describe('measuring: stat, ps, maps, mark', () => {
  it('stat: VSZ and RSS from /proc, and exactly which part is ours', async () => {
    const session = open();
    await ok(session, 'mmap 2', 'mmap');
    await ok(session, 'write p0 x', 'write');
    const result = await ok(session, 'stat', 'stat');
    expect(result.message).toMatch(/^VSZ [\d,.]+ KiB, RSS [\d,.]+ KiB; /);
    expect(result.message).toContain(`ours: 2 pages mapped (${(2 * PAGE) / 1024} KiB), 1 resident (${PAGE / 1024} KiB)`);
    expect(result.message).not.toMatch(/since mark/);
    expect(result.details[0]).toMatch(/^\/proc\/self\/stat +vsize \d+ B \(field 23\), rss \d+ pages \(field 24[^)]*\), minor faults \d+/);
    expect(result.details[1]).toMatch(/^\/proc\/self\/status VmSize \d+ kB, VmRSS \d+ kB = RssAnon \d+ \+ RssFile \d+ \+ RssShmem \d+ kB/);
    expect(result.details.some((line) => /the rest of RSS is the runtime/.test(line))).toBe(true);
    // The figure stat printed is this process's VSZ (V8 may map in between: allow it a little room).
    const printed = Number(/vsize (\d+) B/.exec(result.details[0]!)![1]);
    expect(Math.abs(printed - result.vszBytes)).toBeLessThan(64 * 1024 * 1024);
    // The summary line is status's VmSize and VmRSS, read at once: exactly the detail line's figures.
    const printedKiB = Number(/^VSZ ([\d,]+) KiB/.exec(result.message)![1]!.replaceAll(',', ''));
    expect(printedKiB).toBe(Number(/VmSize (\d+) kB/.exec(result.details[1]!)![1]));
    const printedRss = Number(/RSS ([\d,]+) KiB/.exec(result.message)![1]!.replaceAll(',', ''));
    expect(printedRss).toBe(Number(/VmRSS (\d+) kB/.exec(result.details[1]!)![1]));
    // The status line's parts add up to its VmRSS.
    const [, vmRss, anon, file, shmem] = /VmRSS (\d+) kB = RssAnon (\d+) \+ RssFile (\d+) \+ RssShmem (\d+)/.exec(result.details[1]!)!.map(Number);
    expect(anon! + file! + shmem!).toBe(vmRss);
    expect(result.delta!.ours).toEqual({ mappedBytes: 0, residentBytes: 0 });
  });

  it('mark sets the baseline; stat then shows each figure as a change since it', async () => {
    const session = open();
    expect(session.mark).toBeNull();
    const before = readStat().vsizeBytes;
    const mark = await ok(session, 'mark', 'mark');
    expect(mark.message).toMatch(/baseline|changes from here/);
    expect(session.mark).not.toBeNull();
    expect(Math.abs(session.mark!.vszBytes - before)).toBeLessThan(64 * 1024 * 1024);
    expect(session.mark!.ours).toEqual({ mappedBytes: 0, residentBytes: 0 });
    await ok(session, 'mmap', 'mmap');
    const stat = await ok(session, 'stat', 'stat');
    expect(stat.message).toMatch(/VSZ [\d,.]+ KiB \([+-][\d.]+ KiB since mark\), RSS [\d,.]+ KiB \([+-][\d.]+ KiB since mark\)/);
  });

  it('ps runs the real ps on this process and shows what it printed', async () => {
    const session = open();
    const result = await ok(session, 'ps', 'ps');
    expect(result.details[0]).toMatch(/^\$ ps /);
    expect(result.details[0]).toContain(`-p ${process.pid}`);
    const printed = result.details[1]!.trim().split(/\s+/).map(Number);
    expect(printed).toEqual([result.effect.vszKiB, result.effect.rssKiB]);
    expect(result.message).toContain(`VSZ ${result.effect.vszKiB.toLocaleString('en-US')} KiB, RSS ${result.effect.rssKiB.toLocaleString('en-US')} KiB`);
    // ps read the same kernel counters: its VSZ is ours within what V8 may map in a few ms.
    expect(Math.abs(result.effect.vszKiB * 1024 - result.vszBytes)).toBeLessThan(64 * 1024 * 1024);
    expect(result.effect.rssKiB).toBeGreaterThan(0);
  });

  it('maps shows the lines holding our pages, marked, with their owners; maps all shows every line', async () => {
    const session = open();
    const empty = await ok(session, 'maps', 'maps');
    expect(empty.effect.oursShown).toBe(0);
    expect(empty.message).toMatch(/none of them holds a page of ours yet \(try mmap\)/);
    expect(empty.details.filter((line) => line.startsWith('>>'))).toEqual([]);

    const { id, base } = (await ok(session, 'mmap', 'mmap')).effect;
    await ok(session, 'init', 'init');
    const heapBase = session.lab.heap('a')!.pages[0]!.base;
    const result = await ok(session, 'maps', 'maps');
    const marked = result.details.filter((line) => line.startsWith('>>'));
    expect(marked.length).toBe(result.effect.oursShown);
    expect(result.effect.oursShown).toBeGreaterThanOrEqual(1);
    const holding = (address: bigint) => marked.find((line) => {
      const [start, end] = line.slice(3).split(' ')[0]!.split('-').map((text) => BigInt(`0x${text}`));
      return address >= start! && address < end!;
    });
    expect(holding(base)).toMatch(new RegExp(`<- ours: .*#${id}\\b`));
    expect(holding(heapBase)).toMatch(/<- ours: .*Part A 1 page/);
    expect(holding(base)).toMatch(/rw-p/);
    const total = Number(/^\/proc\/self\/maps: (\d+) lines/.exec(result.message)![1]);
    expect(result.details.at(-1)).toMatch(new RegExp(`^\\(${total} lines in all: .*maps all lists every one\\)$`));
    expect(total).toBeGreaterThan(marked.length);

    const all = await ok(session, 'maps all', 'maps');
    const allTotal = Number(/^\/proc\/self\/maps: (\d+) lines/.exec(all.message)![1]);
    expect(all.details).toHaveLength(allTotal);
    expect(all.details.filter((line) => line.startsWith('>>'))).toHaveLength(all.effect.oursShown);
  });
});

describe('help, lesson, run, quit', () => {
  it('help lists every command with its usage, and how targets are written', async () => {
    const session = open();
    const result = await ok(session, 'help', 'none');
    expect(result.message).toMatch(/help <command>/);
    for (const spec of builtinCommands) {
      expect(result.details.some((line) => line.startsWith(usageOf(spec)) && line.includes(spec.summary))).toBe(true);
    }
    expect(result.details).toContain(targetHint);
    expect((await ok(session, '?', 'none')).details).toEqual(result.details);
  });

  it('help <command> explains each command with an example, aliases included', async () => {
    const session = open();
    for (const spec of builtinCommands) {
      const result = await ok(session, `help ${spec.name}`, 'none');
      expect(result.message.startsWith(`${usageOf(spec)}: ${spec.summary}`)).toBe(true);
      expect(result.details).toEqual([spec.detail, `example: ${spec.example}`]);
    }
    expect((await ok(session, 'help dealloc', 'none')).message.startsWith('free <target>')).toBe(true);
  });

  it('lesson lists the lessons, opens one, moves on and back, hides', async () => {
    const session = open();
    const list = await ok(session, 'lesson', 'none');
    expect(list.details).toHaveLength(lessons.length);
    lessons.forEach((lesson, index) => expect(list.details[index]).toContain(`${lesson.number}. ${lesson.title}`));
    const second = await ok(session, 'lesson 2', 'none');
    expect(session.walkthrough.active).toBe(true);
    expect(second.message).toMatch(new RegExp(`^lesson 2: ${lessons[1]!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(session.walkthrough.view().number).toBe(2);
    expect((await ok(session, 'lesson next', 'none')).message).toMatch(/^lesson 3:/);
    expect((await ok(session, 'lesson back', 'none')).message).toMatch(/^lesson 2:/);
    await ok(session, 'lesson hide', 'none');
    expect(session.walkthrough.active).toBe(false);
    expect(session.walkthrough.active).toBe(false);
  });

  it('run test_alloc replays the lab program on a fresh allocator: every check passes, the user state is untouched', async () => {
    const session = open();
    await ok(session, 'mmap', 'mmap');
    await ok(session, 'init', 'init');
    await ok(session, 'alloc 64', 'alloc');
    const before = picture(session);
    const result = await ok(session, 'run test_alloc', 'run');
    expect(result.effect).toEqual({ kind: 'run', program: 'test_alloc', passed: true });
    expect(result.message).toMatch(/every check passed/);
    expect(result.details.some((line) => /FAIL|WRONG|DIFFERENT|NOT all/.test(line))).toBe(false);
    expect(result.details.some((line) => /"Hello, world!" copied and compared: equal/.test(line))).toBe(true);
    expect(result.details.filter((line) => /data ok/.test(line)).length).toBeGreaterThanOrEqual(8);
    expect(result.delta!.ours.mappedBytes).toBe(0);
    expect(picture(session)).toEqual(before);
    checkHeaps(session);
  });

  it('run test_ealloc: four pages, each VSZ line as expected, every check passes', async () => {
    const session = open();
    const result = await ok(session, 'run test_ealloc', 'run');
    expect(result.effect).toEqual({ kind: 'run', program: 'test_ealloc', passed: true });
    expect(result.message).toMatch(/every check passed/);
    const vszLines = result.details.filter((line) => /VSZ .*expected/.test(line));
    expect(vszLines.length).toBe(9);
    expect(vszLines.every((line) => /\bok\b/.test(line))).toBe(true);
    expect(result.details.some((line) => /64 served, data ok/.test(line))).toBe(true);
    expect(result.delta!.ours.mappedBytes).toBe(0);
    expect(session.lab.heap('b')).toBeNull();
  });

  it.each(['quit', 'exit', 'q'])('%s sets quit on its result, and only there', async (line) => {
    const session = open();
    const stat = await ok(session, 'stat', 'stat');
    expect(stat.quit).toBe(false);
    const result = await session.run(line);
    expect(result.ok).toBe(true);
    expect(result.quit).toBe(true);
    expect(result.command).toBe('quit');
    expect(result.message).toMatch(/unmapping everything/);
  });
});

describe('every error path leaves the session as it was, and says what to do', () => {
  /** A session with a raw mapping (written), Part A with two chunks (one written), and Part B with one. */
  async function busy() {
    const session = open();
    const raw = (await ok(session, 'mmap 2', 'mmap')).effect;
    await ok(session, `write #${raw.id} rawdata`, 'write');
    await ok(session, 'init', 'init');
    const a1 = (await ok(session, 'alloc 64', 'alloc')).effect.chunk;
    const a2 = (await ok(session, 'alloc 128', 'alloc')).effect.chunk;
    await ok(session, `write #${a1.id} chunkdata`, 'write');
    await ok(session, 'part b', 'part');
    await ok(session, 'init', 'init');
    const b1 = (await ok(session, 'alloc 512', 'alloc')).effect.chunk;
    await ok(session, 'part a', 'part');
    return { session, raw, a1, a2, b1 };
  }

  it('parse errors become results too: unknown command, bad argument, bad target, unclosed quote, empty line', async () => {
    const { session } = await busy();
    await refused(session, 'mlloc 64', /unknown command "mlloc": did you mean alloc\?/);
    await refused(session, 'alloc', /size is missing/, /usage: alloc <size>/);
    await refused(session, 'write #x hi', /"#x" is not a target/);
    await refused(session, 'free 0xZZ', /"0xZZ" is not a target/);
    await refused(session, 'read p-1', /"p-1" is not a target/);
    await refused(session, 'write #1 "hi', /quote is not closed/);
    await refused(session, '', /empty command/);
    const result = await refused(session, 'mmap 0', /number of pages from 1 to 1,024/);
    expect(result.command).toBeNull();
    expect(result.effect).toEqual({ kind: 'none' });
  });

  it('an unknown id, an address not ours, a page not on screen: named, with what exists', async () => {
    const { session, raw, a1, a2, b1 } = await busy();
    const live = [raw.id, a1.id, a2.id, b1.id].sort((x, y) => x - y).map((id) => `#${id}`).join(', ');
    for (const verb of ['write', 'read', 'munmap', 'madvise']) {
      const suffix = verb === 'madvise' ? ' dontneed' : '';
      await refused(session, `${verb} #999${suffix}`, /#999: no live mapping or chunk has that id/, `live ids: ${live}`);
      await refused(session, `${verb} 0x1000${suffix}`, /0x1000: not inside any page of ours/, `live ids: ${live}`);
      await refused(session, `${verb} p99${suffix}`, /p99: there is no page 99 \(the pages are p0\.\.p3\)/);
    }
    // free names only what it can free: the chunks, not the raw mapping.
    const chunks = [a1.id, a2.id, b1.id].sort((x, y) => x - y).map((id) => `#${id}`).join(', ');
    await refused(session, 'free #999', /free #999: no live chunk has that id/, `live chunks: ${chunks}`);
    await refused(session, 'free 0x1000', /not inside any page of ours/);
    await refused(session, 'free p0', /free takes a chunk, not a page \(p0\): press Tab and pick one in the chunk list/);
    // Just past the end of the raw mapping is not ours either.
    await refused(session, `read ${hex(raw.base + BigInt(2 * PAGE))}`, /not inside any page of ours/);
  });

  it('on a session with nothing mapped, a target error says there is nothing yet', async () => {
    const session = open();
    await refused(session, 'write #1 x', /nothing is mapped or allocated yet/);
    await refused(session, 'read p0', /no page is mapped yet: try mmap/);
  });

  it('a heap page or chunk is refused by the raw-page commands, and the other way round', async () => {
    const { session, raw, a1, b1 } = await busy();
    const heapPage = screenPages(session).find((page) => page.owner === 'a')!.name;
    await refused(session, `write p${heapPage} x`, /belongs to the Part A page manager: write into one of its chunks \(#id\) instead/);
    await refused(session, `read p${heapPage}`, /read a chunk of it \(#id or its address\) instead/);
    await refused(session, `munmap #${a1.id}`, /belongs to the Part A page manager: its pages are given back by cleanup/);
    await refused(session, `munmap ${hex(b1.address)}`, /belongs to the Part B elastic heap/, /cleanup/);
    await refused(session, `munmap p${heapPage}`, /cleanup/);
    await refused(session, `madvise #${a1.id} dontneed`, /would zero the chunks' data; use a raw mapping \(mmap\)/);
    await refused(session, `madvise p${heapPage} dontneed`, /use a raw mapping/);
    await refused(session, `free #${raw.id}`, new RegExp(`#${raw.id} is a raw mapping, not a chunk: munmap #${raw.id} gives it back`));
    await refused(session, `free ${hex(raw.base + 100n)}`, new RegExp(`is in the raw mapping #${raw.id}, not in a heap: munmap #${raw.id}`));
    await refused(session, `write ${hex(a1.address + 200n)} x`, /lies in free space of the Part A page manager, not in a chunk/);
  });

  it('double free and an interior address are named, never freed', async () => {
    const { session, a1, a2 } = await busy();
    // a2 is followed by free space: after its free, its address starts a free chunk.
    await ok(session, `free ${hex(a2.address)}`, 'free');
    await refused(session, `free ${hex(a2.address)}`, /already free \(a double free\)/);
    // By id too: the session remembers the ids it freed.
    await refused(session, `free #${a2.id}`, new RegExp(`free #${a2.id}: that chunk was already freed \\(a double free\\)`));
    await refused(session, `free ${hex(a1.address + 8n)}`, new RegExp(`inside chunk #${a1.id}`), /8 B before/, /free takes the address alloc returned/);
    await refused(session, `free ${hex(a1.address + 1000n)}`, /lies in free space/);
    // a1 merged into the free space on its right; then its address is the start of free space again.
    await ok(session, `free #${a1.id}`, 'free');
    await refused(session, `free ${hex(a1.address)}`, /double free/);
    // A chunk that merged into its left neighbour: its old address is inside free space now.
    const x = (await ok(session, 'alloc 64', 'alloc')).effect.chunk;
    const y = (await ok(session, 'alloc 64', 'alloc')).effect.chunk;
    await ok(session, 'alloc 3968', 'alloc');
    await ok(session, `free #${x.id}`, 'free');
    expect((await ok(session, `free #${y.id}`, 'free')).effect.facts.merged).toBe('left');
    await refused(session, `free ${hex(y.address)}`, /lies in free space \(freed before, or never allocated\)/);
  });

  it('alloc before init, init twice, cleanup when not initialised', async () => {
    const session = open();
    await refused(session, 'alloc 64', /Part A page manager is not initialised: type init/);
    await refused(session, 'cleanup', /Part A page manager is not initialised: nothing to clean up/);
    await ok(session, 'init', 'init');
    await refused(session, 'init', /already initialised: cleanup first/);
    await ok(session, 'part b', 'part');
    await refused(session, 'alloc 256', /Part B elastic heap is not initialised: type init \(or part a/);
    await refused(session, 'cleanup', /Part B elastic heap is not initialised/);
    await ok(session, 'part a', 'part');
    await ok(session, 'cleanup', 'cleanup');
    await refused(session, 'cleanup', /not initialised/);
    await refused(session, 'alloc 8', /not initialised: type init/);
  });

  it.each([
    ['0', /size must be a positive whole number/, 'invalid-size'],
    ['-8', /size must be a positive whole number/, 'invalid-size'],
    ['12', /size must be a multiple of 8 \(try 16\)/, 'not-multiple'],
    ['5000', /larger than a page \(4096 B\)/, 'too-large'],
  ])('alloc %s is refused with the reason and what to try', async (size, pattern, reason) => {
    const { session } = await busy();
    const result = await refused(session, `alloc ${size}`, pattern);
    expect(result.effect).toMatchObject({ kind: 'alloc-refused', part: 'a', size: Number(size), reason });
    await ok(session, 'part b', 'part');
    // Part B: the same mistakes in its units of 256 B.
    const inB = { '0': '0', '-8': '-8', '12': '300', '5000': '5120' }[size]!;
    const b = await refused(session, `alloc ${inB}`, size === '12' ? /multiple of 256 \(try 512\)/ : pattern);
    expect(b.effect).toMatchObject({ kind: 'alloc-refused', part: 'b' });
  });

  it('lesson errors: no such lesson, no lesson before the first', async () => {
    const session = open();
    await refused(session, 'lesson back', /first lesson/);
    await refused(session, `lesson ${lessons.length + 1}`, new RegExp(`there are lessons 1 to ${lessons.length}`));
    await ok(session, `lesson ${lessons.length}`, 'none');
    await refused(session, 'lesson next', /last lesson/);
  });
});

describe('pageView: what the grid draws', () => {
  it('Part A is one page of 512 cells of 8 B, used cells carrying their chunk id', async () => {
    const session = open();
    await ok(session, 'init', 'init');
    const a = (await ok(session, 'alloc 512', 'alloc')).effect.chunk;
    const b = (await ok(session, 'alloc 24', 'alloc')).effect.chunk;
    const pages = screenPages(session);
    expect(session.lab.part).toBe('a');
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    expect(page).toMatchObject({ name: 0, owner: 'a', base: session.lab.heap('a')!.pages[0]!.base, cellBytes: 8, resident: false });
    expect(page.cells).toHaveLength(512);
    expect(page.cells.slice(0, 64).every((cell) => cell.kind === 'used' && cell.id === a.id)).toBe(true);
    expect(page.cells.slice(64, 67).every((cell) => cell.kind === 'used' && cell.id === b.id)).toBe(true);
    expect(page.cells.slice(67).every((cell) => cell.kind === 'free')).toBe(true);
    expect(session.lab.heap()!.chunks().map((chunk) => [chunk.id, chunk.size, chunk.free])).toEqual([[a.id, 512, false], [b.id, 24, false], [expect.any(Number), 4096 - 536, true]]);
    expect(session.lab.heap()!.stats()).toMatchObject({ freeBytes: 4096 - 536, usedChunks: 2, freeChunks: 1 });
    await ok(session, `write #${a.id} x`, 'write');
    expect(screenPages(session)[0]!.resident).toBe(true);
  });

  it('Part B shows 16 cells of 256 B per page, one page per mapped page', async () => {
    const session = open();
    await ok(session, 'part b', 'part');
    await ok(session, 'init', 'init');
    expect(screenPages(session)).toEqual([]);
    const small = (await ok(session, 'alloc 768', 'alloc')).effect.chunk;
    const whole = (await ok(session, 'alloc 4096', 'alloc')).effect.chunk;
    const pages = screenPages(session);
    expect(session.lab.part).toBe('b');
    expect(pages.map((page) => [page.owner, page.cells.length, page.cellBytes])).toEqual([['b', 16, 256], ['b', 16, 256]]);
    const [first, second] = pages as [PageView, PageView];
    expect(first.cells.slice(0, 3).every((cell) => cell.kind === 'used' && cell.id === small.id)).toBe(true);
    expect(first.cells.slice(3).every((cell) => cell.kind === 'free')).toBe(true);
    expect(second.cells.every((cell) => cell.kind === 'used' && cell.id === whole.id)).toBe(true);
    expect(second.base).toBe(session.lab.heap('b')!.pages[1]!.base);
  });

  it('raw pages are 64 blocks, written where a byte is non-zero, untouched elsewhere', async () => {
    const session = open();
    const { base } = (await ok(session, 'mmap 2', 'mmap')).effect;
    const block = PAGE / RAW_BLOCKS;
    await ok(session, `write ${hex(base + BigInt(10 * block + 3))} x`, 'write');
    await ok(session, `write ${hex(base + BigInt(PAGE + 63 * block))} yz`, 'write');
    const [first, second] = screenPages(session);
    expect(first!.cells).toHaveLength(RAW_BLOCKS);
    expect(first!.cellBytes).toBe(block);
    expect(first!.cells.flatMap((cell, index) => (cell.kind === 'written' ? [index] : []))).toEqual([10]);
    expect(second!.cells.flatMap((cell, index) => (cell.kind === 'written' ? [index] : []))).toEqual([63]);
    expect(first!.cells.filter((cell) => cell.kind === 'untouched')).toHaveLength(RAW_BLOCKS - 1);
    expect([first!.resident, second!.resident]).toEqual([true, true]);
    // Writing zeros leaves a block "untouched" in the picture, though the page is resident.
    await ok(session, `write ${hex(base + BigInt(10 * block))} 0x00`, 'write');
    const after = screenPages(session)[0]!;
    expect(after.resident).toBe(true);
    expect(after.cells.every((cell) => cell.kind === 'untouched')).toBe(true);
  });

  it('pages are numbered raw first, then Part A, then Part B, as the p<N> targets resolve', async () => {
    const session = open();
    const raw = (await ok(session, 'mmap 2', 'mmap')).effect;
    await ok(session, 'init', 'init');
    await ok(session, 'part b', 'part');
    await ok(session, 'init', 'init');
    await ok(session, 'alloc 256', 'alloc');
    const pages = screenPages(session);
    expect(pages.map((page) => page.name)).toEqual([0, 1, 2, 3]);
    expect(pages.map((page) => page.owner)).toEqual(['raw', 'raw', 'a', 'b']);
    expect(pages[1]!.title).toContain(`#${raw.id}`);
    expect(pages[2]!.base).toBe(session.lab.heap('a')!.pages[0]!.base);
    expect(pages[3]!.base).toBe(session.lab.heap('b')!.pages[0]!.base);
  });
});

describe('runScript', () => {
  function collect() {
    const chunks: string[] = [];
    return { write: (text: string) => chunks.push(text) > 0, text: () => chunks.join('') };
  }

  it('exit code 0 when every command succeeded; one printed result per command', async () => {
    const session = open();
    const out = collect();
    const summary = await runScript(session, '# a script\nmmap; write #1 hi\nstat', { json: false, output: out });
    expect(summary).toEqual({ commands: 3, failed: 0, ended: 'end', exitCode: 0 });
    const text = out.text();
    expect(text).toContain('> mmap\n');
    expect(text).toContain('> write #1 hi\n');
    expect(text).toMatch(/mmap 1 page -> #1 at 0x[0-9a-f]+/);
    // A measured command carries what the kernel saw.
    expect(text).toMatch(/first touch: 1 page faulted in - VSZ .*; RSS /);
    expect(text).not.toContain('error:');
  });

  it('exit code 1 when one failed, and the others still ran', async () => {
    const session = open();
    const out = collect();
    const summary = await runScript(session, 'mmap\nfree #99\nmlloc 8\nmmap', { json: false, output: out });
    expect(summary).toEqual({ commands: 4, failed: 2, ended: 'end', exitCode: 1 });
    expect(session.lab.rawCount).toBe(2);
    expect(out.text()).toMatch(/error: free #99: /);
    expect(out.text()).toContain('error: unknown command "mlloc"');
  });

  it('quit stops the script: nothing after it runs', async () => {
    const session = open();
    const summary = await runScript(session, 'mmap; quit; mmap; mmap', { json: false, output: collect() });
    expect(summary).toEqual({ commands: 2, failed: 0, ended: 'quit', exitCode: 0 });
    expect(session.lab.rawCount).toBe(1);
  });

  it('--json prints one JSON object per line with command, ok, error, message, effect, vsz, rss, deltas, ours', async () => {
    const session = open();
    const out = collect();
    const summary = await runScript(session, 'mmap\nwrite #1 "a;b"\nfree #1\nstat', { json: true, output: out });
    expect(summary.exitCode).toBe(1);
    const lines = out.text().split('\n');
    expect(lines.at(-1)).toBe('');
    const objects = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects).toHaveLength(4);
    for (const object of objects) {
      expect(Object.keys(object)).toEqual(['command', 'name', 'ok', 'error', 'message', 'details', 'effect', 'vsz', 'rss', 'deltas', 'ours']);
      expect(typeof object.vsz).toBe('number');
      expect(object.vsz as number).toBeGreaterThan(0);
      expect(object.rss as number).toBeGreaterThan(0);
      expect(object.message).toBe(object.ok ? object.message : object.error);
    }
    expect(objects.map((object) => object.command)).toEqual(['mmap', 'write #1 "a;b"', 'free #1', 'stat']);
    expect(objects.map((object) => object.name)).toEqual(['mmap', 'write', 'free', 'stat']);
    expect(objects.map((object) => object.ok)).toEqual([true, true, false, true]);
    expect(objects[0]!.deltas).toMatchObject({ oursMapped: PAGE, oursResident: 0 });
    expect(objects[0]!.effect).toMatchObject({ kind: 'mmap', id: 1, pages: 1, base: expect.stringMatching(/^0x[0-9a-f]+$/) });
    expect(objects[1]!.deltas).toMatchObject({ oursMapped: 0, oursResident: PAGE });
    expect(objects[2]!.error).toMatch(/raw mapping, not a chunk/);
    expect(objects[0]!.error).toBeNull();
    expect(objects[3]!.ours).toEqual({ mapped: PAGE, resident: PAGE });
  });
});
