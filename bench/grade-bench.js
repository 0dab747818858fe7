// `memtui grade` (issue 14): how long grading takes, end to end through the built binary as a
// student or teacher runs it (Node start, gcc, one driver process per check), and what one call
// into a student's library costs through StudentAllocator. Section `grade` for `npm run bench`;
// runs on its own too: `npm run build && node bench/grade-bench.js`.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudentAllocator } from '../dist/student/index.js';
import { median, printHeading, printNotes, printTable } from './harness.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../test/fixtures/student/', import.meta.url));

/** A class's worth of submissions: mostly working, some with the usual mistakes (no hang). */
const classroom = [
  ['alloc-correct.c', 6], ['alloc-never-merges.c', 3], ['alloc-metadata-in-page.c', 2], ['alloc-crash-dealloc-null.c', 2],
  ['alloc-uses-malloc.c', 1], ['ealloc-correct.c', 4], ['ealloc-maps-all-at-init.c', 1], ['ealloc-crosses-page.c', 1],
];

function timeGrade(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    execFile(process.execPath, [cli, 'grade', ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

async function medianOf(runs, action) {
  const times = [];
  for (let run = 0; run < runs; run += 1) times.push(await action());
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs };
}

/** µs per call through StudentAllocator (request, answer, maps and status of the driver). */
async function callCost() {
  const student = await StudentAllocator.load(join(fixtures, 'alloc-correct.c'));
  await student.init();
  for (let warm = 0; warm < 100; warm += 1) await student.free((await student.alloc(64)).outcome.address);
  const pairs = 1000;
  const started = process.hrtime.bigint();
  for (let pair = 0; pair < pairs; pair += 1) await student.free((await student.alloc(64)).outcome.address);
  const perCall = Number(process.hrtime.bigint() - started) / 1e3 / (pairs * 2);
  const { vszBytes, rssBytes } = student.measurement;
  await student.close();
  return { perCall, vszBytes, rssBytes };
}

export async function grade() {
  printHeading('memtui grade: a student\'s C allocator, graded in driver processes (issue 14)');
  const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
  const row = (what, command, timing) => [what, command, ms(timing.median), `${ms(timing.min)} - ${ms(timing.max)}`, String(timing.runs)];

  const freshCache = mkdtempSync(join(tmpdir(), 'memtui-bench-cache-'));
  const firstUse = await timeGrade([join(fixtures, 'alloc-correct.c')], { XDG_CACHE_HOME: freshCache });
  rmSync(freshCache, { recursive: true, force: true });
  const one = await medianOf(5, () => timeGrade([join(fixtures, 'alloc-correct.c')]));
  const oneB = await medianOf(5, () => timeGrade([join(fixtures, 'ealloc-correct.c')]));
  const hang = await medianOf(1, () => timeGrade([join(fixtures, 'alloc-loops-in-cleanup.c')]));

  const folder = mkdtempSync(join(tmpdir(), 'memtui-bench-class-'));
  const files = [];
  for (const [name, copies] of classroom) {
    for (let copy = 0; copy < copies; copy += 1) {
      const file = join(folder, `student-${String(files.length + 1).padStart(2, '0')}-${name.startsWith('ealloc') ? 'ealloc' : 'alloc'}.c`);
      copyFileSync(join(fixtures, name), file);
      files.push(file);
    }
  }
  const twenty = await medianOf(3, () => timeGrade(files));
  rmSync(folder, { recursive: true, force: true });
  const calls = await callCost();

  printTable(
    [{ title: 'what', align: 'left' }, { title: 'command', align: 'left' }, { title: 'median' }, { title: 'min - max' }, { title: 'runs' }],
    [
      row('one Part A file, first use (builds the driver)', 'grade alloc-correct.c (empty cache)', { median: firstUse, min: firstUse, max: firstUse, runs: 1 }),
      row('one Part A file (13 checks)', 'grade alloc-correct.c', one),
      row('one Part B file (13 checks)', 'grade ealloc-correct.c', oneB),
      row('one file that loops (4 checks time out)', 'grade alloc-loops-in-cleanup.c', hang),
      row('a folder of 20 submissions', 'grade class/*.c (20 files)', twenty),
    ],
  );
  printTable(
    [{ title: 'one call through StudentAllocator', align: 'left' }, { title: 'measured' }],
    [
      ['alloc or dealloc, its status read after it (and its maps when it called mmap/munmap or VSZ moved)', `${calls.perCall.toFixed(0)} us`],
      ['the driver process: VSZ / RSS with one page mapped', `${(calls.vszBytes / 1024).toLocaleString('en-US')} / ${(calls.rssBytes / 1024).toLocaleString('en-US')} KiB`],
    ],
  );
  printNotes([
    'each time is the whole command: Node start, gcc on each .c, one driver process per check, checks on all cores',
    `the folder: ${classroom.map(([name, copies]) => `${copies} x ${name}`).join(', ')}`,
    'a call that never returns costs its timeout (--timeout, 2000 ms by default) before it is stopped',
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await grade();
