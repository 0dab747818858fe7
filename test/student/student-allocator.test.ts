/**
 * StudentAllocator, the API of the UI's future `load FILE`: real fixture libraries compiled with
 * gcc, run in real driver processes. What each call returned, what the kernel saw (maps, status)
 * and what the driver saw (stray writes, residency, malloc calls).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StudentAllocator, StudentError } from '../../source/student/index.js';
import { fixture, lineOf } from './fixtures.js';

const opened: StudentAllocator[] = [];
async function load(name: string, options: { timeoutMs?: number } = {}): Promise<StudentAllocator> {
  const allocator = await StudentAllocator.load(fixture(name), options);
  opened.push(allocator);
  return allocator;
}
afterEach(async () => {
  for (const allocator of opened.splice(0)) await allocator.close();
});

function returned<T extends { outcome: { kind: string } }>(step: T): Extract<T['outcome'], { kind: 'returned' }> {
  expect(step.outcome.kind).toBe('returned');
  return step.outcome as Extract<T['outcome'], { kind: 'returned' }>;
}

describe('StudentAllocator on a correct Part A', () => {
  it('sees the one page init maps (VSZ +4096, not resident), the first write (RSS +4096), chunks in id order, and the page go at cleanup', async () => {
    const student = await load('alloc-correct.c');
    expect(student.part).toBe('a');
    const vszAtStart = student.measurement.vszBytes;

    const init = await student.init();
    expect(returned(init).value).toBe(0);
    expect(init.pagesMapped).toHaveLength(1);
    expect(init.vszDelta).toBe(4096);
    expect(init.rssDelta).toBe(0); // demand paging: nothing touched the page yet
    const page = init.pagesMapped[0]!;
    expect(init.layout.pages).toEqual([{ base: page, resident: false, order: 0 }]);

    const first = await student.alloc(512);
    expect(returned(first).address).toBe(page);
    expect(returned(first).chunk).toEqual({ id: 1, address: page, size: 512, page, offset: 0 });
    expect(first.rssDelta).toBe(4096); // the driver filled the chunk: the page's first touch
    expect(first.vszDelta).toBe(0);
    expect(first.layout.pages[0]!.resident).toBe(true);

    const second = await student.alloc(1024);
    expect(returned(second).chunk).toMatchObject({ id: 2, offset: 512, size: 1024 });
    const refused = await student.alloc(12);
    expect(returned(refused).address).toBeNull();

    const freed = await student.free(page);
    expect(freed.operation).toEqual({ kind: 'free', address: page, chunkId: 1 });
    expect(freed.layout.chunks.map((chunk) => chunk.id)).toEqual([2]);
    expect(freed.strayWrites).toEqual([]);

    const end = await student.cleanup();
    expect(returned(end).value).toBe(0);
    expect(end.pagesUnmapped).toEqual([page]);
    expect(end.vszDelta).toBe(-4096);
    expect(end.layout).toEqual({ pages: [], chunks: [] });
    expect(student.measurement.vszBytes).toBe(vszAtStart);
  });
});

describe('StudentAllocator on a correct Part B', () => {
  it('moves the driver VSZ by exactly 4096 per page mapped on demand, and numbers pages in mapping order', async () => {
    const student = await load('ealloc-correct.c');
    expect(student.part).toBe('b');
    const init = await student.init();
    expect(returned(init).value).toBeNull(); // Part B's init_alloc is void
    expect(init.pagesMapped).toEqual([]);
    expect(init.vszDelta).toBe(0);
    const bases: bigint[] = [];
    for (let index = 0; index < 4; index += 1) {
      const step = await student.alloc(4096);
      expect(step.pagesMapped).toHaveLength(1);
      expect(step.vszDelta).toBe(4096);
      expect(step.rssDelta).toBe(4096);
      expect(returned(step).chunk).toMatchObject({ id: index + 1, address: step.pagesMapped[0], offset: 0 });
      bases.push(step.pagesMapped[0]!);
    }
    const full = await student.alloc(256);
    expect(returned(full).address).toBeNull();
    expect(full.vszDelta).toBe(0);
    const layout = student.layout();
    expect(layout.pages.map((page) => page.base)).toEqual(bases);
    expect(layout.pages.map((page) => page.order)).toEqual([0, 1, 2, 3]);
    expect(layout.pages.every((page) => page.resident === true)).toBe(true);
  });
});

describe('StudentAllocator when the library misbehaves', () => {
  it('reports a segfault as a value: signal, fault address, function and source line; the process is gone', async () => {
    const student = await load('alloc-crash-dealloc-null.c');
    await student.init();
    await student.alloc(512);
    const crash = await student.free(null);
    expect(crash.outcome.kind).toBe('crashed');
    if (crash.outcome.kind !== 'crashed') return;
    expect(crash.outcome.crash).toMatchObject({ signal: 'SIGSEGV', faultAddress: 8n, exitCode: null });
    expect(crash.outcome.crash.cause).toMatch(/no memory is mapped at 0x8 \(NULL \+ 8/);
    expect(crash.outcome.crash.stack[0]).toMatchObject({
      inLibrary: true, function: 'dealloc', line: lineOf('alloc-crash-dealloc-null.c', 'if (!chunk->used || page'),
    });
    expect(crash.outcome.crash.stack[0]!.file).toMatch(/alloc-crash-dealloc-null\.c$/);
    expect(student.running).toBe(false);
    const after = await student.alloc(8);
    expect(after.outcome).toEqual({ kind: 'not-running', message: expect.stringMatching(/has ended \(it crashed with SIGSEGV\)/) });
  });

  it('reports an abort with what the library printed (stdout and stderr), its printf not disturbing the calls', async () => {
    const student = await load('alloc-prints-and-asserts.c');
    await student.init();
    for (const size of [8, 16, 24]) expect(returned(await student.alloc(size)).address).not.toBeNull();
    const crash = await student.free(null);
    if (crash.outcome.kind !== 'crashed') throw new Error(`expected a crash, got ${crash.outcome.kind}`);
    expect(crash.outcome.crash.signal).toBe('SIGABRT');
    expect(crash.outcome.crash.faultAddress).toBeNull();
    expect(crash.outcome.crash.output).toContain('alloc(24)\n');
    expect(crash.outcome.crash.output).toMatch(/memtui-driver: .*alloc-prints-and-asserts\.c:\d+: dealloc: Assertion `ptr != NULL' failed/);
    expect(crash.outcome.crash.stack.find((place) => place.inLibrary)).toMatchObject({ function: 'dealloc', line: lineOf('alloc-prints-and-asserts.c', 'assert(ptr != NULL)') });
  });

  it('stops a call that never returns after the timeout and says where it was looping', async () => {
    const student = await load('alloc-loops-in-cleanup.c', { timeoutMs: 300 });
    await student.init();
    const hang = await student.cleanup();
    if (hang.outcome.kind !== 'timed-out') throw new Error(`expected a timeout, got ${hang.outcome.kind}`);
    expect(hang.outcome.hang.timeoutMs).toBe(300);
    expect(hang.outcome.hang.stack[0]).toMatchObject({ inLibrary: true, function: 'cleanup' });
    const loopLines = [lineOf('alloc-loops-in-cleanup.c', 'for (int unit = 0; unit < UNITS;) {'), lineOf('alloc-loops-in-cleanup.c', 'unit += length[unit]; /* the bug')];
    expect(loopLines[0]! <= hang.outcome.hang.stack[0]!.line! && hang.outcome.hang.stack[0]!.line! <= loopLines[1]!).toBe(true);
    expect(student.running).toBe(false);
    expect(() => process.kill(student.pid, 0)).toThrow(/ESRCH/);
  });

  it('sees bookkeeping written into the page: where, and during which call', async () => {
    const student = await load('alloc-metadata-in-page.c');
    const init = await student.init();
    const page = init.pagesMapped[0]!;
    // struct header { int size = 4096; int used = 0; } at offset 0: 4096 is 00 10 00 00, one byte not zero.
    expect(init.strayWrites).toEqual([{ address: page + 1n, length: 1, region: 'free-space', chunkId: null, offsetInChunk: null, page, offsetInPage: 1 }]);
    const chunk = await student.alloc(512);
    expect(returned(chunk).address).toBe(page + 8n);
    // The rest's header after the 8 + 512 B block: size 3576 = f8 0d 00 00 at offset 520; the first header's size, 520 = 08 02.
    expect(chunk.strayWrites.map((write) => [write.offsetInPage, write.length, write.region])).toEqual([[0, 2, 'free-space'], [4, 1, 'free-space'], [520, 2, 'free-space']]);
    // dealloc merges the block with the free rest (size 520 -> 4096: 00 10) and clears `used` (offset 4).
    const freed = await student.free(page + 8n);
    expect(freed.strayWrites.map((write) => [write.offsetInPage, write.length, write.region])).toEqual([[0, 2, 'free-space'], [4, 1, 'free-space']]);
  });

  it('never fills a chunk outside the pages the library mapped, and says where it is', async () => {
    const student = await load('alloc-static-array.c');
    expect((await student.init()).pagesMapped).toEqual([]);
    const step = await student.alloc(512);
    expect(returned(step).address).not.toBeNull();
    expect(returned(step).chunk).toBeNull();
    expect(step.chunkProblem).toEqual({ kind: 'outside-pages', byte: 'first', address: returned(step).address, where: "in your library's own static or global data" });
    expect(step.layout.chunks).toEqual([]);
  });

  it('counts the malloc calls of the library, and only those', async () => {
    const student = await load('alloc-uses-malloc.c');
    expect((await student.init()).libraryMallocs).toBe(1);
    expect((await student.alloc(512)).libraryMallocs).toBe(1); // the node for the rest of the page
    expect((await student.alloc(3584)).libraryMallocs).toBe(0); // fits the rest exactly: no split
    const correct = await load('alloc-correct.c');
    expect((await correct.init()).libraryMallocs).toBe(0);
  });
});

describe('StudentAllocator.load refusals', () => {
  it('a file that does not compile: the compiler lines with file:line:col', async () => {
    const error = await StudentAllocator.load(fixture('alloc-does-not-compile.c')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StudentError);
    expect((error as StudentError).kind).toBe('compile');
    expect((error as StudentError).diagnostics).toEqual(expect.arrayContaining([
      expect.stringMatching(/alloc-does-not-compile\.c:9:90: error: expected ‘;’ before ‘return’/),
      expect.stringMatching(/alloc-does-not-compile\.c:15:57: error: ‘pag’ undeclared/),
    ]));
  });

  it('a library without the lab functions: which are missing, named by the file given', async () => {
    const error = await StudentAllocator.load(fixture('alloc-wrong-names.c')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'symbols', message: expect.stringMatching(/alloc-wrong-names\.c does not define alloc, dealloc: a lab library must define/) });
  });
});
