import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMaps } from '../../source/proc/index.js';
import {
  PAGE_ABSENT, PAGE_PRESENT, type Target, openTarget, pageChanged, pageState,
} from '../../source/target/index.js';
import { CPrograms } from './helpers/c-programs.js';
import { Started } from './helpers/started.js';

const programs = new CPrograms();
const started = new Started();
let everyFourth: string;
let hugePage: string;
let readNotWrite: string;

beforeAll(() => {
  everyFourth = programs.build('every-fourth');
  hugePage = programs.build('huge-page');
  readNotWrite = programs.build('read-not-write');
});
afterEach(() => started.stopAll());
afterAll(() => programs.remove());

function open(pid: number): Target {
  const opened = openTarget(pid);
  if (!opened.ok) throw new Error(opened.problem.message);
  return opened.target;
}

describe('presence of a real process\'s pages, from /proc/PID/pagemap', () => {
  it('64 pages mapped, every fourth written: 16 present, 48 not, none swapped, page by page', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const target = open(program.pid);
    const start = BigInt(said);
    const end = start + 64n * BigInt(target.pageBytes);
    const reading = target.presence(start, end);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading).toMatchObject({ pages: 64, present: 16, swapped: 0, absent: 48, presentShared: 0, changed: 0, seenBefore: false });
    expect(reading.start).toBe(said);
    expect(reading.states).toHaveLength(64);
    for (let page = 0; page < 64; page += 1) {
      expect(pageState(reading.states, page), `page ${page}`).toBe(page % 4 === 0 ? PAGE_PRESENT : PAGE_ABSENT);
    }
    expect(reading.notes).toEqual([]);
  });

  it('marks the pages written since the last reading: 4 changed, then none', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const target = open(program.pid);
    const start = BigInt(said);
    const end = start + 64n * BigInt(target.pageBytes);
    expect(target.presence(start, end)).toMatchObject({ ok: true, present: 16, changed: 0 });
    const since = program.lastSeq;
    program.pressEnter();
    expect(await program.waitForOutput('touched 4 more', { since, timeoutMs: 30_000 })).toMatchObject({ ok: true });
    const after = target.presence(start, end);
    expect(after).toMatchObject({ ok: true, present: 20, changed: 4, seenBefore: true });
    if (!after.ok) return;
    const changed = [...after.states.keys()].filter((page) => pageChanged(after.states, page));
    expect(changed).toEqual([1, 5, 9, 13]);
    for (const page of changed) expect(pageState(after.states, page)).toBe(PAGE_PRESENT);
    // A window over part of the range (pages 8-63: 14 of every fourth, plus 9 and 13) compares
    // with the newest reading that covered it: nothing changed since.
    expect(target.presence(start + 8n * BigInt(target.pageBytes), end)).toMatchObject({ ok: true, pages: 56, present: 16, changed: 0, seenBefore: true });
    expect(target.presence(start, end)).toMatchObject({ ok: true, present: 20, changed: 0 });
  });

  it('regionHolding: the mapping that holds an address, with its pages counted (what `pages <address>` reports)', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const target = open(program.pid);
    const start = BigInt(said);
    const inside = `0x${(start + 4096n * 10n + 123n).toString(16)}`;
    const holding = target.regionHolding(inside);
    expect(holding.ok).toBe(true);
    if (!holding.ok) return;
    const end = `0x${(start + 64n * BigInt(target.pageBytes)).toString(16)}`;
    expect(holding.region).toEqual({ start: said, end, pages: 64, present: 16, swapped: 0 });
    expect(JSON.parse(JSON.stringify(holding.region))).toEqual(holding.region);
    expect(holding).toMatchObject({ address: inside, perms: 'rw-p', path: '', rssBytes: 16 * target.pageBytes, anonHugePagesBytes: 0 });
    // The kernel's own account agrees: maps has that exact line.
    expect(readMaps(program.pid).some((entry) => entry.start === start && entry.end === BigInt(end))).toBe(true);
  });

  it('regions: every mapping with its smaps figures; the 64-page one shows 64 KiB of RSS', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const target = open(program.pid);
    const regions = target.regions();
    expect(regions.ok).toBe(true);
    if (!regions.ok) return;
    const ours = regions.regions.find((region) => region.start === said);
    expect(ours).toMatchObject({ pages: 64, perms: 'rw-p', kind: 'anonymous', rssBytes: 64 * 1024, anonymousBytes: 64 * 1024, swapBytes: 0 });
    expect(regions.regions.some((region) => region.kind === 'code' && region.path === everyFourth)).toBe(true);
    expect(regions.regions.some((region) => region.kind === 'stack')).toBe(true);
  });

  it('refuses bad input with a sentence, not an exception', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const target = open(program.pid);
    expect(target.regionHolding('7f00')).toMatchObject({ ok: false, problem: { kind: 'bad-address', message: expect.stringContaining('0x7f00') } });
    expect(target.regionHolding('0x10')).toMatchObject({ ok: false, problem: { kind: 'unmapped', message: expect.stringMatching(/^0x10 is not inside any mapping of PID \d+ \(every-fourth\): the nearest below is none, above 0x/) } });
    expect(target.presence(said, said)).toMatchObject({ ok: false, problem: { kind: 'bad-address', message: expect.stringContaining('empty range') } });
    expect(target.presence(-1, 10)).toMatchObject({ ok: false, problem: { kind: 'bad-address' } });
    expect(target.presence(0n, 1n << 47n)).toMatchObject({ ok: false, problem: { kind: 'too-large', message: expect.stringContaining('ask for the part on screen') } });
    // Above the user address space (where x86-64 keeps [vsyscall]) pagemap has no entries at all.
    expect(target.presence('0xffffffffff600000', '0xffffffffff601000')).toMatchObject({
      ok: false, problem: { kind: 'unreadable', message: expect.stringMatching(/^pagemap has no entries for 0xffffffffff600000-0xffffffffff601000: it lies above PID \d+'s user address space/) },
    });
    expect(target.sample()).toMatchObject({ ok: true });
  });

  it('a transparent huge page: one byte written, 512 pages present, and the reading says present does not mean touched', async () => {
    // THP is "madvise" or "always" on these machines (/sys/kernel/mm/transparent_hugepage/enabled).
    const { program, said } = await started.ready([hugePage]);
    const target = open(program.pid);
    const start = BigInt(said);
    const reading = target.presence(start, start + (2n << 20n));
    expect(reading).toMatchObject({ ok: true, pages: 512, present: 512, absent: 0, hugePagesBytes: 2 << 20 });
    if (!reading.ok) return;
    expect(reading.notes).toHaveLength(1);
    expect(reading.notes[0]).toMatch(/^the mappings this range lies in hold 2,048 KiB in transparent huge pages \(smaps AnonHugePages\): one touch brings in a whole 2 MiB page, so all its 512 small pages read as present although the program may have touched only one$/);
    const holding = target.regionHolding(said);
    expect(holding).toMatchObject({ ok: true, anonHugePagesBytes: 2 << 20, notes: [reading.notes[0]] });
  });

  it('a page only read maps the shared zero page: present, not exclusively ours, no RSS, and a note says so', async () => {
    const { program, said } = await started.ready([readNotWrite]);
    const target = open(program.pid);
    const start = BigInt(said);
    const reading = target.presence(start, start + 4n * BigInt(target.pageBytes));
    expect(reading).toMatchObject({ ok: true, pages: 4, present: 2, presentShared: 1, absent: 2, hugePagesBytes: 0 });
    if (!reading.ok) return;
    expect([0, 1, 2, 3].map((page) => pageState(reading.states, page))).toEqual([PAGE_PRESENT, PAGE_PRESENT, PAGE_ABSENT, PAGE_ABSENT]);
    expect(reading.notes).toEqual([expect.stringMatching(/^1 of the 2 present pages are not this process's alone: reading a never-written anonymous page maps the kernel's shared zero page/)]);
    // smaps counts only the written page as resident: the zero page is nobody's RSS.
    expect(target.regionHolding(said)).toMatchObject({ ok: true, region: { pages: 4, present: 2, swapped: 0 }, rssBytes: target.pageBytes, presentShared: 1 });
  });
});
