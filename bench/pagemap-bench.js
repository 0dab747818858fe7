// Presence of a 1 GiB region of another process (issue 15): a C program maps 1 GiB and writes
// 1 page in 4; memtui reads its /proc/PID/pagemap (8 bytes a page: 2 MiB) and decodes it.
// Rows: the read alone, read + decode with 32-bit words (memtui's decoder), read + decode with a
// BigInt per entry (for comparison), and Target.presence() as the UI calls it (read in 512 KiB
// chunks, decode, mark changed pages, check the PID with stat, smaps at most once a second).
// Then what `memtui --pid` does with it: the grid's fresh reading of the selected mapping (once a
// second), and a frame's view model with that mapping selected and its reading kept.
// `npm run bench` runs it as a section; `node bench/pagemap-bench.js` runs it alone (build first).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PagemapFile, decodePagemap } from '../dist/proc/index.js';
import { launchProgram, openTarget } from '../dist/target/index.js';
import { Session, watchPid } from '../dist/session/index.js';
import { gridFor } from '../dist/ui/view/grid-for.js';
import { LogLines } from '../dist/ui/view/log-view.js';
import { buildScreen } from '../dist/ui/view/screen.js';
import { forceGc, median, printHeading, printNotes, printTable } from './harness.js';

const REGION_BYTES = 1 << 30;
const RUNS = 15;
const WARMUP = 3;

// madvise(MADV_NOHUGEPAGE): with THP "always", a write would bring in a whole 2 MiB page and
// every page would read as present; the bench wants exactly 1 page in 4.
const program = `
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    size_t length = ${REGION_BYTES}UL;
    char *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    madvise(p, length, MADV_NOHUGEPAGE);
    for (size_t offset = 0; offset < length; offset += 4 * page) p[offset] = 1;
    printf("ready %p\\n", (void *)p);
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\\n' && c != EOF) ;
    return 0;
}
`;

/** memtui's way, written out: the flags are in the high 32-bit word of each entry. */
function readDecode32(pid, firstPage, pages, bytes, words, states) {
  const file = PagemapFile.open(pid);
  try {
    if (file.read(firstPage, pages, bytes) !== pages) throw new Error('short pagemap read');
  } finally {
    file.close();
  }
  return decodePagemap(words, pages, states, 0).present;
}

/** The same with one BigInt a page (BigUint64Array reads), pagemap.rst bits 63 and 62. */
function readDecodeBigInt(pid, firstPage, pages, bytes, entries, states) {
  const file = PagemapFile.open(pid);
  try {
    if (file.read(firstPage, pages, bytes) !== pages) throw new Error('short pagemap read');
  } finally {
    file.close();
  }
  let present = 0;
  for (let page = 0; page < pages; page += 1) {
    const entry = entries[page];
    if ((entry >> 63n) & 1n) { states[page] = 1; present += 1; } else if ((entry >> 62n) & 1n) states[page] = 2;
    else states[page] = 0;
  }
  return present;
}

function readOnly(pid, firstPage, pages, bytes) {
  const file = PagemapFile.open(pid);
  try {
    return file.read(firstPage, pages, bytes);
  } finally {
    file.close();
  }
}

/** Median wall time in ms of `run` over RUNS runs after WARMUP; `check` sees each result. */
function time(run, check) {
  const samples = [];
  for (let index = 0; index < WARMUP + RUNS; index += 1) {
    forceGc();
    const start = process.hrtime.bigint();
    const result = run();
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    check(result);
    if (index >= WARMUP) samples.push(elapsed);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

export async function pagemap() {
  printHeading('Presence of a 1 GiB region of another process (pagemap), 1 page in 4 written');
  const folder = mkdtempSync(join(tmpdir(), 'memtui-bench-'));
  let launched;
  try {
    const source = join(folder, 'one-in-four.c');
    writeFileSync(source, program);
    try {
      execFileSync('gcc', ['-O1', '-o', join(folder, 'one-in-four'), source], { stdio: 'pipe' });
    } catch (error) {
      printNotes([`skipped: could not compile the C target with gcc (${error.message.split('\n')[0]})`]);
      return;
    }
    launched = await launchProgram([join(folder, 'one-in-four')]);
    if (!launched.ok) throw new Error(launched.message);
    const ready = await launched.program.waitForOutput(/^ready (0x[0-9a-f]+)$/, { timeoutMs: 60_000 });
    if (!ready.ok) throw new Error(ready.message);
    const opened = openTarget(launched.program.pid);
    if (!opened.ok) throw new Error(opened.problem.message);
    const { target } = opened;

    const start = BigInt(ready.match[1]);
    const pageBytes = target.pageBytes;
    const pages = REGION_BYTES / pageBytes;
    const firstPage = Number(start / BigInt(pageBytes));
    const expected = pages / 4;
    const bytes = new Uint8Array(pages * 8);
    const words = new Uint32Array(bytes.buffer);
    const entries = new BigUint64Array(bytes.buffer);
    const states = new Uint8Array(pages);
    const exact = (present) => {
      if (present !== expected) throw new Error(`read ${present} present pages, expected ${expected}`);
    };
    const pid = launched.program.pid;
    const end = start + BigInt(REGION_BYTES);

    const watching = watchPid(pid);
    if (!watching.ok) throw new Error(watching.message);
    const { watched } = watching;
    const session = new Session();
    session.setSubject(watched);
    const mapping = { start: ready.match[1], end: `0x${end.toString(16)}`, pages, sizeBytes: REGION_BYTES };
    const frameInput = {
      columns: 120, rows: 40, keyMode: 'keys', selectedPage: firstPage, selectedChunk: { id: null, index: 0 }, focus: 'pages',
      logScroll: 0, lessonScroll: 0, helpScroll: 0,
    };
    const logLines = new LogLines();
    const rows = [
      ['pagemap read only (2 MiB, one read)', time(() => readOnly(pid, firstPage, pages, bytes), (read) => { if (read !== pages) throw new Error('short read'); })],
      ['read + decode, 32-bit words (memtui)', time(() => readDecode32(pid, firstPage, pages, bytes, words, states), exact)],
      ['read + decode, a BigInt per entry', time(() => readDecodeBigInt(pid, firstPage, pages, bytes, entries, states), exact)],
      ['Target.presence(start, end), as the UI calls it', time(() => target.presence(start, end), (reading) => {
        if (!reading.ok) throw new Error(reading.problem.message);
        exact(reading.present);
      })],
      ['--pid: the grid\'s fresh reading of the selected mapping (once a second)', time(() => watched.pagesOf(mapping, 0), (reading) => {
        if (reading.kind !== 'pages') throw new Error(reading.kind);
        exact(reading.reading.present);
      })],
      ['--pid: a frame\'s view model at 120x40, that mapping selected (reading kept)', time(() => buildScreen(session, frameInput, logLines, gridFor(session)), (screen) => {
        if (!screen.body.some((line) => line.map((segment) => segment.text).join('').includes('262,144 pages: 65,536 present'))) throw new Error('the mapping is not drawn');
      })],
    ];
    session.dispose();
    printTable(
      [{ title: 'what (262,144 pages, 65,536 present)', align: 'left' }, { title: 'median ms', align: 'right' }, { title: 'min', align: 'right' }, { title: 'max', align: 'right' }],
      rows.map(([what, figures]) => [what, figures.median.toFixed(2), figures.min.toFixed(2), figures.max.toFixed(2)]),
    );
    const ratio = rows[2][1].median / rows[1][1].median;
    printNotes([
      `medians of ${RUNS} runs after ${WARMUP} warm-up runs; aim: under 50 ms (issue 15)`,
      `BigInt per entry / 32-bit words: ${ratio.toFixed(2)}x`,
    ]);
  } finally {
    if (launched?.ok) {
      launched.program.stop('SIGKILL');
      await launched.program.exited;
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await pagemap();
