// The native layer against C (issue 13): mmap of one page + its first write + munmap, in a loop.
// The C loop is built here with gcc when gcc is there (the same syscalls, no runtime around
// them); memtui's goes through dist/native (Mapping.map, write, unmap: the bookkeeping of live
// mappings included), and a raw koffi loop shows what the binding alone costs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import { Mapping } from '../dist/native/index.js';
import { cpuNow, median, ns, printHeading, printNotes, printTable, ratio } from './harness.js';

const PER_BATCH = 2_000;
const BATCHES = 15;
const ROUNDS = 3;

// CLOCK_PROCESS_CPUTIME_ID: the same CPU time (user + system) the JS side reads with process.cpuUsage().
const C_SOURCE = `
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
int main(int argc, char **argv) {
  int perBatch = atoi(argv[1]), batches = atoi(argv[2]);
  for (int batch = 0; batch < batches; batch++) {
    double start = cpu();
    for (int i = 0; i < perBatch; i++) {
      volatile char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (page == MAP_FAILED) return 1;
      page[0] = 1;
      if (munmap((void *) page, 4096) != 0) return 1;
    }
    printf("%.1f\\n", (cpu() - start) / perBatch);
  }
  return 0;
}
`;

/** Builds the C loop; null when gcc is not there (or fails). */
function buildC() {
  const dir = mkdtempSync(join(tmpdir(), 'memtui-bench-'));
  try {
    writeFileSync(join(dir, 'loop.c'), C_SOURCE);
    execFileSync('gcc', ['-O2', '-o', join(dir, 'loop'), join(dir, 'loop.c')], { stdio: 'ignore' });
    return { run: () => execFileSync(join(dir, 'loop'), [String(PER_BATCH), String(BATCHES)], { encoding: 'utf8' }).trim().split('\n').map(Number), dir };
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

function batches(iteration) {
  const samples = [];
  for (let batch = 0; batch < BATCHES + 2; batch += 1) {
    const start = cpuNow();
    for (let index = 0; index < PER_BATCH; index += 1) iteration();
    samples.push((cpuNow() - start) / PER_BATCH);
  }
  return samples.slice(2);
}

export function native() {
  printHeading('Native layer: mmap of one 4 KiB page + its first write + munmap, against C');
  const c = buildC();
  const libc = koffi.load('libc.so.6');
  const mmap = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)');
  const munmap = libc.func('int munmap(void *addr, size_t length)');
  const one = new Uint8Array([1]);
  const memtui = () => {
    const mapping = Mapping.map();
    mapping.write(0, one);
    mapping.unmap();
  };
  const raw = () => {
    const page = mmap(null, 4096, 0x3, 0x22, -1, 0);
    koffi.encode(page, 'uint8_t', 1);
    munmap(page, 4096);
  };
  const samples = { c: [], memtui: [], raw: [] };
  // Rounds interleaved, so that a busy moment of the machine falls on every row alike.
  for (let round = 0; round < ROUNDS; round += 1) {
    if (c) samples.c.push(...c.run());
    samples.memtui.push(...batches(memtui));
    samples.raw.push(...batches(raw));
  }
  if (c) rmSync(c.dir, { recursive: true, force: true });
  const cMedian = c ? median(samples.c) : Number.NaN;
  const rows = [
    ['C loop (gcc -O2)', c ? ns(cMedian) : 'no gcc', c ? '1.00x' : '', ''],
    ['memtui: Mapping.map, write 1 byte, unmap', ns(median(samples.memtui)), ratio(median(samples.memtui) / cMedian), c ? (median(samples.memtui) / cMedian <= 1.2 ? 'met' : 'missed') : 'no C to compare'],
    ['raw koffi: mmap, koffi.encode, munmap', ns(median(samples.raw)), ratio(median(samples.raw) / cMedian), ''],
  ];
  printTable([{ title: 'loop', align: 'left' }, { title: 'CPU ns per page' }, { title: 'vs C' }, { title: 'aim <=1.2x', align: 'left' }], rows);
  printNotes([
    `CPU time per iteration, median of ${ROUNDS} x ${BATCHES} batches of ${PER_BATCH.toLocaleString('en-US')} (C: clock_gettime(CLOCK_PROCESS_CPUTIME_ID),`,
    'JS: process.cpuUsage()); most of it is the kernel\'s (the page fault of the first write, zeroing the page, the',
    'two syscalls). memtui\'s write goes through koffi.encode when the mapping has no view yet (a view costs ~1 us).',
  ]);
}
