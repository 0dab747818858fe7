import type { Check } from './check-types.js';
import { describePolicy, inferPolicy } from './policy-inference.js';
import type { Probe } from './probe.js';
import { shuffled } from './random-stream.js';
import { runWorkload } from './workload.js';

// Part A (alloc.h): one 4 KiB page, MINALLOC 8, bookkeeping outside the page (LAB.md).
const PAGE = 4096;

async function initialised(probe: Probe): Promise<void> {
  const step = await probe.init();
  if (step.outcome.kind === 'returned' && step.outcome.value !== 0) probe.fail(`init_alloc() returned ${step.outcome.value}; expected 0 (success)`);
}

/** Three chunks that fill the page: 1024 + 1024 + 2048. */
async function fullPage(probe: Probe): Promise<[bigint, bigint, bigint]> {
  const first = await probe.allocChunk(1024, 'the page is empty');
  const second = await probe.allocChunk(1024, 'the page is empty');
  const third = await probe.allocChunk(2048, 'exactly 2048 B are left');
  return [first, second, third];
}

const testAlloc: Check = {
  id: 'test-alloc',
  part: 'a',
  rule: "the lab's test_alloc program: its allocs succeed and every chunk keeps its data",
  async run(probe) {
    await initialised(probe);
    const hello = await probe.allocChunk(512);
    const other = await probe.allocChunk(512);
    await probe.free(hello);
    await probe.free(other);
    const [, second, third] = [
      await probe.allocChunk(1024, '1st of 4 x 1024 into the empty page'),
      await probe.allocChunk(1024, '2nd of 4 x 1024'),
      await probe.allocChunk(1024, '3rd of 4 x 1024'),
      await probe.allocChunk(1024, '4th of 4 x 1024: the page holds exactly four'),
    ];
    await probe.free(third);
    const replacement = await probe.allocChunk(1024, 'the third 1024 B chunk was just freed');
    await probe.free(second);
    const y = await probe.allocChunk(512, 'the second 1024 B chunk was just freed');
    const z = await probe.allocChunk(512, 'half of the freed 1024 B chunk is left');
    await probe.free(y);
    await probe.free(z);
    const merged = await probe.allocChunk(1024, 'the two freed 512 B chunks are neighbours and merge');
    await probe.free(merged);
    await probe.free(replacement);
    await probe.allocChunk(2048, 'the two freed 1024 B chunks are neighbours and merge');
    const end = await probe.cleanup();
    if (end.outcome.kind === 'returned' && end.outcome.value !== 0) probe.fail(`cleanup() returned ${end.outcome.value}; expected 0`);
    return `${probe.calls.length} calls as in test_alloc; every chunk kept its data`;
  },
};

const initMapsOnePage: Check = {
  id: 'init-maps-one-page',
  part: 'a',
  rule: 'init_alloc maps exactly one 4 KiB page (VSZ +4096) and cleanup unmaps it (VSZ back)',
  async run(probe) {
    const init = await probe.init();
    if (init.outcome.kind === 'returned' && init.outcome.value !== 0) probe.fail(`init_alloc() returned ${init.outcome.value}; expected 0`);
    if (init.pagesMapped.length !== 1 || init.vszDelta !== PAGE) {
      probe.fail(`init_alloc() mapped ${init.pagesMapped.length} page(s), VSZ ${init.vszDelta >= 0 ? '+' : ''}${init.vszDelta} B; expected exactly one page, VSZ +4096 B`);
    }
    const page = init.pagesMapped[0]!;
    const end = await probe.cleanup();
    if (end.outcome.kind === 'returned' && end.outcome.value !== 0) probe.fail(`cleanup() returned ${end.outcome.value}; expected 0`);
    if (!end.pagesUnmapped.includes(page) || end.vszDelta !== -PAGE) {
      probe.fail(`cleanup() unmapped ${end.pagesUnmapped.length} page(s), VSZ ${end.vszDelta >= 0 ? '+' : ''}${end.vszDelta} B; expected the page init_alloc mapped to be unmapped, VSZ -4096 B`);
    }
    return 'init_alloc: one page, VSZ +4096 B; cleanup: that page unmapped, VSZ -4096 B';
  },
};

const all4096Usable: Check = {
  id: 'all-4096-usable',
  part: 'a',
  rule: 'all 4096 bytes are usable: alloc(4096) succeeds, and so do 512 allocs of 8 bytes',
  async run(probe) {
    await initialised(probe);
    const whole = await probe.allocChunk(4096, 'the page is empty and all 4096 B must be usable');
    await probe.free(whole);
    for (let count = 1; count <= 512; count += 1) {
      await probe.allocChunk(8, `chunk ${count} of 512 x 8 B: the page holds exactly 512`);
    }
    await probe.allocNull(8, 'the page is full');
    return 'alloc(4096), then 512 x alloc(8) in one page; the 513th refused';
  },
};

const split: Check = {
  id: 'split',
  part: 'a',
  rule: 'a freed chunk serves a smaller request, and the rest of it stays available',
  async run(probe) {
    await initialised(probe);
    const first = await probe.allocChunk(1024, 'the page is empty');
    await probe.allocChunk(3072, 'exactly 3072 B are left');
    await probe.free(first);
    await probe.allocChunk(256, 'the freed 1024 B chunk can be split');
    await probe.allocChunk(768, 'the rest of the split 1024 B chunk (768 B) must stay available');
    await probe.allocNull(8, 'the page is full');
    return 'a freed 1024 B chunk served 256 B, then its remaining 768 B';
  },
};

const merge: Check = {
  id: 'merge',
  part: 'a',
  rule: 'free neighbours merge back into one 4096 B chunk, whatever order they are freed in',
  async run(probe) {
    await initialised(probe);
    const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [0, 2, 1, 3], [2, 0, 3, 1]];
    for (const order of orders) {
      const chunks: bigint[] = [];
      for (let index = 0; index < 4; index += 1) chunks.push(await probe.allocChunk(1024, 'the page is empty'));
      for (const index of order) await probe.free(chunks[index]!);
      const whole = await probe.allocChunk(4096, `4 x 1024 B were freed in the order ${order.map((index) => `${index + 1}${['st', 'nd', 'rd', 'th'][index]}`).join(', ')}, and must have merged into one 4096 B chunk`);
      await probe.free(whole);
    }
    const smalls: bigint[] = [];
    for (let index = 0; index < 512; index += 1) smalls.push(await probe.allocChunk(8, 'the page is empty'));
    for (const index of shuffled(512, 14)) await probe.free(smalls[index]!);
    await probe.allocChunk(4096, '512 x 8 B were freed in a shuffled order and must have merged into one 4096 B chunk');
    return `4 x 1024 B freed in ${orders.length} orders, and 512 x 8 B freed shuffled, each merged back into 4096 B`;
  },
};

const sizesRefused: Check = {
  id: 'sizes-refused',
  part: 'a',
  rule: 'alloc refuses (returns NULL for) 0, negative sizes, sizes not a multiple of 8, and more than 4096',
  async run(probe) {
    await initialised(probe);
    const sizes: [number, string][] = [
      [0, 'size 0'], [-8, 'a negative size'], [-4096, 'a negative size'], [1, 'not a multiple of 8'],
      [7, 'not a multiple of 8'], [12, 'not a multiple of 8'], [4095, 'not a multiple of 8'],
      [4097, 'more than 4096'], [4104, 'more than 4096'], [8192, 'more than 4096'],
    ];
    for (const [size, why] of sizes) await probe.allocNull(size, why);
    await probe.allocChunk(4096, 'the refused requests must not have taken any space');
    return `${sizes.length} sizes refused (0, negative, not a multiple of 8, over 4096); the page still whole after`;
  },
};

const deallocNull: Check = {
  id: 'dealloc-null',
  part: 'a',
  rule: 'dealloc(NULL) changes nothing',
  async run(probe) {
    await initialised(probe);
    const [first] = await fullPage(probe);
    await probe.free(null);
    await probe.allocNull(8, 'the page is full; dealloc(NULL) must free nothing');
    await probe.free(first);
    await probe.allocChunk(1024, 'a 1024 B chunk was freed');
    return 'dealloc(NULL) freed nothing and the allocator went on working';
  },
};

const deallocInterior: Check = {
  id: 'dealloc-interior',
  part: 'a',
  rule: 'dealloc of a pointer inside a chunk (not its start) changes nothing',
  async run(probe) {
    await initialised(probe);
    const [first, second] = await fullPage(probe);
    await probe.free(first + 8n);
    await probe.free(second + 1000n);
    await probe.allocNull(8, 'the page is full; dealloc of an interior pointer must free nothing');
    await probe.free(first);
    await probe.allocChunk(1024, 'a 1024 B chunk was freed');
    return 'dealloc(#1 + 8) and dealloc(#2 + 1000) freed nothing; the chunks stayed intact';
  },
};

const doubleFree: Check = {
  id: 'double-free',
  part: 'a',
  rule: 'freeing a chunk a second time changes nothing',
  async run(probe) {
    await initialised(probe);
    const [first, second, third] = await fullPage(probe);
    await probe.free(first);
    await probe.free(first);
    await probe.allocChunk(1024, 'a 1024 B chunk was freed');
    await probe.allocNull(8, 'the page is full again: the second dealloc must not have freed anything more');
    await probe.free(second);
    await probe.free(third);
    await probe.free(second);
    await probe.allocChunk(2048, 'a 2048 B chunk was freed');
    await probe.allocChunk(1024, 'a 1024 B chunk was freed');
    await probe.allocNull(8, 'the page is full again');
    return 'a second dealloc of the same chunk freed nothing, twice';
  },
};

const allocAfterCleanup: Check = {
  id: 'alloc-after-cleanup',
  part: 'a',
  rule: 'after cleanup, alloc returns NULL; init_alloc then starts over',
  async run(probe) {
    await initialised(probe);
    await probe.allocChunk(512, 'the page is empty');
    await probe.cleanup();
    await probe.allocNull(512, 'cleanup gave the page back; there is nothing to allocate from');
    await initialised(probe);
    await probe.allocChunk(4096, 'a fresh init_alloc gives a whole empty page');
    await probe.cleanup();
    return 'alloc after cleanup returned NULL; a second init_alloc gave a whole page again';
  },
};

const noMetadataInPage: Check = {
  id: 'no-metadata-in-page',
  part: 'a',
  rule: 'no bookkeeping inside the page: the library never writes into it (headers, footers, list nodes)',
  watch: { watchFreeSpace: true },
  async run(probe) {
    await initialised(probe);
    const a = await probe.allocChunk(8);
    const b = await probe.allocChunk(16);
    const c = await probe.allocChunk(512);
    const d = await probe.allocChunk(1024);
    await probe.free(b);
    await probe.free(c);
    const e = await probe.allocChunk(256);
    for (const chunk of [a, d, e]) await probe.free(chunk);
    return `${probe.calls.length} calls; the library wrote no byte into its page`;
  },
};

const noMalloc: Check = {
  id: 'no-malloc',
  part: 'a',
  rule: 'no library malloc: init_alloc, alloc, dealloc and cleanup never call malloc, calloc or realloc',
  watch: { watchMalloc: true },
  async run(probe) {
    await initialised(probe);
    const chunks: bigint[] = [];
    for (const size of [512, 8, 1024, 64, 256]) chunks.push(await probe.allocChunk(size));
    for (const chunk of chunks) await probe.free(chunk);
    await probe.cleanup();
    return `${probe.calls.length} calls, none of them called malloc`;
  },
};

const findsFreeChunk: Check = {
  id: 'finds-free-chunk',
  part: 'a',
  rule: 'in a seeded mix of 300 allocs and frees, every request that fits in a free chunk is served; the placements name the policy',
  async run(probe) {
    await initialised(probe);
    const placements = await runWorkload(probe, { seed: 14, steps: 300, unit: 8, maxUnits: 96, capacity: PAGE, maxPages: 1 });
    probe.policy = inferPolicy(placements);
    return describePolicy(probe.policy);
  },
};

export const partAChecks: readonly Check[] = [
  testAlloc, initMapsOnePage, all4096Usable, split, merge, sizesRefused, deallocNull, deallocInterior,
  doubleFree, allocAfterCleanup, noMetadataInPage, noMalloc, findsFreeChunk,
];
