/**
 * Watching another process through the session (issue 15), on real C programs compiled here with
 * gcc and read through the real /proc: `stat` and every result measure that process, `pages
 * <address>` counts the pages of the mapping holding the address (exactly: 16 of 64 present),
 * commands that would change memory are refused with why, and a process that exits mid-watch
 * is said, never thrown.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { liveMappings } from '../../source/native/index.js';
import { resultToJson, type Result } from '../../source/result/index.js';
import { builtinCommands, Session, watchPid, WatchedProcess } from '../../source/session/index.js';
import { CPrograms } from '../target/helpers/c-programs.js';
import { Started } from '../target/helpers/started.js';
import { waitUntil } from '../target/helpers/wait-until.js';
import { pausedAt, WatchedPrograms } from './helpers/watched-programs.js';
import { processStatus, settledStatus } from './helpers/process-status.js';

const programs = new CPrograms();
const started = new Started();
const watching = new WatchedPrograms();
const sessions: Session[] = [];
let everyFourth: string;
let paused: string;

beforeAll(() => {
  everyFourth = programs.build('every-fourth');
  paused = programs.build('paused');
});
afterEach(async () => {
  for (const session of sessions.splice(0)) session.dispose();
  await started.stopAll();
  await watching.stopAll();
});
afterAll(() => programs.remove());

/** A session measuring `pid`, as `memtui --pid PID` makes it. */
function sessionOn(pid: number): { session: Session; watched: WatchedProcess } {
  const opening = watchPid(pid);
  if (!opening.ok) throw new Error(opening.message);
  const session = new Session({ logLimit: 0 });
  sessions.push(session);
  session.setSubject(opening.watched);
  return { session, watched: opening.watched };
}

/** VmSize and VmRSS of `pid` in bytes, read here straight from /proc/PID/status. */
const PAGE = 4096;

describe('a session watching another process (--pid)', () => {
  it('stat and every result measure that process: its VmSize and VmRSS, to the byte', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const { session } = sessionOn(program.pid);
    const before = await settledStatus(program.pid);
    const stat = await session.run('stat');
    expect(processStatus(program.pid)).toEqual(before);
    expect(stat).toMatchObject({ ok: true, vszBytes: before.vsz, rssBytes: before.rss, measured: { pid: program.pid, label: 'every-fourth', ours: false } });
    expect(stat.effect).toEqual({ kind: 'watch-stat', pid: program.pid, vszBytes: before.vsz, rssBytes: before.rss, sinceMark: null });
    expect(stat.message).toMatch(new RegExp(`^PID ${program.pid} \\(every-fourth\\): VSZ [\\d,]+ KiB, RSS [\\d,]+ KiB; S \\(sleeping\\)$`));
    const json = JSON.parse(resultToJson(stat)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'stat', ok: true, vsz: before.vsz, rss: before.rss, measured: { pid: program.pid, label: 'every-fourth' } });
    // The page counts of the 64-page mapping: every fourth page written, 16 present.
    const pages = await session.run(`pages ${said}`);
    const end = `0x${(BigInt(said) + 64n * BigInt(PAGE)).toString(16)}`;
    expect(pages.effect).toMatchObject({ kind: 'pages', pid: program.pid, address: said, perms: 'rw-p', path: '', region: { start: said, end, pages: 64, present: 16, swapped: 0 } });
    expect(pages.message).toBe(`${said} lies in ${said}-${end} rw-p (anonymous), 64 pages (256 KiB): 16 present, 0 swapped, 48 not present`);
    expect(pages.details[0]).toBe('smaps: RSS 64 KiB of this mapping');
    expect(JSON.parse(resultToJson(pages)).region).toEqual({ start: said, end, pages: 64, present: 16, swapped: 0 });
    // An address inside the mapping names the same mapping.
    const inside = `0x${(BigInt(said) + 5n * BigInt(PAGE) + 17n).toString(16)}`;
    expect((await session.run(`pages ${inside}`)).effect).toMatchObject({ address: inside, region: { start: said, end, present: 16 } });
  });

  it('pages refuses what is not an address, and an address in no mapping, saying which mappings are near', async () => {
    const { program } = await started.ready([everyFourth]);
    const { session } = sessionOn(program.pid);
    expect((await session.run('pages')).error).toMatch(/^pages: the address is missing \(as maps prints it, with 0x in front; or p<N>, a page on screen\)/);
    expect((await session.run('pages 4096')).error).toMatch(/^pages: "4096" is not an address \(write it with 0x in front: 0x4096\)/);
    expect((await session.run('pages hello')).error).toMatch(/^pages: "hello" is not an address/);
    expect((await session.run('pages 0x10 0x20')).error).toMatch(/too many arguments/);
    const unmapped = await session.run('pages 0x10');
    expect(unmapped.error).toMatch(new RegExp(`^0x10 is not inside any mapping of PID ${program.pid} \\(every-fourth\\): the nearest below is none, above 0x[0-9a-f]+-0x[0-9a-f]+ .*every-fourth`));
  });

  it('pages p<N> names a page of the grid: memtui\'s own when it measures itself, refused while watching another process', async () => {
    const own = new Session({ logLimit: 0 });
    sessions.push(own);
    for (const line of ['mmap 3', 'write p1']) expect((await own.run(line)).ok).toBe(true);
    const counted = await own.run('pages p1');
    expect(counted.ok).toBe(true);
    // The 3 pages are one mapping (the kernel may have merged it with a neighbour: at least 3 pages).
    expect(counted.effect).toMatchObject({ kind: 'pages', pid: process.pid });
    const region = (counted.effect as { region: { pages: number; present: number } }).region;
    expect(region.pages).toBeGreaterThanOrEqual(3);
    expect(region.present).toBeGreaterThanOrEqual(1);
    expect((await own.run('pages p7')).error).toMatch(/^p7: there is no page 7 /);
    const { program } = await started.ready([everyFourth]);
    const { session } = sessionOn(program.pid);
    expect((await session.run('pages p0')).error).toBe(`p0 names a page of memtui's own, and this measures PID ${program.pid}: give an address as its maps print it (0x...)`);
  });

  it('after the program writes 4 more pages, pagesOf marks exactly those 4, and keeps them marked while nothing else changes', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const { watched } = sessionOn(program.pid);
    const region = { start: said, end: `0x${(BigInt(said) + 64n * BigInt(PAGE)).toString(16)}`, pages: 64, sizeBytes: 64 * PAGE };
    const first = watched.pagesOf(region, 0);
    expect(first).toMatchObject({ kind: 'pages', changedAt: null, reading: { present: 16, changed: 0 } });
    const since = program.lastSeq;
    program.pressEnter();
    expect(await program.waitForOutput('touched 4 more', { since, timeoutMs: 30_000 })).toMatchObject({ ok: true });
    const second = watched.pagesOf(region, 0);
    if (second.kind !== 'pages') throw new Error(second.kind);
    expect(second.reading).toMatchObject({ present: 20, changed: 4 });
    const marked = (states: Uint8Array) => [...states].flatMap((state, page) => (state & 0x80 ? [page] : []));
    expect(marked(second.reading.states)).toEqual([1, 5, 9, 13]);
    const third = watched.pagesOf(region, 0);
    if (third.kind !== 'pages') throw new Error(third.kind);
    expect(third.changedAt).toBe(second.changedAt);
    expect(third.reading).toMatchObject({ present: 20, changed: 4 });
    expect(marked(third.reading.states)).toEqual([1, 5, 9, 13]);
  });

  it('a mapping larger than 1 GiB is not read page by page: it says so', async () => {
    const { program } = await started.ready([everyFourth]);
    const { watched } = sessionOn(program.pid);
    const huge = watched.pagesOf({ start: '0x7f0000000000', end: '0x7f0040001000', pages: (1 << 18) + 1, sizeBytes: (1 << 30) + PAGE });
    expect(huge).toMatchObject({ kind: 'too-large', pages: (1 << 18) + 1 });
    if (huge.kind === 'too-large') expect(huge.message).toMatch(/^1,048,580 KiB \(262,145 pages\): over 1 GiB, not read page by page each second/);
  });

  it('refuses every command that would change memory, says why, and changes nothing', async () => {
    const { program } = await started.ready([everyFourth]);
    const { session } = sessionOn(program.pid);
    const lines: Record<string, string> = {
      mmap: 'mmap', write: 'write p0 x', munmap: 'munmap p0', madvise: 'madvise p0 dontneed',
      init: 'init', alloc: 'alloc 64', free: 'free #1', cleanup: 'cleanup',
    };
    const changing = builtinCommands.filter((spec) => spec.changesMemory).map((spec) => spec.name);
    expect(changing.sort()).toEqual(Object.keys(lines).sort());
    const before = await settledStatus(program.pid);
    for (const [name, line] of Object.entries(lines)) {
      const result: Result = await session.run(line);
      expect(result.ok, line).toBe(false);
      expect(result.error).toBe(`${name} would change memory, and memtui only watches PID ${program.pid} (every-fourth): it reads its maps, `
        + 'smaps and pagemap, and never maps or writes its memory. To map pages of memtui\'s own, run memtui without --pid');
    }
    // And those about memtui's own memory, whose figures would pass for that process's.
    expect((await session.run('read p0')).error).toBe(`memtui only watches PID ${program.pid} (every-fourth): it never reads that process's memory, `
      + 'only which of its pages are present (pages <address>, or v on a mapping). read hexdumps memtui\'s own pages: run memtui without --pid');
    expect((await session.run('run test_ealloc')).error).toMatch(/^memtui only watches PID \d+ \(every-fourth\): run replays the lab's programs on memtui's own allocators/);
    expect((await session.run('load alloc.c')).error).toMatch(/^memtui only watches PID \d+ \(every-fourth\): load runs your allocator in a process of its own/);
    expect(liveMappings()).toEqual([]);
    expect(session.lab.heap('a')).toBeNull();
    expect(session.lab.heap('b')).toBeNull();
    expect(processStatus(program.pid)).toEqual(before);
    // Reading commands still work, on that process.
    expect((await session.run('ps')).effect).toEqual({ kind: 'ps', vszKiB: before.vsz / 1024, rssKiB: before.rss / 1024 });
  });

  it('maps lists that process\'s mappings with each one\'s RSS from smaps, and marks the one that changed', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const { session } = sessionOn(program.pid);
    const maps = await session.run('maps');
    expect(maps.message).toMatch(new RegExp(`^/proc/${program.pid}/maps: \\d+ lines \\(.*\\), each with its RSS from smaps$`));
    const line = maps.details.find((detail) => detail.includes(`${said.slice(2)}-`))!;
    expect(line).toMatch(/^ {3}[0-9a-f]+-[0-9a-f]+ rw-p +256 KiB {2}RSS +64 KiB {2}anonymous/);
    expect(maps.details.filter((detail) => detail.startsWith('>>'))).toEqual([]);
  });

  it('a process that exits mid-watch: commands say so, nothing throws, the figures stay the last measured', async () => {
    const { program } = await started.ready([paused, '3']);
    const { session, watched } = sessionOn(program.pid);
    const alive = await session.run('stat');
    expect(alive.ok).toBe(true);
    program.pressEnter();
    await waitUntil('the exit to be seen', () => watched.target.sample().ok === false);
    for (const line of ['stat', 'maps', 'pages 0x1000']) {
      const result = await session.run(line);
      expect(result.ok, line).toBe(false);
      expect(result.error).toMatch(new RegExp(`^PID ${program.pid} \\(paused\\) has exited: its memory is gone`));
      expect(result).toMatchObject({ vszBytes: alive.vszBytes, rssBytes: alive.rssBytes });
    }
    expect(watched.regions()).toMatchObject({ ok: false, problem: { kind: 'exited' } });
    expect(session.sample()).toMatchObject({ vszBytes: alive.vszBytes, rssBytes: alive.rssBytes });
  });
});

describe('input: a line for the program memtui started', () => {
  it('sends Enter (or a line) to a program started by watch, and refuses where there is none', async () => {
    const watched = await watching.start([paused, '7']);
    await pausedAt(watched, /^ready /);
    const session = new Session({ logLimit: 0 });
    sessions.push(session);
    expect((await session.run('input')).error).toBe('input goes to a program memtui started: memtui watch -- PROGRAM [ARGS] starts one and shows its output');
    session.setSubject(watched);
    const sent = await session.run('input');
    expect(sent).toMatchObject({ ok: true, message: `Enter sent to ${watched.label}` });
    expect(await watched.program!.exited).toMatchObject({ code: 7, message: 'paused exited with status 7' });
    expect((await session.run('input more')).error).toMatch(/^paused has ended \(paused exited with status 7\): the input was not sent$/);
  });

  it('a process not started by memtui: its input is its own terminal\'s', async () => {
    const { program } = await started.ready([paused]);
    const { session } = sessionOn(program.pid);
    expect((await session.run('input hello')).error).toBe(`PID ${program.pid} (paused) was not started by memtui, so its input is not memtui's to send: type in the terminal it runs in`);
  });
});

describe('watchPid: what cannot be watched, said', () => {
  it('not a PID, no such process, and memtui itself', () => {
    expect(watchPid('abc')).toMatchObject({ ok: false, kind: 'not-a-pid', message: '"abc" is not a PID: a PID is a positive whole number (`ps -u $USER` lists yours)' });
    expect(watchPid(0)).toMatchObject({ ok: false, kind: 'not-a-pid' });
    expect(watchPid(2 ** 22 + 1)).toMatchObject({ ok: false, kind: 'no-such-process' });
    expect(watchPid(process.pid)).toEqual({ ok: false, kind: 'self', message: `PID ${process.pid} is this memtui: run memtui without --pid to see its own pages` });
  });
});
