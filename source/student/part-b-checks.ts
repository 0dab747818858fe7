import type { Check } from './check-types.js';
import { describePolicy, inferPolicy } from './policy-inference.js';
import type { Probe } from './probe.js';
import { shuffled } from './random-stream.js';
import type { StepResult } from './step-result.js';
import { runWorkload } from './workload.js';

// Part B (ealloc.h): at most 4 pages of 4 KiB, mapped one at a time on demand, MINALLOC 256,
// no chunk across pages, no munmap before cleanup (LAB.md).
const PAGE = 4096;
const MAX_PAGES = 4;

const signed = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${bytes} B`;

/** The call must have mapped exactly `pages` new pages and moved VSZ by exactly that much. */
function expectPages(probe: Probe, step: StepResult, pages: number, why: string): void {
  const text = probe.calls[probe.calls.length - 1];
  if (step.pagesMapped.length !== pages || step.vszDelta !== pages * PAGE) {
    probe.fail(`${text} mapped ${step.pagesMapped.length} page(s), VSZ ${signed(step.vszDelta)}; expected ${pages === 0 ? 'no new page, VSZ +0 B' : `${pages} new page(s), VSZ ${signed(pages * PAGE)}`} (${why})`);
  }
}

function expectNoUnmap(probe: Probe, step: StepResult): void {
  if (step.pagesUnmapped.length > 0 || step.vszDelta < 0) {
    probe.fail(`${probe.calls[probe.calls.length - 1]} unmapped ${step.pagesUnmapped.length} page(s), VSZ ${signed(step.vszDelta)}: pages are never given back to the OS before cleanup`);
  }
}

const testEalloc: Check = {
  id: 'test-ealloc',
  part: 'b',
  rule: "the lab's test_ealloc program: VSZ +4 KiB for each of the first four 4 KiB chunks, then no change while the pages are reused",
  async run(probe) {
    await probe.init();
    const rounds: [number, number, string][] = [[4096, 4, 'first'], [256, 64, 'second'], [4096, 4, 'third']];
    for (const [size, count, round] of rounds) {
      const chunks: bigint[] = [];
      for (let index = 0; index < count; index += 1) {
        chunks.push(await probe.allocChunk(size, `${round} round, ${index + 1} of ${count} x ${size} B`));
        const mapsOne = round === 'first';
        expectPages(probe, probe.last!, mapsOne ? 1 : 0, mapsOne ? 'each of the first four 4 KiB chunks needs a page of its own' : 'the four pages already mapped are free again');
      }
      for (const chunk of chunks) {
        await probe.free(chunk);
        expectNoUnmap(probe, probe.last!);
      }
    }
    await probe.cleanup();
    return `${probe.calls.length} calls as in test_ealloc; VSZ +4096 B for each of the first four pages, then unchanged`;
  },
};

const initMapsNothing: Check = {
  id: 'init-maps-nothing',
  part: 'b',
  rule: 'init_alloc maps nothing (VSZ unchanged)',
  async run(probe) {
    const init = await probe.init();
    expectPages(probe, init, 0, 'init_alloc only sets up bookkeeping; pages come on demand');
    return 'init_alloc mapped no page, VSZ +0 B';
  },
};

const pagesOnDemand: Check = {
  id: 'pages-on-demand',
  part: 'b',
  rule: 'a page is mapped only when no free chunk fits, exactly one at a time, VSZ +4096 each',
  async run(probe) {
    await probe.init();
    await probe.allocChunk(256, 'the heap is empty and a page can be mapped');
    expectPages(probe, probe.last!, 1, 'the first alloc needs the first page');
    for (let index = 2; index <= 16; index += 1) {
      await probe.allocChunk(256, `chunk ${index} of 16 x 256 B: they fit in the first page`);
      expectPages(probe, probe.last!, 0, 'the first page still has room');
    }
    await probe.allocChunk(256, 'the first page is full and a second can be mapped');
    expectPages(probe, probe.last!, 1, 'the first page is full');
    return 'first alloc: one page, VSZ +4096 B; 15 more 256 B chunks: no page; the 17th: one more page';
  },
};

const atMostFourPages: Check = {
  id: 'at-most-4-pages',
  part: 'b',
  rule: 'the heap never maps more than 4 pages: a fifth page is refused (alloc returns NULL)',
  async run(probe) {
    await probe.init();
    const start = probe.allocator.measurement.vszBytes;
    for (let index = 1; index <= MAX_PAGES; index += 1) await probe.allocChunk(4096, `${index} of 4 pages`);
    await probe.allocNull(256, 'four pages are full and the heap holds at most four');
    const pages = probe.allocator.layout().pages.length;
    const grown = probe.allocator.measurement.vszBytes - start;
    if (pages > MAX_PAGES || grown > MAX_PAGES * PAGE) probe.fail(`the library has ${pages} pages mapped, VSZ ${signed(grown)} since init; expected at most 4 pages (16384 B)`);
    return `4 x 4096 B in ${pages} pages, VSZ ${signed(grown)}; the next alloc refused`;
  },
};

const noChunkAcrossPages: Check = {
  id: 'no-chunk-across-pages',
  part: 'b',
  rule: 'no chunk crosses a page boundary (pages are not assumed contiguous)',
  async run(probe) {
    await probe.init();
    const across = (address: bigint, size: number): boolean => (address & ~4095n) !== ((address + BigInt(size) - 1n) & ~4095n);
    const sizes = [3072, 2048, 1024, 3840, 512, 2560, 1536];
    for (const size of sizes) {
      const address = await probe.allocChunk(size, 'fewer than 4 pages are in use');
      if (across(address, size)) {
        const page = address & ~4095n;
        probe.fail(`alloc(${size}) returned 0x${address.toString(16)}, offset ${address - page} of its page: its ${size} B runs ${address + BigInt(size) - page - 4096n} B into the next page; a chunk must lie within one page`);
      }
    }
    return `${sizes.length} chunks of 512-3840 B, each within one page`;
  },
};

const reuseBeforeNewPage: Check = {
  id: 'reuse-before-new-page',
  part: 'b',
  rule: 'free space in the pages already mapped is reused before a new page is mapped',
  async run(probe) {
    await probe.init();
    const first = await probe.allocChunk(4096, 'the heap is empty');
    await probe.free(first);
    const again = await probe.allocChunk(4096, 'a whole page is free');
    expectPages(probe, probe.last!, 0, 'the freed 4096 B chunk fits');
    await probe.free(again);
    await probe.allocChunk(256, 'a page is free');
    expectPages(probe, probe.last!, 0, 'a whole page is free');
    await probe.allocChunk(3840, 'the page has 3840 B free');
    expectPages(probe, probe.last!, 0, 'the rest of the page fits 3840 B');
    return 'freed space served 4096 B, then 256 B and 3840 B, without mapping a new page';
  },
};

const noMunmapBeforeCleanup: Check = {
  id: 'no-munmap-before-cleanup',
  part: 'b',
  rule: 'pages are never unmapped while the heap lives (dealloc gives nothing back to the OS)',
  async run(probe) {
    await probe.init();
    const chunks: bigint[] = [];
    for (let index = 0; index < 3; index += 1) chunks.push(await probe.allocChunk(4096, 'fewer than 4 pages are mapped'));
    for (const chunk of chunks) {
      await probe.free(chunk);
      expectNoUnmap(probe, probe.last!);
    }
    const smalls: bigint[] = [];
    for (let index = 0; index < 16; index += 1) smalls.push(await probe.allocChunk(256, 'three pages are free'));
    for (const chunk of smalls) {
      await probe.free(chunk);
      expectNoUnmap(probe, probe.last!);
    }
    return '3 x 4096 B and 16 x 256 B freed: no page unmapped, VSZ unchanged';
  },
};

const splitAndMerge: Check = {
  id: 'split-and-merge',
  part: 'b',
  rule: 'within a page, a freed chunk is split for smaller requests and free neighbours merge back into 4096 B',
  async run(probe) {
    await probe.init();
    const chunks: bigint[] = [];
    for (let index = 0; index < 16; index += 1) chunks.push(await probe.allocChunk(256, 'the first page has room'));
    for (const index of shuffled(16, 14)) await probe.free(chunks[index]!);
    const whole = await probe.allocChunk(4096, '16 x 256 B of one page were freed in a shuffled order and must have merged');
    expectPages(probe, probe.last!, 0, 'the merged first page holds 4096 B');
    await probe.free(whole);
    await probe.allocChunk(1024, 'the first page is free');
    await probe.allocChunk(3072, 'the rest of the split page, 3072 B, is free');
    expectPages(probe, probe.last!, 0, 'the rest of the first page fits 3072 B');
    return '16 x 256 B freed shuffled merged into 4096 B; a free page split into 1024 + 3072 B';
  },
};

const sizesRefused: Check = {
  id: 'sizes-refused',
  part: 'b',
  rule: 'alloc refuses 0, negative sizes, sizes not a multiple of 256, and more than 4096 - without mapping a page',
  async run(probe) {
    await probe.init();
    const sizes: [number, string][] = [
      [0, 'size 0'], [-256, 'a negative size'], [1, 'not a multiple of 256'], [128, 'not a multiple of 256'],
      [255, 'not a multiple of 256'], [300, 'not a multiple of 256'], [4097, 'more than 4096'],
      [4352, 'more than 4096'], [8192, 'more than 4096'],
    ];
    for (const [size, why] of sizes) {
      await probe.allocNull(size, why);
      expectPages(probe, probe.last!, 0, 'a refused request maps nothing');
    }
    await probe.allocChunk(256, 'the heap is empty');
    return `${sizes.length} sizes refused (0, negative, not a multiple of 256, over 4096), no page mapped for them`;
  },
};

const deallocNull: Check = {
  id: 'dealloc-null',
  part: 'b',
  rule: 'dealloc(NULL) changes nothing',
  async run(probe) {
    await probe.init();
    const chunks: bigint[] = [];
    for (let index = 1; index <= MAX_PAGES; index += 1) chunks.push(await probe.allocChunk(4096, `${index} of 4 pages`));
    await probe.free(null);
    await probe.allocNull(256, 'the four pages are full; dealloc(NULL) must free nothing');
    await probe.free(chunks[0]!);
    await probe.allocChunk(4096, 'a 4096 B chunk was freed');
    return 'dealloc(NULL) freed nothing and the heap went on working';
  },
};

const noMetadataInPage: Check = {
  id: 'no-metadata-in-page',
  part: 'b',
  rule: 'no bookkeeping inside the pages: the library never writes into them',
  watch: { watchFreeSpace: true },
  async run(probe) {
    await probe.init();
    const a = await probe.allocChunk(256);
    const b = await probe.allocChunk(512);
    const c = await probe.allocChunk(1024);
    const d = await probe.allocChunk(4096);
    await probe.free(b);
    await probe.free(c);
    const e = await probe.allocChunk(768);
    for (const chunk of [a, d, e]) await probe.free(chunk);
    return `${probe.calls.length} calls; the library wrote no byte into its pages`;
  },
};

const noMalloc: Check = {
  id: 'no-malloc',
  part: 'b',
  rule: 'no library malloc: init_alloc, alloc, dealloc and cleanup never call malloc, calloc or realloc',
  watch: { watchMalloc: true },
  async run(probe) {
    await probe.init();
    const chunks: bigint[] = [];
    for (const size of [256, 4096, 1024, 512]) chunks.push(await probe.allocChunk(size));
    for (const chunk of chunks) await probe.free(chunk);
    await probe.cleanup();
    return `${probe.calls.length} calls, none of them called malloc`;
  },
};

const findsFreeChunk: Check = {
  id: 'finds-free-chunk',
  part: 'b',
  rule: 'in a seeded mix of 200 allocs and frees, every request is served from a free chunk that fits, or from one new page while fewer than 4 are mapped; the placements name the policy',
  async run(probe) {
    await probe.init();
    const placements = await runWorkload(probe, { seed: 14, steps: 200, unit: 256, maxUnits: 12, capacity: MAX_PAGES * PAGE, maxPages: MAX_PAGES });
    probe.policy = inferPolicy(placements, true);
    return describePolicy(probe.policy);
  },
};

export const partBChecks: readonly Check[] = [
  testEalloc, initMapsNothing, pagesOnDemand, atMostFourPages, noChunkAcrossPages, reuseBeforeNewPage,
  noMunmapBeforeCleanup, splitAndMerge, sizesRefused, deallocNull, noMetadataInPage, noMalloc, findsFreeChunk,
];
