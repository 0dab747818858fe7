/**
 * `memtui grade` end to end: the built binary compiles each fixture with the real gcc and runs
 * every check in real driver processes. Every fixture's every check has the verdict it must get.
 * Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { driverBinaryName } from '../../source/student/driver-build.js';
import { driverSourcePath, labHeadersFolder } from '../../source/student/package-files.js';
import { fixture, lineOf } from './fixtures.js';
import { memtui } from './run-cli.js';

type Verdict = 'pass' | 'fail' | 'crash' | 'timeout';

const partA = ['test-alloc', 'init-maps-one-page', 'all-4096-usable', 'split', 'merge', 'sizes-refused', 'dealloc-null',
  'dealloc-interior', 'double-free', 'alloc-after-cleanup', 'no-metadata-in-page', 'no-malloc', 'finds-free-chunk'];
const partB = ['test-ealloc', 'init-maps-nothing', 'pages-on-demand', 'at-most-4-pages', 'no-chunk-across-pages',
  'reuse-before-new-page', 'no-munmap-before-cleanup', 'split-and-merge', 'sizes-refused', 'dealloc-null',
  'no-metadata-in-page', 'no-malloc', 'finds-free-chunk'];

/** Each fixture's checks that must not pass, with their verdict; every other check must pass. */
const mustNotPass: Record<string, Record<string, Verdict>> = {
  'alloc-correct.c': {},
  'alloc-never-merges.c': { 'test-alloc': 'fail', merge: 'fail', 'finds-free-chunk': 'fail' },
  'alloc-metadata-in-page.c': Object.fromEntries(partA.filter((check) => check !== 'init-maps-one-page' && check !== 'no-malloc').map((check) => [check, 'fail'])),
  'alloc-crash-dealloc-null.c': { 'dealloc-null': 'crash' },
  'alloc-loops-in-cleanup.c': { 'test-alloc': 'timeout', 'init-maps-one-page': 'timeout', 'alloc-after-cleanup': 'timeout', 'no-malloc': 'timeout' },
  'alloc-prints-and-asserts.c': { 'dealloc-null': 'crash' },
  'alloc-recursive-size.c': { 'sizes-refused': 'crash' },
  'alloc-uses-malloc.c': { 'no-malloc': 'fail' },
  'alloc-static-array.c': Object.fromEntries(partA.map((check) => [check, 'fail'])),
  'ealloc-correct.c': {},
  'ealloc-maps-all-at-init.c': { 'test-ealloc': 'fail', 'init-maps-nothing': 'fail', 'pages-on-demand': 'fail' },
  'ealloc-crosses-page.c': { 'no-chunk-across-pages': 'fail' },
};

interface CheckLine { file: string; check: string; verdict: Verdict; detail: string; crash?: Record<string, unknown> }
interface SummaryLine { summary: { file: string; part: string | null; checks: number; pass: number; fail: number; crash: number; timeout: number; policy: { matches: string[] } | null; error: { kind: string; message: string; diagnostics: string[] } | null } }

describe('memtui grade --json on every fixture at once', () => {
  const files = [...Object.keys(mustNotPass), 'alloc-does-not-compile.c', 'alloc-wrong-names.c'].map((name) => `test/fixtures/student/${name}`);
  let run: Awaited<ReturnType<typeof memtui>>;
  let checks: CheckLine[];
  let summaries: SummaryLine['summary'][];

  beforeAll(async () => {
    run = await memtui(['grade', '--json', ...files]);
    const objects = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as CheckLine | SummaryLine);
    checks = objects.filter((object): object is CheckLine => !('summary' in object));
    summaries = objects.filter((object): object is SummaryLine => 'summary' in object).map((object) => object.summary);
  });

  it('exits 2 (one file does not compile), writes nothing to stderr, and one summary per file in order', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(summaries.map((summary) => summary.file)).toEqual(files);
  });

  for (const [name, expected] of Object.entries(mustNotPass)) {
    it(`${name}: every check has its verdict`, () => {
      const checkList = name.startsWith('ealloc') ? partB : partA;
      const seen = checks.filter((line) => line.file.endsWith(`/${name}`));
      expect(seen.map((line) => line.check)).toEqual(checkList);
      const verdicts = Object.fromEntries(seen.map((line) => [line.check, line.verdict]));
      expect(verdicts).toEqual(Object.fromEntries(checkList.map((check) => [check, expected[check] ?? 'pass'])));
      for (const line of seen) expect(Object.keys(line).sort()).toEqual(line.verdict === 'crash' ? ['check', 'crash', 'detail', 'file', 'verdict'] : ['check', 'detail', 'file', 'verdict']);
      const summary = summaries.find((candidate) => candidate.file.endsWith(`/${name}`))!;
      expect(summary).toMatchObject({ part: name.startsWith('ealloc') ? 'b' : 'a', checks: 13, error: null });
      expect(summary.pass).toBe(13 - Object.keys(expected).length);
    });
  }

  it('says on a miss what was expected and what was seen', () => {
    const detail = (name: string, check: string) => checks.find((line) => line.file.endsWith(`/${name}`) && line.check === check)!.detail;
    expect(detail('alloc-never-merges.c', 'merge')).toMatch(/^alloc\(4096\) returned NULL \(4 x 1024 B were freed in the order 1st, 2nd, 3rd, 4th, and must have merged into one 4096 B chunk\); free then: 4096 B at offset 0$/);
    expect(detail('alloc-metadata-in-page.c', 'no-metadata-in-page')).toMatch(/^init_alloc\(\) changed 1 byte at offset 1 of the page, before handing out any chunk: bookkeeping must live outside the page/);
    expect(detail('alloc-metadata-in-page.c', 'all-4096-usable')).toMatch(/^alloc\(4096\) returned NULL \(the page is empty and all 4096 B must be usable\)/);
    expect(detail('ealloc-maps-all-at-init.c', 'init-maps-nothing')).toBe('init_alloc() mapped 4 page(s), VSZ +16384 B; expected no new page, VSZ +0 B (init_alloc only sets up bookkeeping; pages come on demand)');
    expect(detail('ealloc-crosses-page.c', 'no-chunk-across-pages')).toMatch(/^alloc\(2048\) returned 0x[0-9a-f]+, offset 3072 of its page: its 2048 B runs 1024 B into the next page; a chunk must lie within one page$/);
    expect(detail('alloc-static-array.c', 'split')).toMatch(/^alloc\(1024\) returned 0x[0-9a-f]+, in your library's own static or global data, not in a page your code mapped with mmap: memory must come from those pages only$/);
    expect(detail('alloc-uses-malloc.c', 'no-malloc')).toMatch(/^init_alloc\(\) called malloc\/calloc\/realloc 1 time: the lab forbids library malloc/);
    expect(detail('alloc-loops-in-cleanup.c', 'init-maps-one-page')).toMatch(/^cleanup\(\) did not return within 2000 ms \(an endless loop\?\); it was in cleanup \(alloc-loops-in-cleanup\.c:\d+\) when memtui stopped it$/);
    expect(detail('alloc-correct.c', 'finds-free-chunk')).toMatch(/^placement policy: first fit \(every one of \d+ choices where the policies differ\)$/);
  });

  it('explains a crash: signal, fault address, function, source line and the call', () => {
    const crash = checks.find((line) => line.file.endsWith('/alloc-crash-dealloc-null.c') && line.check === 'dealloc-null')!;
    const line = lineOf('alloc-crash-dealloc-null.c', 'if (!chunk->used || page');
    expect(crash.detail).toBe(`SIGSEGV during dealloc(NULL): segmentation fault: no memory is mapped at 0x8 (NULL + 8: a field of a NULL pointer); in dealloc (alloc-crash-dealloc-null.c:${line})`);
    expect(crash.crash).toEqual({ signal: 'SIGSEGV', exitCode: null, faultAddress: '0x8', function: 'dealloc', file: fixture('alloc-crash-dealloc-null.c'), line, operation: 'dealloc(NULL)' });
    const overflow = checks.find((check) => check.file.endsWith('/alloc-recursive-size.c') && check.check === 'sizes-refused')!;
    expect(overflow.detail).toMatch(new RegExp(`^SIGSEGV during alloc\\(-8\\): segmentation fault: no memory is mapped at 0x[0-9a-f]+ \\(just below the stack, which overflowed: an endless recursion\\?\\); in libc\\.so\\.6, called from units \\(alloc-recursive-size\\.c:${lineOf('alloc-recursive-size.c', 'snprintf(trace')}\\), called from units \\(alloc-recursive-size\\.c:${lineOf('alloc-recursive-size.c', 'return units(size - MINALLOC)')}\\) x \\d+$`));
    const abort = checks.find((check) => check.file.endsWith('/alloc-prints-and-asserts.c') && check.check === 'dealloc-null')!;
    expect(abort.detail).toMatch(/^SIGABRT during dealloc\(NULL\): abort\(\) was called.*; in libc\.so\.6, called from dealloc \(alloc-prints-and-asserts\.c:\d+\); it printed: .*Assertion `ptr != NULL' failed\.$/);
  });

  it('names the policy of the correct ones in the summary, and the compiler lines and missing symbols of the others', () => {
    expect(summaries.find((summary) => summary.file.endsWith('/alloc-correct.c'))!.policy!.matches).toEqual(['first']);
    expect(summaries.find((summary) => summary.file.endsWith('/ealloc-correct.c'))!.policy!.matches).toEqual(['first']);
    const broken = summaries.find((summary) => summary.file.endsWith('/alloc-does-not-compile.c'))!;
    expect(broken).toMatchObject({ checks: 0, error: { kind: 'compile', message: 'test/fixtures/student/alloc-does-not-compile.c does not compile: fix the lines gcc names below, then grade it again.' } });
    expect(broken.error!.diagnostics).toEqual([
      "test/fixtures/student/alloc-does-not-compile.c:9:90: error: expected ‘;’ before ‘return’",
      "test/fixtures/student/alloc-does-not-compile.c:15:57: error: ‘pag’ undeclared (first use in this function); did you mean ‘page’?",
      'test/fixtures/student/alloc-does-not-compile.c:15:57: note: each undeclared identifier is reported only once for each function it appears in',
    ]);
    expect(summaries.find((summary) => summary.file.endsWith('/alloc-wrong-names.c'))!.error).toMatchObject({ kind: 'symbols', message: expect.stringMatching(/does not define alloc, dealloc/) });
  });
});

describe('memtui grade, human output and exit statuses', () => {
  it('one line per check: verdict, name, detail; exit 1 when a check did not pass', async () => {
    const { code, stdout, stderr } = await memtui(['grade', 'test/fixtures/student/alloc-crash-dealloc-null.c']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('test/fixtures/student/alloc-crash-dealloc-null.c: Part A (the default; --part b for Part B)');
    expect(lines.slice(1, 14).map((line) => /^ {2}(\S+)\s+(\S+)\s{2}/.exec(line)!.slice(1, 3))).toEqual(partA.map((check) => [check === 'dealloc-null' ? 'CRASH' : 'pass', check]));
    expect(lines[7]).toMatch(/^ {2}CRASH {4}dealloc-null {9}SIGSEGV during dealloc\(NULL\): .* in dealloc \(alloc-crash-dealloc-null\.c:\d+\)$/);
    expect(lines[14]).toBe('  12 passed, 1 crashed of 13; placement policy: first fit');
    expect(lines).toHaveLength(15);
  });

  it('exits 0 when every check of every file passed, with a summary table after several files', async () => {
    const { code, stdout } = await memtui(['grade', 'test/fixtures/student/alloc-correct.c', 'test/fixtures/student/ealloc-correct.c']);
    expect(code).toBe(0);
    expect(stdout).toContain('test/fixtures/student/ealloc-correct.c: Part B (from the file\'s name)\n');
    expect(stdout.match(/^ {2}13 passed of 13; placement policy: first fit$/gm)).toHaveLength(2);
    expect(stdout.trimEnd().split('\n').slice(-3)).toEqual([
      'file                                    part  pass  fail  crash  timeout  result',
      'test/fixtures/student/alloc-correct.c   A       13     0      0        0  all passed',
      'test/fixtures/student/ealloc-correct.c  B       13     0      0        0  all passed',
    ]);
  });

  it('shows the compiler lines with file:line:col and exits 2 for a file that does not compile', async () => {
    const { code, stdout } = await memtui(['grade', 'test/fixtures/student/alloc-does-not-compile.c']);
    expect(code).toBe(2);
    expect(stdout).toBe([
      'test/fixtures/student/alloc-does-not-compile.c does not compile: fix the lines gcc names below, then grade it again.',
      "  test/fixtures/student/alloc-does-not-compile.c:9:90: error: expected ‘;’ before ‘return’",
      "  test/fixtures/student/alloc-does-not-compile.c:15:57: error: ‘pag’ undeclared (first use in this function); did you mean ‘page’?",
      '  test/fixtures/student/alloc-does-not-compile.c:15:57: note: each undeclared identifier is reported only once for each function it appears in',
      '',
    ].join('\n'));
  });

  it('grades a prebuilt .so, and --part overrides the name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'memtui-so-'));
    const library = join(folder, 'alloc.so');
    execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-g', `-I${labHeadersFolder}`, '-o', library, fixture('alloc-correct.c')]);
    const asIs = await memtui(['grade', library]);
    expect(asIs.code).toBe(0);
    expect(asIs.stdout).toMatch(/13 passed of 13/);
    // A Part A library graded as Part B: init maps a page, and 4 KiB chunks do not each get one.
    const asB = await memtui(['grade', '--part', 'b', '--json', library]);
    expect(asB.code).toBe(1);
    const init = asB.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((line) => line.check === 'init-maps-nothing');
    expect(init).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/^init_alloc\(\) mapped 1 page\(s\), VSZ \+4096 B/) });
  });
});

describe('memtui grade, bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['grade', 'no-such-alloc.c'], /^no-such-alloc\.c: no such file \(check the name and the folder you are in\)$/m],
    ['a folder', ['grade', 'test/fixtures/student'], /^test\/fixtures\/student is a folder: give the files in it \(memtui grade test\/fixtures\/student\/\*\.c\)$/m],
    ['a file that is neither .c nor .so', ['grade', 'README.md'], /^README\.md is neither a C file \(\.c\) nor a shared library \(\.so\)/m],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: says so and exits 2`, async () => {
      const { code, stdout } = await memtui(args);
      expect(code).toBe(2);
      expect(stdout).toMatch(message);
    });
  }

  const usage: [string, string[], RegExp][] = [
    ['an unknown flag', ['grade', '--fast', 'alloc.c'], /^memtui grade: Unknown option '--fast'/],
    ['a wrong part', ['grade', '--part', 'c', 'alloc.c'], /^memtui grade: --part takes a or b \(Part A: alloc\.h, Part B: ealloc\.h\), not "c"/],
    ['a wrong timeout', ['grade', '--timeout', 'soon', 'alloc.c'], /^memtui grade: --timeout takes milliseconds from 100 to 600000, not "soon"/],
    ['no file', ['grade'], /^memtui grade: give at least one file to grade \(a \.c or a \.so\)/],
  ];
  for (const [what, args, message] of usage) {
    it(`${what}: a usage error on stderr, exit 2`, async () => {
      const { code, stdout, stderr } = await memtui(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toContain('Usage: memtui grade FILE... [--part a|b] [--json] [--timeout MS]');
    });
  }

  it('a .so without the lab functions: which are missing, exit 2', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'memtui-so-'));
    const library = join(folder, 'wrong.so');
    execFileSync('gcc', ['-shared', '-fPIC', '-o', library, fixture('alloc-wrong-names.c')]);
    const { code, stdout } = await memtui(['grade', library]);
    expect(code).toBe(2);
    expect(stdout).toBe(`${library} does not define alloc, dealloc: a lab library must define init_alloc, alloc, dealloc and cleanup (with the names and types of alloc.h / ealloc.h)\n`);
  });

  it('no gcc on PATH (and no driver built yet): a clear message, exit 2', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'memtui-cache-'));
    const { code, stdout, stderr } = await memtui(['grade', 'test/fixtures/student/alloc-correct.c'], { PATH: '/nonexistent', XDG_CACHE_HOME: cache });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^memtui grade: gcc was not found on PATH\. memtui compiles the student's C file and its own small driver program with gcc\. Install it \(Debian\/Ubuntu: sudo apt-get install gcc/);
  });
});

describe("the driver program's build", () => {
  it('is built on first use into $XDG_CACHE_HOME/memtui, named after its source; older builds are removed', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'memtui-cache-'));
    mkdirSync(join(cache, 'memtui'));
    writeFileSync(join(cache, 'memtui', 'driver-0123456789abcdef'), 'an older build');
    const { code } = await memtui(['grade', 'test/fixtures/student/alloc-correct.c'], { XDG_CACHE_HOME: cache });
    expect(code).toBe(0);
    const name = driverBinaryName(readFileSync(driverSourcePath, 'utf8'));
    expect(readdirSync(join(cache, 'memtui'))).toEqual([name]);
    expect(existsSync(join(cache, 'memtui', name))).toBe(true);
  });
});
