// The allocator sections of `npm run bench`: Part A (one 4 KiB page, every policy, the baseline
// and @thi.ng/malloc), Part B scaled (ElasticHeap of 16, 1,024 and 65,536 real pages, and the
// baseline scaled the same way), and bookkeeping bytes. Each section prints its own table.
import { MemPool } from '@thi.ng/malloc';
import { ElasticHeap, PageAllocator, policies } from '../dist/heap/index.js';
import { Mapping } from '../dist/native/index.js';
import { FirstFitList } from './baseline-first-fit.js';
import {
  bytes, forceGc, heapUsedAfterGc, int, memoryAfterGc, makeDriver, median, ns, percent, prefill, printHeading, printNotes, printTable,
  randomWords, ratio, thinTo, timeBatches,
} from './harness.js';

const RANDOM_WORDS = 1 << 20;
const BATCHES = 15;

// ---------------------------------------------------------------------------------------------
// Adapters: alloc(size) -> handle | null, free(handle), usedBytes(), close()

function heapAdapter(heap) {
  return {
    alloc(size) {
      const result = heap.alloc(size);
      return result.ok ? result.address : null;
    },
    free(address) {
      heap.free(address);
    },
    usedBytes: () => heap.stats().usedBytes,
    capacityBytes: () => heap.pagesMapped * heap.pageBytes,
    close: () => heap.destroy(),
  };
}

function listAdapter(list) {
  return {
    alloc: (size) => list.alloc(size),
    free(address) {
      list.free(address);
    },
    usedBytes: () => list.layout().reduce((sum, chunk) => sum + (chunk.free ? 0 : chunk.size), 0),
    capacityBytes: () => list.pages * list.pageBytes,
    close() {},
  };
}

const POOL_HEADER_BYTES = 8;
function poolAdapter(pool, dataBytes) {
  return {
    alloc(size) {
      const address = pool.malloc(size);
      return address === 0 ? null : address;
    },
    free(address) {
      pool.free(address);
    },
    // Its blocks carry an 8 B header in the buffer; count only the bytes asked for.
    usedBytes: () => {
      const { used } = pool.stats();
      return used.size - POOL_HEADER_BYTES * used.count;
    },
    capacityBytes: () => dataBytes,
    close() {},
  };
}

/** Runs the steady-state workload on `adapter` from its current live set; returns the timing. */
function timeSteadyState(adapter, live, words, cursor, timing) {
  // Start every measurement from a collected heap: garbage left by an earlier section must not
  // be collected inside this one's batches.
  forceGc();
  const target = live.length;
  const driver = makeDriver();
  const occupancy = [];
  const afterBatch = adapter.usedBytes ? () => occupancy.push(adapter.usedBytes() / adapter.capacityBytes()) : undefined;
  const result = timeBatches((ops) => driver(adapter, live, target, ops, words, cursor), { batches: BATCHES, ...timing, afterBatch });
  return { ...result, target, occupancy: occupancy.length ? median(occupancy) : Number.NaN };
}

/**
 * What the harness itself costs per pair: the same driver over an allocator that does nothing
 * (alloc hands back the handle freed last), with `count` live bigint handles like a heap's.
 */
function harnessOverhead(count, unit, units, words, timing) {
  let last = 0n;
  const adapter = {
    alloc: () => last,
    free(handle) {
      last = handle;
    },
  };
  const live = Array.from({ length: count }, (_, index) => 0x7f0000000000n + BigInt(index * 4096));
  return timeSteadyState(adapter, live, words, { index: 0, unit, units }, timing);
}

// ---------------------------------------------------------------------------------------------
// Part A

const A = { pageBytes: 4096, unitBytes: 8, units: 32, seed: 0xa11c };

export function partA(context) {
  printHeading('Part A: one 4 KiB page, random sizes 8..256 B (multiples of 8), about half full');
  const words = randomWords(RANDOM_WORDS, A.seed);
  const contenders = [
    ...policies.map((policy) => ({
      name: `PageAllocator, ${policy} fit`, policy,
      make: () => heapAdapter(new PageAllocator({ policy })),
    })),
    {
      name: 'baseline: linked list, first fit', baseline: true,
      make: () => listAdapter(new FirstFitList({ pageBytes: A.pageBytes, unitBytes: A.unitBytes, maxPages: 1, mapFirstPage: true })),
    },
    {
      name: '@thi.ng/malloc MemPool (peer)',
      make: () => poolAdapter(new MemPool({ buf: new ArrayBuffer(A.pageBytes + 512) }), A.pageBytes),
    },
  ];

  const results = [];
  for (const contender of contenders) {
    const adapter = contender.make();
    const cursor = { index: 0, unit: A.unitBytes, units: A.units };
    const state = prefill(adapter, words, cursor, (used) => used >= A.pageBytes / 2);
    const timing = timeSteadyState(adapter, state.live, words, cursor, { batchMs: 30, warmupMs: 250, maxOps: 200_000 });
    results.push({ ...contender, timing });
    adapter.close();
  }

  const baseline = results.find((result) => result.baseline).timing.median;
  printTable(
    [
      { title: 'allocator', align: 'left' }, { title: 'ns/pair median' }, { title: 'min' }, { title: 'max' },
      { title: 'vs baseline' }, { title: 'live chunks' }, { title: 'occupancy' }, { title: 'refused allocs' }, { title: 'pairs timed' },
    ],
    results.map(({ name, timing }) => [
      name, ns(timing.median), ns(timing.min), ns(timing.max), ratio(timing.median / baseline), int(timing.target),
      `${(100 * timing.occupancy).toFixed(0)}%`, percent(timing.refused, timing.pairs), int(timing.pairs),
    ]),
  );

  const sameChoices = firstFitAgreesWithBaseline(words);
  const overhead = harnessOverhead(results[0].timing.target, A.unitBytes, A.units, words, { batchMs: 20, warmupMs: 50, maxOps: 1_000_000 }).median;
  printNotes([
    'pair = dealloc of a random live chunk + alloc of a random size; the live count is held at the',
    'count reached by the pre-fill to 2 KiB, so occupancy (median over batches) stays near half.',
    `${BATCHES} timed batches after a warm-up; min and max are the fastest and slowest batch.`,
    'a refused alloc (no free chunk fits) counts as a pair and is retried as an alloc-only step next.',
    `Same random stream (seed 0x${A.seed.toString(16)}) for every allocator. PageAllocator works on a real mmap'd page;`,
    'the baseline and @thi.ng/malloc work on JS memory (MemPool: an ArrayBuffer of 4 KiB + 512 B for the',
    'headers it keeps inside the buffer).',
    `The harness alone (same driver, an allocator that does nothing) costs ${ns(overhead)} ns a pair; it is included above.`,
    `check: PageAllocator first fit and the baseline make the same choices over 20,000 pairs: ${sameChoices ? 'yes' : 'NO (investigate)'}`,
  ]);
  context.partA = results;
}

/** Runs the same 20,000 pairs on PageAllocator first fit and on the baseline; compares layouts. */
function firstFitAgreesWithBaseline(words) {
  const heap = new PageAllocator({ policy: 'first' });
  const list = new FirstFitList({ pageBytes: A.pageBytes, unitBytes: A.unitBytes, maxPages: 1, mapFirstPage: true });
  const runs = [];
  for (const adapter of [heapAdapter(heap), listAdapter(list)]) {
    const cursor = { index: 0, unit: A.unitBytes, units: A.units };
    const { live } = prefill(adapter, words, cursor, (used) => used >= A.pageBytes / 2);
    const refused = makeDriver()(adapter, live, live.length, 20_000, words, cursor);
    runs.push(`${live.length}/${refused}`);
  }
  const heapLayout = heap.chunks().map(({ offset, size, free }) => `${offset}:${size}:${free}`).join(',');
  const listLayout = list.layout().map(({ offset, size, free }) => `${offset}:${size}:${free}`).join(',');
  heap.destroy();
  return heapLayout === listLayout && runs[0] === runs[1];
}

// ---------------------------------------------------------------------------------------------
// Part B scaled

const BASELINE = 'baseline: linked list, first fit';
const HARNESS = 'harness alone (no-op allocator)';
const B = { pageBytes: 4096, unitBytes: 256, units: 16, seed: 0xb0b, pageCounts: [16, 1024, 65_536] };

/**
 * One ElasticHeap run: maps N pages by filling until the first refusal, frees random chunks down
 * to half, then times the steady state. Only `holder` refers to the heap afterwards, so the
 * caller can drop it and measure what it held.
 */
function runElastic(pages, policy, words, wantSnapshot) {
  const heap = new ElasticHeap({ maxPages: pages, policy });
  const adapter = heapAdapter(heap);
  const cursor = { index: 0, unit: B.unitBytes, units: B.units };
  const state = prefill(adapter, words, cursor, (used, refused) => refused > 0);
  if (heap.pagesMapped !== pages) throw new Error(`pre-fill mapped ${heap.pagesMapped} of ${pages} pages`);
  thinTo(adapter, state, words, cursor, (pages * B.pageBytes) / 2);
  const live = state.live;
  // The baseline starts from this very layout, live set and random position (see FirstFitList.fromLayout).
  const snapshot = wantSnapshot ? {
    chunks: heap.chunks().map(({ page, offset, size, free }) => ({ page, offset, size, free })),
    live: live.map((address) => {
      const chunk = heap.chunkAt(address);
      return chunk.page * B.pageBytes + chunk.offset;
    }),
    cursor: { ...cursor },
  } : null;
  const timing = timeSteadyState(adapter, live, words, cursor, timingFor(pages));
  if (heap.pagesMapped !== pages) throw new Error('a page was mapped during the steady state');
  const stats = heap.stats();
  return {
    timing, snapshot, live, holder: { heap },
    figures: {
      bookkeeping: heap.bookkeepingBytes(), liveChunks: stats.usedChunks, freeChunks: stats.freeChunks,
      occupancy: timing.occupancy, refused: timing.refused, pairs: timing.pairs,
    },
  };
}

/** The baseline from a snapshot of the first-fit heap; only `holder` refers to the list afterwards. */
function runBaseline(pages, words, snapshot) {
  const list = FirstFitList.fromLayout({ pageBytes: B.pageBytes, unitBytes: B.unitBytes, maxPages: pages }, snapshot.chunks, pages);
  const live = snapshot.live;
  const timing = timeSteadyState(listAdapter(list), live, words, { ...snapshot.cursor }, timingFor(pages));
  return { timing, live, nodes: list.nodes, holder: { list } };
}

function timingFor(pages) {
  return { batchMs: 40, warmupMs: 250, minOps: 5, maxOps: 200_000 };
}

/** Memory (JS heap + external) that dropping `holder[key]` gives back, after GC. */
function memoryHeldBy(holder, key, release = () => {}) {
  const before = memoryAfterGc();
  release(holder[key]);
  holder[key] = null;
  return before - memoryAfterGc();
}

export function partB(context) {
  printHeading('Part B scaled: ElasticHeap on real 4 KiB pages, sizes 256..4096 B (multiples of 256), about half full');
  const words = randomWords(RANDOM_WORDS, B.seed);
  const rows = new Map(); // allocator name -> Map(pages -> timing)
  const states = [];
  const record = (name, pages, timing) => {
    if (!rows.has(name)) rows.set(name, new Map());
    rows.get(name).set(pages, timing);
  };
  let layoutsAgree = true;

  for (const pages of B.pageCounts) {
    const state = { pages };
    for (const policy of policies) {
      const isFirst = policy === 'first';
      const run = runElastic(pages, policy, words, isFirst);
      record(`ElasticHeap, ${policy} fit`, pages, run.timing);
      if (!isFirst) {
        run.holder.heap.destroy();
        continue;
      }
      Object.assign(state, run.figures);
      // Everything the heap holds: GC'd memory before and after dropping it (the bench's own
      // array of live addresses stays referenced through `run`, so it is not counted).
      state.heapRetained = memoryHeldBy(run.holder, 'heap', (heap) => heap.destroy());
      if (pages <= 1024) layoutsAgree &&= baselineReachesLayout(pages, words, run.snapshot.chunks);
      const baseline = runBaseline(pages, words, run.snapshot);
      run.snapshot = null;
      record(BASELINE, pages, baseline.timing);
      Object.assign(state, { baselineNodes: baseline.nodes, baselineRefused: baseline.timing.refused, baselinePairs: baseline.timing.pairs });
      state.baselineRetained = memoryHeldBy(baseline.holder, 'list');
      record(HARNESS, pages, harnessOverhead(state.liveChunks, B.unitBytes, B.units, words, { ...timingFor(pages), warmupMs: 50 }));
    }
    states.push(state);
  }

  const first = B.pageCounts[0];
  const last = B.pageCounts.at(-1);
  const columns = [{ title: 'allocator', align: 'left' }];
  for (const pages of B.pageCounts) columns.push({ title: `${int(pages)} pages` });
  columns.push(
    { title: `${int(last)} vs ${first}` }, { title: 'aim <=2x' },
    { title: `ns/op @${int(first)}` }, { title: `ns/op @${int(last)}` }, { title: 'aim <1000 ns/op' },
  );
  const table = [];
  const names = [...policies.map((policy) => `ElasticHeap, ${policy} fit`), BASELINE, HARNESS];
  for (const name of names) {
    const byPages = rows.get(name);
    const small = byPages.get(first).median;
    const large = byPages.get(last).median;
    const isBaseline = name === BASELINE || name === HARNESS;
    table.push([
      name, ...B.pageCounts.map((pages) => ns(byPages.get(pages).median)), ratio(large / small),
      isBaseline ? '-' : large / small <= 2 ? 'met' : 'missed', ns(small / 2), ns(large / 2),
      isBaseline ? '-' : large / 2 < 1000 ? 'met' : 'missed',
    ]);
  }
  console.log('  median ns per free+alloc pair; ns/op = half a pair');
  printTable(columns, table);

  console.log('');
  console.log('  the heaps measured (first fit; the baseline starts from the same layout)');
  printTable(
    [
      { title: 'pages' }, { title: 'live chunks' }, { title: 'free chunks' }, { title: 'occupancy' }, { title: 'baseline list nodes' },
      { title: 'refused (heap)' }, { title: 'refused (baseline)' }, { title: 'pairs timed (heap)' },
    ],
    states.map((state) => [
      int(state.pages), int(state.liveChunks), int(state.freeChunks), `${(100 * state.occupancy).toFixed(0)}%`,
      int(state.baselineNodes), percent(state.refused, state.pairs), percent(state.baselineRefused, state.baselinePairs),
      int(state.pairs),
    ]),
  );

  const mmapPair = timeMmapPair();
  printNotes([
    '',
    'Each heap is filled until the first refused alloc (so all N pages are mapped), then random chunks',
    'are freed down to half of N x 4 KiB; the timed steady state maps no page (checked). Each policy',
    'gets its own fresh heap; the live count is held fixed as in Part A. The baseline is one list of',
    'chunks across all N pages (no merge across pages), built from the first-fit heap\'s layout and',
    `live set${layoutsAgree ? ' (its own alloc/free reach that same layout: checked at 16 and 1,024 pages)' : ' (WARNING: its own alloc/free did NOT reach the same layout)'}.`,
    'The harness row is the same driver with the same number of live bigint handles over an allocator',
    'that does nothing: the part of every row above that is the bench\'s own (random pick, array upkeep).',
    `For scale: mmap+munmap of one 4 KiB page through koffi (dist/native Mapping) costs ${ns(mmapPair)} ns a pair here.`,
  ]);
  context.partB = states;
}

/** Fills a fresh baseline with the same stream as the heap; true when it reaches `chunks`. */
function baselineReachesLayout(pages, words, chunks) {
  const list = new FirstFitList({ pageBytes: B.pageBytes, unitBytes: B.unitBytes, maxPages: pages });
  const adapter = listAdapter(list);
  const cursor = { index: 0, unit: B.unitBytes, units: B.units };
  const state = prefill(adapter, words, cursor, (used, refused) => refused > 0);
  thinTo(adapter, state, words, cursor, (pages * B.pageBytes) / 2);
  const key = (list) => list.map(({ page, offset, size, free }) => `${page}:${offset}:${size}:${free}`).join(',');
  return key(list.layout()) === key(chunks);
}

function timeMmapPair() {
  const samples = [];
  for (let batch = 0; batch < BATCHES + 2; batch += 1) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < 200; index += 1) Mapping.map({ length: 4096 }).unmap();
    samples.push(Number(process.hrtime.bigint() - start) / 200);
  }
  return median(samples.slice(2));
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping

/** Bytes of JS heap one baseline list node takes, measured (NaN when GC cannot be forced). */
function baselineNodeBytes() {
  const count = 100_000;
  function* chunks() {
    for (let index = 0; index < count; index += 1) yield { page: 0, offset: index * 8, size: 8, free: (index & 1) === 1 };
  }
  const before = heapUsedAfterGc();
  let list = FirstFitList.fromLayout({ pageBytes: 8 * count, unitBytes: 8, maxPages: 1 }, chunks(), 1);
  const after = heapUsedAfterGc();
  const perNode = (after - before) / list.nodes;
  list = null;
  return perNode;
}

export function bookkeeping(context) {
  printHeading('Bookkeeping bytes (outside the pages, in the JS heap)');
  const nodeBytes = baselineNodeBytes();
  const rows = [];

  const heap = new PageAllocator({ policy: 'first' });
  const addresses = [];
  for (let index = 0; index < 512; index += 1) addresses.push(heap.alloc(8).address);
  const partARow = (label, liveChunks, nodes) => {
    const total = heap.bookkeepingBytes();
    rows.push([label, '1', int(liveChunks), int(total), bytes(total / liveChunks), int(total), bytes((nodes * nodeBytes) / liveChunks, 0)]);
  };
  partARow('A: full, 512 x 8 B', 512, 512);
  for (let index = 1; index < 512; index += 2) heap.free(addresses[index]);
  partARow('A: half, 256 x 8 B, every other freed', 256, 512);
  for (let index = 0; index < 512; index += 2) heap.free(addresses[index]);
  for (let index = 0; index < 256; index += 1) heap.alloc(8);
  partARow('A: half, 256 x 8 B, then one free chunk', 256, 257);
  heap.destroy();

  for (const state of context.partB ?? []) {
    const total = state.bookkeeping;
    rows.push([
      `B: ${int(state.pages)} pages, ~half full`, int(state.pages), int(state.liveChunks), int(total),
      bytes(total / state.liveChunks), bytes(total / state.pages), bytes((state.baselineNodes * nodeBytes) / state.liveChunks, 0),
    ]);
  }

  printTable(
    [
      { title: 'state', align: 'left' }, { title: 'pages' }, { title: 'live chunks' }, { title: 'bookkeepingBytes()' },
      { title: 'per live chunk' }, { title: 'per page' }, { title: 'baseline per live chunk' },
    ],
    rows,
  );

  const measured = (context.partB ?? []).filter((state) => state.pages >= 1024).map((state) => `${int(state.pages)} pages: heap ${bytes(state.heapRetained / state.pages, 0)} B/page `
    + `(${bytes(state.heapRetained / state.liveChunks, 0)} B/live chunk), baseline list ${bytes(state.baselineRetained / state.liveChunks, 0)} B/live chunk`);
  printNotes([
    'bookkeepingBytes() counts the heap\'s typed arrays (per-unit tags, the segment tree, the best-fit',
    'size buckets); arrays grow by doubling, so per-page figures include spare capacity. The baseline',
    `column is its list nodes x ${bytes(nodeBytes, 0)} B, the measured JS heap size of one node (after GC).`,
    '@thi.ng/malloc keeps its bookkeeping in the buffer itself: 28 B of pool state + 8 B per block.',
    'Whole memory held, measured (JS heap + external, GC before and after dropping the structure;',
    'includes the id and page maps, the Mapping objects, everything bookkeepingBytes() leaves out;',
    'too noisy to show at 16 pages):',
    ...measured.map((line) => `  ${line}`),
  ]);
}
