/**
 * `load FILE` in the session (issue 14): a student's allocator, compiled from the real fixture
 * files with the real gcc, running in a real driver process. Each command is checked on what
 * the user reads (message, details, error) and on what was measured (effect, VSZ/RSS and
 * deltas of the driver process, read from its /proc). The driver allocates nothing after it
 * starts, so its VSZ moves by exactly 4096 per page the student's code maps.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveMappings } from '../../source/native/index.js';
import { readStatus } from '../../source/proc/index.js';
import type { Effect, Result } from '../../source/result/index.js';
import { Session, studentPicture } from '../../source/session/index.js';
import { loadedAllocator } from '../../source/session/student/loaded-allocator.js';
import { waitUntil } from '../target/helpers/wait-until.js';
import { fixture, lineOf } from './fixtures.js';

const sessions: Session[] = [];
function open(): Session {
  const session = new Session();
  sessions.push(session);
  return session;
}
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
  expect(liveMappings()).toEqual([]);
});

type Of<K extends Effect['kind']> = Extract<Effect, { kind: K }>;

async function ok<K extends Effect['kind']>(session: Session, line: string, kind: K): Promise<Result & { effect: Of<K> }> {
  const result = await session.run(line);
  if (!result.ok) throw new Error(`"${line}" failed: ${result.error}\n${result.details.join('\n')}`);
  expect(result.effect.kind).toBe(kind);
  return result as Result & { effect: Of<K> };
}

async function refused(session: Session, line: string, error: RegExp): Promise<Result> {
  const result = await session.run(line);
  expect(result.ok).toBe(false);
  expect(result.error).toMatch(error);
  expect(result.error).not.toMatch(/ stopped: /); // a refusal, not a bug caught by the session
  return result;
}

/** The driver's own VSZ and RSS, read from its /proc/PID/status. */
function driverFigures(pid: number): { vsz: number; rss: number } {
  const status = readStatus(pid);
  return { vsz: status.vmSizeKiB * 1024, rss: status.vmRssKiB * 1024 };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('load on a correct Part A', () => {
  it('measures the driver: load, init (VSZ +4096 exactly), alloc (first touch), free, cleanup, unload', async () => {
    const session = open();
    const loaded = await ok(session, `load ${fixture('alloc-correct.c')}`, 'load');
    const { pid } = loaded.effect;
    expect(loaded.effect.part).toBe('a');
    expect(loaded.message).toMatch(new RegExp(`compiled with gcc; running in its own process, PID ${pid}, as Part A \\(the default`));
    expect(pid).not.toBe(process.pid);
    // The subject is the driver now: the header and every result read its /proc.
    expect(session.subject.pid).toBe(pid);
    expect(session.subject.ownMemory).toBe(false);
    expect(session.subject.label).toBe('alloc-correct.c');
    expect(loaded.delta).toBeNull(); // figures of two processes make no delta
    expect(loaded.vszBytes).toBe(driverFigures(pid).vsz);

    const init = await ok(session, 'init', 'student-init');
    expect(init.effect).toMatchObject({ value: 0, pagesMapped: 1, theirs: { outsideChunks: 0, intoChunks: 0, mallocs: 0 } });
    expect(init.message).toMatch(/^init_alloc\(\) returned 0: your code mapped 1 page: p0 at 0x[0-9a-f]+$/);
    expect(init.delta!.vszBytes).toBe(4096);
    expect(init.delta!.ours).toEqual({ mappedBytes: 4096, residentBytes: 0 }); // demand paging: untouched
    expect(init.vszBytes).toBe(driverFigures(pid).vsz);

    const first = await ok(session, 'alloc 512', 'student-alloc');
    expect(first.effect).toMatchObject({ size: 512, chunkId: 1, page: 0, offset: 0, pagesMapped: 0 });
    expect(first.delta!.vszBytes).toBe(0);
    expect(first.delta!.ours.residentBytes).toBe(4096); // memtui filled the chunk: the page's first touch
    const second = await ok(session, 'alloc 1024', 'student-alloc');
    expect(second.effect).toMatchObject({ chunkId: 2, page: 0, offset: 512 });
    expect(second.message).toMatch(/^alloc\(1024\) -> #2 at 0x[0-9a-f]+ \(p0, offset 512\)$/);

    // What the screen draws: one page, the two chunks, the free rest.
    const picture = studentPicture(session.subject)!;
    expect(picture.pages.map((page) => page.order)).toEqual([0]);
    expect(picture.chunks.map((chunk) => [chunk.id, chunk.offset, chunk.size])).toEqual([[1, 0, 512], [2, 512, 1024]]);
    expect(picture.free.map((gap) => [gap.offset, gap.size])).toEqual([[1536, 2560]]);

    const freed = await ok(session, 'free #1', 'student-free');
    expect(freed.effect).toMatchObject({ chunkId: 1, again: false, pagesUnmapped: 0 });
    expect(freed.message).toBe('dealloc(#1) returned: 512 B at p0+0 are free again');
    expect(freed.details).toContain('free now (pages minus the live chunks): 512 B at p0+0, 2560 B at p0+1536');
    // The same id again is a double free the student may try: their dealloc is called, and it is said.
    const again = await ok(session, 'free #1', 'student-free');
    expect(again.effect).toMatchObject({ chunkId: 1, again: true });
    expect(again.message).toMatch(/#1 was freed already: a double free/);
    // free by address: the address of #2, as the screen shows it.
    const address = second.effect.address!;
    const byAddress = await ok(session, `free 0x${address.toString(16)}`, 'student-free');
    expect(byAddress.effect.chunkId).toBe(2);

    const stat = await ok(session, 'stat', 'stat');
    expect(stat.message).toMatch(new RegExp(`of the process running alloc-correct.c \\(PID ${pid}\\); ours: 1 page your code mapped \\(4 KiB\\), 1 resident`));
    expect(stat.details.join('\n')).toContain(`/proc/${pid}/status`);
    const ps = await ok(session, 'ps', 'ps');
    expect(ps.details[0]).toBe(`$ ps -o vsz=,rss= -p ${pid}`);
    expect(ps.effect.vszKiB * 1024).toBe(driverFigures(pid).vsz);
    const maps = await ok(session, 'maps', 'maps');
    expect(maps.effect.oursShown).toBeGreaterThanOrEqual(1);
    expect(maps.details.some((line) => /^>> .* <- your pages p0$/.test(line))).toBe(true);

    const cleanup = await ok(session, 'cleanup', 'student-cleanup');
    expect(cleanup.effect).toMatchObject({ value: 0, pagesUnmapped: 1 });
    expect(cleanup.delta!.vszBytes).toBe(-4096);
    expect(studentPicture(session.subject)!.pages).toEqual([]);

    const library = loadedAllocator(session.subject)!.allocator.library;
    const unload = await ok(session, 'unload', 'unload');
    expect(unload.message).toMatch(new RegExp(`unload: the process running alloc-correct.c \\(PID ${pid}\\) ended; memtui's own allocators and pages are current again`));
    expect(session.subject.ownMemory).toBe(true);
    expect(session.subject.pid).toBe(process.pid);
    expect(alive(pid)).toBe(false);
    expect(existsSync(dirname(library))).toBe(false); // the temporary build is removed
    await refused(session, 'unload', /^nothing is loaded: load FILE runs your own alloc.c/);
  });

  it('says why commands about memtui\'s own memory are refused, and keeps memtui\'s own pages meanwhile', async () => {
    const session = open();
    await ok(session, 'mmap', 'mmap');
    await ok(session, `load ${fixture('alloc-correct.c')}`, 'load');
    await refused(session, 'mmap', /alloc-correct.c is loaded \(PID \d+\), and the screen measures its process: mmap acts on memtui's own pages.*unload first/);
    await refused(session, 'munmap #1', /munmap acts on memtui's own pages/);
    await refused(session, 'write #1 hello', /its chunks live in its own process.*write works on memtui's own pages: unload first/);
    await refused(session, 'read p0', /read works on memtui's own pages/);
    await refused(session, 'policy best', /it places chunks by its own code, so there is no policy to choose/);
    await refused(session, 'part b', /as Part A: .*For the other part: unload, then load FILE --part b/);
    await refused(session, 'run test_alloc', /run replays the lab's programs on memtui's own allocators, not on yours/);
    // Loading twice: one at a time, and how to reload after an edit.
    await refused(session, `load ${fixture('alloc-correct.c')}`, /alloc-correct.c is loaded already \(PID \d+\): unload first\. To run it from a fresh start after an edit: unload; load /);
    // Nothing of memtui's was touched: the raw page is there after unload.
    await ok(session, 'unload', 'unload');
    expect([...session.lab.rawIds()]).toEqual([1]);
    await ok(session, 'write #1 hello', 'write');
  });

  it('alloc before init, a size the lab refuses, a target that is no chunk: what their code returned, and why', async () => {
    const session = open();
    await ok(session, `load ${fixture('alloc-correct.c')}`, 'load');
    const early = await ok(session, 'alloc 64', 'student-alloc');
    expect(early.effect.address).toBeNull();
    expect(early.message).toBe('alloc(64) returned NULL - init has not been called yet (init calls your init_alloc)');
    await ok(session, 'init', 'student-init');
    const twice = await ok(session, 'init', 'student-init');
    expect(twice.effect.value).toBe(1);
    expect(twice.message).toMatch(/returned 1: your code mapped nothing - not 0: by alloc.h an error \(it was initialised already: cleanup first\?\)/);
    const odd = await ok(session, 'alloc 12', 'student-alloc');
    expect(odd.message).toBe('alloc(12) returned NULL - as the lab asks: 12 is not a positive multiple of 8 up to 4096');
    await refused(session, 'free #7', /^free #7: alloc-correct.c handed out no chunk #7 \(no chunk is allocated\)/);
    await refused(session, 'free p0', /^free takes a chunk \(#<id> from the chunk list\) or an address, not a page \(p0\)/);
    const nothing = await ok(session, 'free 0x0', 'student-free');
    expect(nothing.message).toBe('dealloc(NULL) returned (the lab wants nothing freed)');
    const chunk = await ok(session, 'alloc 64', 'student-alloc');
    const interior = await ok(session, `free 0x${(chunk.effect.address! + 8n).toString(16)}`, 'student-free');
    expect(interior.message).toBe('dealloc(#1 + 8) returned: an interior pointer, which the lab wants to free nothing');
    expect(studentPicture(session.subject)!.chunks.map((live) => live.id)).toEqual([1]);
  });
});

describe('load: bad input is normal input', () => {
  it('a missing file, a file that does not compile, a file that is not C, no file, a wrong --part, two files', async () => {
    const session = open();
    await refused(session, 'load no-such-alloc.c', /^load no-such-alloc.c: no-such-alloc.c: no such file \(check the name and the folder you are in\)/);
    const broken = await refused(session, `load ${fixture('alloc-does-not-compile.c')}`, /it does not compile: fix the lines gcc names below, then load it again$/);
    expect(broken.details.length).toBeGreaterThan(0);
    expect(broken.details[0]).toMatch(/alloc-does-not-compile\.c:\d+:\d+: error: /);
    await refused(session, 'load README.md', /is neither a C file \(\.c\) nor a shared library \(\.so\)/);
    await refused(session, 'load', /the file is missing: your alloc.c or ealloc.c \(or example, memtui's own\) \(usage: load <file> \[--part a\|b\]/);
    await refused(session, 'load alloc.c --part c', /--part takes a or b \(Part A: alloc.h, Part B: ealloc.h\), not "c"/);
    await refused(session, 'load alloc.c --pat b', /"--pat" is not an option: the only one is --part a\|b/);
    await refused(session, 'load one.c two.c', /one file at a time/);
    // Nothing was loaded by any of these: memtui is still the subject.
    expect(session.subject.ownMemory).toBe(true);
  });
});

describe('a crash or a hang of their code', () => {
  it('a segfault in dealloc(NULL) is a failed result with the report; their allocator is gone and memtui\'s own is current', async () => {
    const session = open();
    const name = 'alloc-crash-dealloc-null.c';
    const { effect: { pid } } = await ok(session, `load ${fixture(name)}`, 'load');
    const library = loadedAllocator(session.subject)!.allocator.library;
    await ok(session, 'init', 'student-init');
    await ok(session, 'alloc 64', 'student-alloc');
    const crash = await session.run('free 0x0');
    const line = lineOf(name, 'if (!chunk->used || page');
    expect(crash.ok).toBe(false);
    expect(crash.error).toBe(`dealloc(NULL) crashed with SIGSEGV: segmentation fault: no memory is mapped at 0x8 (NULL + 8: a field of a NULL pointer); in dealloc (${name}:${line}) - the process running it died, not memtui`);
    expect(crash.effect).toEqual({
      kind: 'student-ended', part: 'a', call: 'dealloc(NULL)', how: 'crash', signal: 'SIGSEGV', faultAddress: 8n, function: 'dealloc', file: expect.stringContaining(name), line,
    });
    expect(crash.details[0]).toBe('signal: SIGSEGV; fault address: 0x8; during: dealloc(NULL)');
    expect(crash.details).toContain(`where: in dealloc (${name}:${line})`);
    expect(crash.details.at(-1)).toMatch(new RegExp(`^${name} is unloaded: memtui's own allocators and pages are current again`));
    expect(crash.delta).toBeNull();
    // Back to memtui's own: the subject, the picture, the allocators (init is memtui's Part A again).
    expect(session.subject.ownMemory).toBe(true);
    expect(studentPicture(session.subject)).toBeNull();
    expect(alive(pid)).toBe(false);
    expect(existsSync(dirname(library))).toBe(false);
    await ok(session, 'init', 'init');
  });

  it('an endless loop in cleanup: stopped after the timeout, where it was, and back to memtui\'s own', async () => {
    const session = open();
    const name = 'alloc-loops-in-cleanup.c';
    const { effect: { pid } } = await ok(session, `load ${fixture(name)}`, 'load');
    await ok(session, 'init', 'student-init');
    const hang = await session.run('cleanup');
    expect(hang.ok).toBe(false);
    expect(hang.error).toMatch(new RegExp(`^cleanup\\(\\) did not return within 2000 ms \\(an endless loop\\?\\); it was in cleanup \\(${name}:\\d+\\) when memtui stopped it$`));
    const loopLines = [lineOf(name, 'for (int unit = 0; unit < UNITS;) {'), lineOf(name, 'unit += length[unit]; /* the bug')];
    expect(hang.effect).toMatchObject({ kind: 'student-ended', how: 'timeout', call: 'cleanup()', function: 'cleanup' });
    expect(loopLines).toContain((hang.effect as Of<'student-ended'>).line);
    expect(session.subject.ownMemory).toBe(true);
    await waitUntil('the looping driver to be gone', () => !alive(pid));
  });

  it('a driver killed from outside between two calls: the next call says so, and memtui\'s own allocators come back', async () => {
    const session = open();
    const { effect: { pid } } = await ok(session, `load ${fixture('alloc-correct.c')}`, 'load');
    await ok(session, 'init', 'student-init');
    process.kill(pid, 'SIGKILL');
    await waitUntil('the killed driver to be seen as ended', () => !loadedAllocator(session.subject)!.allocator.running);
    const after = await refused(session, 'stat', new RegExp(`^stat: the process running alloc-correct.c \\(PID ${pid}\\) has ended, not through memtui`));
    expect(after.effect).toMatchObject({ kind: 'student-ended', how: 'gone' });
    expect(session.subject.ownMemory).toBe(true);
    await ok(session, 'stat', 'stat');
  });

  it('disposing the session (quitting memtui) ends the driver and removes the build', async () => {
    const session = open();
    const { effect: { pid } } = await ok(session, `load ${fixture('alloc-correct.c')}`, 'load');
    await ok(session, 'init', 'student-init');
    const library = loadedAllocator(session.subject)!.allocator.library;
    session.dispose();
    expect(existsSync(dirname(library))).toBe(false);
    await waitUntil('the driver to be gone', () => !alive(pid));
  });
});

describe('load on Part B and on the examples', () => {
  it('ealloc: Part B from the name, a page mapped per alloc that needs one (VSZ +4096 each), the fifth refused', async () => {
    const session = open();
    const loaded = await ok(session, `load ${fixture('ealloc-correct.c')}`, 'load');
    expect(loaded.effect.part).toBe('b');
    expect(loaded.message).toMatch(/as Part B \(from the file's name\)/);
    const init = await ok(session, 'init', 'student-init');
    expect(init.effect).toMatchObject({ value: null, pagesMapped: 0 });
    expect(init.delta!.vszBytes).toBe(0);
    for (let page = 0; page < 4; page += 1) {
      const step = await ok(session, 'alloc 4096', 'student-alloc');
      expect(step.effect).toMatchObject({ pagesMapped: 1, page, offset: 0 });
      expect(step.delta!.vszBytes).toBe(4096);
      expect(step.message).toMatch(new RegExp(`your code mapped a new page, p${page}$`));
    }
    const full = await ok(session, 'alloc 256', 'student-alloc');
    expect(full.effect.address).toBeNull();
    expect(full.message).toBe('alloc(256) returned NULL - four pages are mapped and none has 256 B free in one stretch');
    const asA = open();
    expect((await ok(asA, `load ${fixture('ealloc-correct.c')} --part a`, 'load')).effect.part).toBe('a');
  });

  it('example-header breaks a rule: init writes into the page, and alloc(4096) gets NULL on an empty page', async () => {
    const session = open();
    await ok(session, 'load example-header', 'load');
    const init = await ok(session, 'init', 'student-init');
    expect(init.effect.theirs.outsideChunks).toBeGreaterThan(0);
    expect(init.details[0]).toMatch(/^init_alloc\(\) changed \d+ bytes? before handing out any chunk, at p0\+\d+: bookkeeping in the page, which the lab forbids \(the grid marks them !; bytes written with the value they had do not show\)$/);
    expect([...studentPicture(session.subject)!.strayBytes.values()][0]!.includes(1)).toBe(true);
    const whole = await ok(session, 'alloc 4096', 'student-alloc');
    expect(whole.effect.address).toBeNull();
    expect(whole.message).toBe('alloc(4096) returned NULL although no chunk is allocated: all 4096 bytes of the page must be usable (bookkeeping in the page?)');
  });

  it('grade runs the lab\'s checks on the allocator loaded, or on a file, and names the ones not passed', async () => {
    const session = open();
    await refused(session, 'grade', /^grade: which file\? grade alloc.c, or load one first/);
    await ok(session, 'load example', 'load');
    await ok(session, 'init', 'student-init');
    await ok(session, 'alloc 512', 'student-alloc');
    const graded = await ok(session, 'grade', 'grade');
    expect(graded.effect).toMatchObject({ file: 'example', part: 'a', fail: 0, crash: 0, timeout: 0, notPassed: [] });
    expect(graded.effect.pass).toBe(graded.effect.checks);
    expect(graded.message).toBe(`grade example (Part A): all ${graded.effect.checks} checks passed`);
    expect(graded.details.some((line) => /^pass +no-metadata-in-page /.test(line))).toBe(true);
    // The chunk loaded here is untouched: the checks ran in processes of their own.
    expect(studentPicture(session.subject)!.chunks.map((chunk) => chunk.id)).toEqual([1]);
    const partB = await ok(session, 'grade example-b', 'grade');
    expect(partB.effect).toMatchObject({ part: 'b', notPassed: [] });
    expect(partB.effect.pass).toBe(partB.effect.checks);
    const header = await ok(session, 'grade example-header', 'grade');
    expect(header.effect.notPassed).toEqual(expect.arrayContaining(['all-4096-usable', 'no-metadata-in-page']));
    expect(header.details.some((line) => /^FAIL +no-metadata-in-page +init_alloc\(\) changed/.test(line))).toBe(true);
  });
});
