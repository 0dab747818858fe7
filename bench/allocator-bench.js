// The allocator sections of `npm run bench` (issue 13), each printing its own tables:
// - sideBySide: memtui against @thi.ng/malloc and a naive first-fit list, random sizes 8..64 B,
//   at 64 live chunks (Part A's one page), 2,048 and 100,000 live chunks;
// - partAPolicies: Part A's page under each policy, lean and rich;
// - partB: Part B's geometry (4 KiB pages, 256 B units) at 16, 1,024 and 65,536 pages;
// - bookkeeping: bytes per page and per live chunk.
// Figures are CPU time per free+alloc pair (medians of 15 batches), every contender in this run.
import { MemPool } from '@thi.ng/malloc';
import * as partAModule from '../dist/lab/alloc.js';
import { ChunkHeap, ElasticHeap, FirstFitPage, HeapCore, PageAllocator, policies } from '../dist/heap/index.js';
import { Mapping } from '../dist/native/index.js';
import { FirstFitList } from './baseline-first-fit.js';
import {
  bytes, forceGc, heapUsedAfterGc, int, makeDriver, ns, percent, prefill, printHeading, printNotes, printTable, randomWords,
  ratio, thinTo, timeBatches,
} from './harness.js';

const RANDOM_WORDS = 1 << 20;
const PAGE = 4096;

// ---------------------------------------------------------------------------------------------
// Adapters: alloc(size) -> handle | null, free(handle)

const leanAdapter = (heap) => ({ alloc: (size) => heap.alloc(size), free: (address) => heap.free(address) });
const richAdapter = (heap) => ({
  alloc(size) {
    const result = heap.alloc(size);
    return result.ok ? result.address : null;
  },
  free: (address) => heap.free(address),
});
const moduleAdapter = () => ({ alloc: partAModule.alloc, free: partAModule.dealloc });
const listAdapter = (list) => ({ alloc: (size) => list.alloc(size), free: (address) => list.free(address) });
const poolAdapter = (pool) => ({
  alloc(size) {
    const address = pool.malloc(size);
    return address === 0 ? null : address;
  },
  free: (address) => pool.free(address),
});

/** Runs the steady-state workload on `adapter` from its live set; returns the timing. */
function timeSteadyState(adapter, live, words, cursor, timing) {
  // Start every measurement from a collected heap: garbage left by an earlier one must not be
  // collected inside this one's batches.
  forceGc();
  const driver = makeDriver();
  const target = live.length;
  return { ...timeBatches((ops) => driver(adapter, live, target, ops, words, cursor), { batches: 15, ...timing }), target };
}

/** Allocates random sizes from the stream until `target` chunks are live. */
function fillCount(adapter, words, cursor, target) {
  const mask = words.length - 1;
  const live = [];
  let refusedInARow = 0;
  while (live.length < target) {
    const handle = adapter.alloc(cursor.unit * (1 + (words[cursor.index++ & mask] % cursor.units)));
    if (handle === null) {
      if (++refusedInARow > 1000) throw new Error(`fill stopped at ${live.length} of ${target} live chunks`);
      continue;
    }
    refusedInARow = 0;
    live.push(handle);
  }
  return live;
}

/**
 * What the harness itself costs per pair: the same driver over an allocator that does nothing
 * (alloc hands back the handle freed last), with `count` live bigint handles like memtui's.
 */
function harnessOverhead(count, unit, units, words, timing) {
  let last = 0n;
  const adapter = { alloc: () => last, free(handle) { last = handle; } };
  const live = Array.from({ length: count }, (_, index) => 0x7f0000000000n + BigInt(index * 4096));
  return timeSteadyState(adapter, live, words, { index: 0, unit, units }, timing).median;
}

// ---------------------------------------------------------------------------------------------
// Side by side (issue 13's table)

const SMALL = { unit: 8, units: 8, seed: 0x5eed };
const SCALES = [
  { live: 64, pages: 1, label: '64 (Part A: one 4 KiB page)' },
  { live: 2_048, pages: 64, label: '2,048 (pages of 4 KiB, 256 KiB)' },
  { live: 100_000, pages: 4_096, label: '100,000 (pages of 4 KiB, 16 MiB)' },
];

function timingFor(live) {
  return live >= 100_000 ? { batchMs: 60, warmupMs: 400, minOps: 3, maxOps: 200_000 } : { batchMs: 30, warmupMs: 250, maxOps: 500_000 };
}

export function sideBySide(context) {
  printHeading('Allocators side by side: free+alloc pairs, random sizes 8..64 B (multiples of 8), steady state');
  const words = randomWords(RANDOM_WORDS, SMALL.seed);
  const rows = [];
  const notes = [];
  for (const scale of SCALES) {
    const results = {};
    const cursorAt = () => ({ index: 0, unit: SMALL.unit, units: SMALL.units });

    // memtui, lean: the module itself at 64 (memtui/alloc), HeapCore beyond one page.
    let lean;
    if (scale.pages === 1) {
      partAModule.cleanup();
      partAModule.init_alloc();
      lean = { adapter: moduleAdapter(), close: () => partAModule.cleanup(), name: 'memtui/alloc' };
    } else {
      const heap = new HeapCore({ unitBytes: SMALL.unit, pageBytes: PAGE, maxPages: scale.pages });
      lean = { adapter: leanAdapter(heap), close: () => heap.close(), heap, name: 'HeapCore, first fit' };
    }
    let cursor = cursorAt();
    let live = fillCount(lean.adapter, words, cursor, scale.live);
    // The naive list starts from the lean heap's layout at 100,000 (filling it by its own allocs
    // would take O(n^2)): same chunks, same live set, same place in the random stream.
    const listStart = scale.live >= 100_000 ? { layout: layoutOf(lean.heap), live: placesOf(lean.heap, live), cursor: { ...cursor } } : null;
    const pagesBefore = lean.heap?.pagesMapped ?? 1;
    results.lean = timeSteadyState(lean.adapter, live, words, cursor, timingFor(scale.live));
    const pagesAfter = lean.heap?.pagesMapped ?? 1;
    lean.close();

    const rich = scale.pages === 1 ? new PageAllocator({ policy: 'first' }) : new ChunkHeap({ unitBytes: SMALL.unit, pageBytes: PAGE, maxPages: scale.pages });
    cursor = cursorAt();
    live = fillCount(richAdapter(rich), words, cursor, scale.live);
    results.rich = timeSteadyState(richAdapter(rich), live, words, cursor, timingFor(scale.live));
    rich.destroy();

    // @thi.ng/malloc keeps an 8 B header per block in its buffer: room for the headers beside the pages' bytes.
    const pool = new MemPool({ buf: new ArrayBuffer(scale.pages * PAGE + 8 * scale.live + 1024) });
    cursor = cursorAt();
    live = fillCount(poolAdapter(pool), words, cursor, scale.live);
    results.pool = timeSteadyState(poolAdapter(pool), live, words, cursor, timingFor(scale.live));

    let list;
    if (listStart) {
      list = FirstFitList.fromLayout({ pageBytes: PAGE, unitBytes: SMALL.unit, maxPages: scale.pages }, listStart.layout, scale.pages);
      cursor = listStart.cursor;
      live = listStart.live;
    } else {
      list = new FirstFitList({ pageBytes: PAGE, unitBytes: SMALL.unit, maxPages: scale.pages, mapFirstPage: true });
      cursor = cursorAt();
      live = fillCount(listAdapter(list), words, cursor, scale.live);
    }
    results.list = timeSteadyState(listAdapter(list), live, words, cursor, timingFor(scale.live));

    const versusPool = results.lean.median / results.pool.median;
    const versusList = results.lean.median / results.list.median;
    const aim = scale.live === 64
      ? `<=0.7x thi.ng, <=1.0x list: ${versusPool <= 0.7 && versusList <= 1 ? 'met' : 'missed'}`
      : `>=${scale.live >= 100_000 ? 200 : 20}x faster than thi.ng: ${1 / versusPool >= (scale.live >= 100_000 ? 200 : 20) ? 'met' : 'missed'}`;
    // At one page memtui's pair is a fraction of the peers'; beyond, the peers' is a multiple of memtui's.
    const show = (value) => (scale.live === 64 ? ratio(value) : `${ratio(1 / value)} faster`);
    rows.push([
      scale.label, lean.name, ns(results.lean.median), ns(results.rich.median), ns(results.pool.median), ns(results.list.median),
      show(versusPool), show(versusList), aim,
    ]);
    notes.push(`${int(scale.live)} live: memtui mapped ${pagesBefore === pagesAfter ? `${pagesAfter} page${pagesAfter === 1 ? '' : 's'}, none during the timing` : `${pagesBefore} -> ${pagesAfter} pages during the timing`}; `
      + `wall-clock medians: lean ${ns(results.lean.wall)}, rich ${ns(results.rich.wall)}, thi.ng ${ns(results.pool.wall)}, list ${ns(results.list.wall)} ns`);
    context.sideBySide ??= [];
    context.sideBySide.push({ scale, results });
  }
  printTable(
    [
      { title: 'live chunks', align: 'left' }, { title: 'memtui lean path', align: 'left' }, { title: 'lean ns' }, { title: 'rich ns' },
      { title: '@thi.ng/malloc ns' }, { title: 'naive list ns' }, { title: 'lean vs thi.ng' }, { title: 'lean vs list' }, { title: 'aim', align: 'left' },
    ],
    rows,
  );
  const overhead = harnessOverhead(64, SMALL.unit, SMALL.units, words, { batchMs: 20, warmupMs: 50, maxOps: 1_000_000 });
  printNotes([
    'CPU time (user + system of the process) per pair = free of a random live chunk + alloc of a random size, the',
    'live count held; median of 15 batches after a warm-up; same random stream (seed 0x5eed) for everyone.',
    'lean = what the lab modules run: a bigint address or null, no result objects (at 64: memtui/alloc itself,',
    'first fit on its one real mmap\'d page; beyond: HeapCore, first fit, over real pages mapped on demand).',
    'rich = ChunkHeap/PageAllocator, the screen\'s API: a result object with the chunk, its id and the facts.',
    '@thi.ng/malloc MemPool (first fit over a free list, headers in its ArrayBuffer) and the naive list',
    '(bench/baseline-first-fit.js: one linked list in address order, the usual student design) work on JS',
    'memory; their handles are numbers, memtui\'s bigints.',
    `The harness alone (same driver, an allocator that does nothing, 64 bigint handles) costs ${ns(overhead)} ns a pair; it is included above.`,
    ...notes,
  ]);
}

/** The heap's chunks in address order, as the naive list's layout (page = address rank of the page). */
function layoutOf(heap) {
  const chunks = [];
  heap.positions().forEach((position, rank) => {
    heap.forEachChunk(position, (start, length, used) => chunks.push({ page: rank, offset: start * heap.unitBytes, size: length * heap.unitBytes, free: !used }));
  });
  return chunks;
}

/** Live addresses of the heap as the naive list names them: page rank * page bytes + offset. */
function placesOf(heap, addresses) {
  const first = heap.positions()[0];
  return addresses.map((address) => {
    const position = heap.locate(address);
    return (position - first) * heap.pageBytes + heap.locatedUnit * heap.unitBytes;
  });
}

// ---------------------------------------------------------------------------------------------
// Part A, every policy

export function partAPolicies() {
  printHeading('Part A: one 4 KiB page, 64 live chunks of 8..64 B, every policy');
  const words = randomWords(RANDOM_WORDS, SMALL.seed);
  const rows = [];
  for (const policy of policies) {
    const lean = new HeapCore({ unitBytes: 8, pageBytes: PAGE, maxPages: 1, policy, cacheAddresses: true });
    let cursor = { index: 0, unit: SMALL.unit, units: SMALL.units };
    let live = fillCount(leanAdapter(lean), words, cursor, 64);
    const leanTiming = timeSteadyState(leanAdapter(lean), live, words, cursor, timingFor(64));
    lean.close();
    const rich = new PageAllocator({ policy });
    cursor = { index: 0, unit: SMALL.unit, units: SMALL.units };
    live = fillCount(richAdapter(rich), words, cursor, 64);
    const richTiming = timeSteadyState(richAdapter(rich), live, words, cursor, timingFor(64));
    rich.destroy();
    rows.push([`${policy} fit`, ns(leanTiming.median), ns(richTiming.median), percent(leanTiming.refused, leanTiming.pairs)]);
  }
  printTable([{ title: 'policy', align: 'left' }, { title: 'HeapCore ns (lean)' }, { title: 'PageAllocator ns (rich)' }, { title: 'refused allocs' }], rows);
  printNotes([
    'HeapCore is the general engine (many pages, every policy) with the modules\' address cache; memtui/alloc runs',
    'first fit on its own one-page path (FirstFitPage, the side-by-side table). Same placements: the tests check both',
    'against the rich heap, and the rich heap against a reference model.',
  ]);
}

// ---------------------------------------------------------------------------------------------
// Part B in the lab's geometry, scaled

const B = { pageBytes: 4096, unitBytes: 256, units: 16, seed: 0xb0b, pageCounts: [16, 1024, 65_536] };

/** Fills a heap until the first refusal (all pages mapped), then frees random chunks down to half. */
function halfFull(adapter, pages, words) {
  const cursor = { index: 0, unit: B.unitBytes, units: B.units };
  const state = prefill(adapter, words, cursor, (used, refused) => refused > 0);
  thinTo(adapter, state, words, cursor, (pages * B.pageBytes) / 2);
  return { live: state.live, cursor };
}

export function partB(context) {
  printHeading('Part B in the lab\'s geometry: 4 KiB pages of 256 B units, sizes 256..4096 B, about half full');
  const words = randomWords(RANDOM_WORDS, B.seed);
  const rows = new Map();
  const record = (name, pages, value) => {
    if (!rows.has(name)) rows.set(name, new Map());
    rows.get(name).set(pages, value);
  };
  const states = [];
  const timing = { batchMs: 40, warmupMs: 250, minOps: 5, maxOps: 200_000 };
  for (const pages of B.pageCounts) {
    const state = { pages };
    for (const policy of policies) {
      const holder = { heap: new HeapCore({ unitBytes: B.unitBytes, pageBytes: B.pageBytes, maxPages: pages, policy }) };
      const { live, cursor } = halfFull(leanAdapter(holder.heap), pages, words);
      if (holder.heap.pagesMapped !== pages) throw new Error(`pre-fill mapped ${holder.heap.pagesMapped} of ${pages} pages`);
      const layout = policy === 'first' ? layoutOf(holder.heap) : null;
      const places = policy === 'first' ? placesOf(holder.heap, live) : null;
      const listCursor = { ...cursor };
      const result = timeSteadyState(leanAdapter(holder.heap), live, words, cursor, timing);
      if (holder.heap.pagesMapped !== pages) throw new Error('a page was mapped during the steady state');
      record(`HeapCore, ${policy} fit (lean)`, pages, result);
      if (policy === 'first') {
        const heap = holder.heap;
        Object.assign(state, {
          liveChunks: heap.usedChunks, freeChunks: heap.freeChunks, runs: heap.runs, leanBookkeeping: heap.bookkeepingBytes(),
          refused: result.refused, pairs: result.pairs,
        });
      }
      holder.heap.close();
      if (policy === 'first') {
        const list = FirstFitList.fromLayout({ pageBytes: B.pageBytes, unitBytes: B.unitBytes, maxPages: pages }, layout, pages);
        state.listNodes = list.nodes;
        record('naive list, first fit', pages, timeSteadyState(listAdapter(list), places, words, listCursor, timing));
      }
    }
    const rich = new ElasticHeap({ maxPages: pages });
    const { live, cursor } = halfFull(richAdapter(rich), pages, words);
    record('ElasticHeap, first fit (rich)', pages, timeSteadyState(richAdapter(rich), live, words, cursor, timing));
    state.richBookkeeping = rich.bookkeepingBytes();
    rich.destroy();
    record('harness alone (no-op allocator)', pages, { median: harnessOverhead(state.liveChunks, B.unitBytes, B.units, words, { ...timing, warmupMs: 50 }) });
    states.push(state);
  }

  const first = B.pageCounts[0];
  const last = B.pageCounts.at(-1);
  const columns = [{ title: 'allocator', align: 'left' }];
  for (const pages of B.pageCounts) columns.push({ title: `${int(pages)} pages` });
  columns.push({ title: `${int(last)} vs ${int(first)}` }, { title: 'aim: <=1000 ns and <=3x', align: 'left' });
  const table = [];
  for (const [name, byPages] of rows) {
    const small = byPages.get(first).median;
    const large = byPages.get(last).median;
    const aimed = name === 'HeapCore, first fit (lean)';
    table.push([
      name, ...B.pageCounts.map((pages) => ns(byPages.get(pages).median)), ratio(large / small),
      aimed ? (large <= 1000 && large / small <= 3 ? 'met' : 'missed') : '',
    ]);
  }
  console.log('  CPU ns per free+alloc pair (median of 15 batches)');
  printTable(columns, table);
  console.log('');
  printTable(
    [
      { title: 'pages' }, { title: 'live chunks' }, { title: 'free chunks' }, { title: 'runs of adjacent pages' }, { title: 'list nodes' },
      { title: 'refused allocs' }, { title: 'pairs timed' },
    ],
    states.map((state) => [
      int(state.pages), int(state.liveChunks), int(state.freeChunks), int(state.runs), int(state.listNodes),
      percent(state.refused, state.pairs), int(state.pairs),
    ]),
  );
  printNotes([
    '',
    'Each heap is filled until the first refused alloc (all N pages mapped, each by its own mmap), then random',
    'chunks are freed down to half of N x 4 KiB; the timed steady state maps no page (checked). Each policy gets',
    'its own heap; the live count is held fixed. The lean rows use no address cache at any size (a bigint is',
    'made per alloc), as the modules do not at this scale. The naive list is one list of chunks in address',
    'order across the N pages (no merge across pages), built from the first-fit heap\'s layout and live set.',
    'The harness row is the driver alone with as many live bigint handles: the part of every row that is the bench\'s.',
  ]);
  context.partB = states;
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping

export function bookkeeping(context) {
  printHeading('Bookkeeping (kept outside the pages, in the JS heap)');
  const rows = [];
  for (const state of context.partB ?? []) {
    const perPage = state.leanBookkeeping / state.pages;
    rows.push([
      `Part B, ${int(state.pages)} pages, ~half full`, int(state.liveChunks), bytes(perPage), bytes(state.richBookkeeping / state.pages),
      state.pages >= 1024 ? (perPage <= 64 ? 'met' : 'missed') : '',
    ]);
  }
  const rich = new PageAllocator();
  const module = new FirstFitPage({ unitBytes: 8, pageBytes: PAGE });
  module.map();
  for (let index = 0; index < 64; index += 1) {
    rich.alloc(8 * (1 + (index % 8)));
    module.alloc(8 * (1 + (index % 8)));
  }
  rows.push(['Part A, one page, 64 live chunks', '64', bytes(module.bookkeepingBytes()), bytes(rich.bookkeepingBytes()), '']);
  const cache = module.cacheBytes();
  module.unmap();
  rich.destroy();
  printTable(
    [{ title: 'heap', align: 'left' }, { title: 'live chunks' }, { title: 'lean B/page' }, { title: 'rich B/page' }, { title: 'aim <=64 B/page (scaled)', align: 'left' }],
    rows,
  );
  printNotes([
    'lean = HeapCore.bookkeepingBytes() / pages (Part A: FirstFitPage, memtui/alloc\'s engine): per page two bitmaps',
    '(chunk starts, free-chunk starts), the largest free chunk per 32 units, the page base, its position in address',
    'order and in mapping order, two leaves of the 16-bit search tree, one pointer to the page object; best fit\'s',
    'buckets when built. rich adds what the screen shows: the chunk ids (4 B per unit) and free-chunk counts.',
    `Not counted above: memtui/alloc's address cache (${int(cache)} B here: a slot per unit, a bigint per address made),`,
    `and the native Mapping object of each page, ~${bytes(mappingObjectBytes(), 0)} B measured, which native/ keeps for every mapping.`,
  ]);
}

/** JS heap bytes one native Mapping object holds (measured over 4,096 live mappings, after GC). */
function mappingObjectBytes() {
  const before = heapUsedAfterGc();
  const mappings = Array.from({ length: 4096 }, () => Mapping.map());
  const after = heapUsedAfterGc();
  for (const mapping of mappings) mapping.unmap();
  return (after - before) / mappings.length;
}
