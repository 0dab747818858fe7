import { change, latest, runtimeCaveat, waiting } from './checks.js';
import type { Lesson } from './lesson.js';
import { lesson8 } from './lesson-8.js';
import { watchLesson } from './lesson-watch.js';

/**
 * The lab (LAB.md) as lessons (the eighth, the student's own allocator, in lesson-8.ts; the last, a C
 * program watched, in lesson-watch.ts). Every check reads measured results from the session:
 * a step completes only when its effect was seen, never on a key press or a timer.
 */
export const lessons: Lesson[] = [
  {
    number: 1,
    title: 'The process you are looking at',
    intro: 'memtui measures itself: the node process whose PID is in the header. Every page you map lives in it.',
    steps: [
      {
        task: 'Run ps on this process: press p, or type ps.',
        watch: 'ps prints two numbers, VSZ and RSS in KiB; the header shows the same counters.',
        why: 'VSZ is all the address space the process has mapped; RSS the part of it in physical memory now. In the UI, memtui\'s VSZ is about 7 GiB, yet RSS is around 100 MiB: the screen\'s layout engine is WebAssembly, and V8 reserves its memory up front (a 4 GiB and a 2 GiB region with no access, ---p in maps; memtui starts node with --disable-wasm-trap-handler, or 15 GiB of guard regions would come on top). Scripts draw nothing and show about 1 GiB. Reserved is not used: only touched pages count in RSS.',
        check: ({ results }) => {
          const ps = latest(results, 'ps');
          if (!ps) return waiting;
          const procVsz = Math.round(ps.result.vszBytes / 1024);
          const procRss = Math.round(ps.result.rssBytes / 1024);
          const gap = ps.effect.vszKiB - procVsz;
          const n = (kib: number) => kib.toLocaleString('en-US');
          return {
            passed: true,
            observed: `ps printed VSZ ${n(ps.effect.vszKiB)} KiB and RSS ${n(ps.effect.rssKiB)} KiB; /proc/self/status right after: VmSize ${n(procVsz)} kB, VmRSS ${n(procRss)} kB.`,
            caveat: gap === 0 ? undefined : `The two VSZ figures differ by ${gap} KiB: ps ran a few milliseconds earlier, and the runtime mapped memory in between.`,
          };
        },
      },
      {
        task: 'List the regions: type maps all.',
        watch: 'Each line is one region (a VMA): its range, permissions, and what is behind it.',
        why: 'node\'s code and data come from the node file; libraries are .so files; [heap] is the C heap (brk); [stack] the main thread\'s stack; lines with no name are anonymous memory: V8\'s heap, thread stacks, and the pages you will map.',
        check: ({ results }) => {
          const maps = latest(results, 'maps', (_effect, result) => result.line.toLowerCase().includes('all'));
          if (!maps) return latest(results, 'maps') ? { passed: false, hint: 'That was the short list; maps all shows every region.' } : waiting;
          return { passed: true, observed: maps.result.message.replace(/;.*/, '') + ' (code, data, heap, stacks, libraries, anonymous).' };
        },
      },
    ],
  },
  {
    number: 2,
    title: 'Map one page, touch nothing',
    intro: 'mmap asks the kernel for address space. Watch VSZ and RSS in the header, and "ours" below them. The process\'s own figures also move a little by themselves (the JavaScript runtime and the screen work in the background); "ours" moves only when you act.',
    steps: [
      {
        task: 'Map one anonymous private page: press m, or type mmap.',
        watch: 'VSZ grows by one page; RSS of our page stays 0 (the page shows "not resident").',
        why: 'mmap only reserves address space: the kernel records a region and gives no physical frame until the first touch (demand paging). So VSZ grows by exactly one page and our page adds nothing to RSS.',
        check: ({ results, pageSize }) => {
          const mmap = latest(results, 'mmap', (effect) => effect.pages === 1);
          if (!mmap) return latest(results, 'mmap') ? { passed: false, hint: 'Map exactly one page (mmap or mmap 1) to see the one-page step.' } : waiting;
          const delta = mmap.result.delta!;
          if (delta.ours.mappedBytes !== pageSize || delta.ours.residentBytes !== 0) return { passed: false, hint: 'Our part did not move as expected; try mmap again.' };
          return {
            passed: true,
            observed: `VSZ ${change(delta.vszBytes)}, of it ours ${change(delta.ours.mappedBytes)}; our page resident: no (mincore), our RSS ${change(delta.ours.residentBytes)}.`,
            caveat: runtimeCaveat(delta.vszBytes, delta.ours.mappedBytes),
          };
        },
      },
      {
        task: 'Find it in /proc/self/maps: type maps.',
        watch: 'The line marked >> holds your page.',
        why: 'The page is a new line in maps, or it widened a neighbour by 4 KiB: the kernel merges adjacent anonymous regions with the same permissions into one line (one VMA).',
        check: ({ results }) => {
          const maps = latest(results, 'maps', (effect) => effect.oursShown > 0);
          if (!maps) return latest(results, 'maps') ? { passed: false, hint: 'No line holds a page of ours: map one first (m).' } : waiting;
          return { passed: true, observed: `${maps.effect.oursShown} line${maps.effect.oursShown === 1 ? ' of maps holds' : 's of maps hold'} our pages, with permissions rw-p.` };
        },
      },
    ],
  },
  {
    number: 3,
    title: 'Write into it',
    intro: 'Now touch the page. If you have no page of your own, map one first (m).',
    steps: [
      {
        task: 'Write to a page that is not resident: select it and press w, or type write #<its id> hello.',
        watch: 'The page turns "resident"; ours in RSS grows by one page; VSZ does not move.',
        why: 'The first write faults: the CPU finds no frame behind the address, the kernel takes a zeroed frame and maps it (a minor fault), and the write goes on. RSS grows by one page of ours; the address space (VSZ) was already there.',
        check: ({ results, pageSize }) => {
          const write = latest(results, 'write');
          if (!write) return waiting;
          if (write.effect.pagesFaulted === 0) {
            return { passed: false, hint: 'That page was already resident, so nothing faulted. Map a fresh page (m) and write to it.' };
          }
          const delta = write.result.delta!;
          const ours = write.effect.pagesFaulted * pageSize;
          if (delta.ours.residentBytes < ours) return { passed: false, hint: 'mincore did not see the page become resident; try again on a fresh page.' };
          const runtime = delta.rssBytes - delta.ours.residentBytes;
          return {
            passed: true,
            observed: `our RSS ${change(delta.ours.residentBytes)} (mincore), VSZ ${change(delta.vszBytes)}; the whole process RSS moved ${change(delta.rssBytes)}: ours ${change(delta.ours.residentBytes)} and the runtime ${change(runtime)} in the same instant.`,
            caveat: delta.vszBytes !== 0 ? runtimeCaveat(delta.vszBytes, 0) : undefined,
          };
        },
      },
      {
        task: 'Ask the kernel: type stat.',
        watch: '"ours" counts the page resident; the rest of RSS is the runtime.',
        why: 'The process RSS moves by more than our 4 KiB: V8, the terminal UI and memtui\'s own measuring touch memory too. And the kernel keeps the RSS counter per CPU and adds it up in batches, so the figure in /proc can trail a write by a moment. memtui separates the two: mincore says exactly which of our pages are resident; the rest is the runtime.',
        check: ({ results }) => {
          const stat = latest(results, 'stat');
          if (!stat) return waiting;
          if (stat.result.ours.residentBytes === 0) return { passed: false, hint: 'None of our pages is resident: write to one first (w).' };
          return { passed: true, observed: `${stat.result.message.replace(/^.*ours: /, 'ours: ')}.` };
        },
      },
    ],
  },
  {
    number: 4,
    title: 'Give memory back',
    intro: 'Two ways to return memory: drop the frames but keep the addresses, or give back the addresses too.',
    steps: [
      {
        task: 'Drop a resident page from RAM: select it and press x, or type madvise #<id> dontneed.',
        watch: 'The page turns "not resident": RSS (ours) shrinks, VSZ stays.',
        why: 'MADV_DONTNEED tells the kernel the contents are not needed: it frees the frames now. The region stays mapped, so VSZ does not change; a later read gives zeros and a write faults in a fresh zeroed page.',
        check: ({ results }) => {
          const advised = latest(results, 'madvise');
          if (!advised) return waiting;
          const delta = advised.result.delta!;
          if (advised.effect.pages === 0 || delta.ours.residentBytes >= 0) {
            return { passed: false, hint: 'No page of that mapping was resident, so nothing left RAM. Write to it first (w), then madvise.' };
          }
          return {
            passed: true,
            observed: `our RSS ${change(delta.ours.residentBytes)}, VSZ ${change(delta.vszBytes)}: the page is still mapped.`,
            caveat: runtimeCaveat(delta.vszBytes, 0),
          };
        },
      },
      {
        task: 'Unmap the mapping: select its page and press u, or type munmap #<id>.',
        watch: 'VSZ shrinks by the mapping; its page leaves the grid.',
        why: 'munmap removes the region: the addresses are no longer the process\'s, so VSZ shrinks, and any resident frames leave RSS. Touching the old address now would be a segmentation fault, which is why memtui refuses every access to an unmapped page.',
        check: ({ results }) => {
          const unmapped = latest(results, 'munmap');
          if (!unmapped) return waiting;
          const delta = unmapped.result.delta!;
          return {
            passed: true,
            observed: `VSZ ${change(delta.vszBytes)}, of it ours ${change(delta.ours.mappedBytes)}.`,
            caveat: runtimeCaveat(delta.vszBytes, delta.ours.mappedBytes),
          };
        },
      },
    ],
  },
  {
    number: 5,
    title: 'Part A: a 4 KiB page manager',
    intro: 'One page from one mmap, cut into chunks; the bookkeeping (offset, size, free or used) lives outside the page, so all 4096 B are usable.',
    steps: [
      {
        task: 'Choose Part A and start it: type part a, then init.',
        watch: 'A new page appears (Part A page); VSZ grows by 4 KiB.',
        why: 'init_alloc maps the one page. No header is written into it: the chunk list lives in memtui\'s own (JavaScript) memory, so the page is all yours.',
        check: ({ results }) => {
          const init = latest(results, 'init', (effect) => effect.part === 'a');
          if (!init) return latest(results, 'init') ? { passed: false, hint: 'That was Part B: type part a first, then init.' } : waiting;
          const delta = init.result.delta!;
          return { passed: true, observed: `VSZ ${change(delta.vszBytes)}, ours ${change(delta.ours.mappedBytes)}.`, caveat: runtimeCaveat(delta.vszBytes, delta.ours.mappedBytes) };
        },
      },
      {
        task: 'Allocate: type alloc 512 (or press a and type the size).',
        watch: 'A letter fills 64 cells (512 B of 8 B units); the log says "split".',
        why: 'The one free chunk of 4096 B was split: 512 B became a used chunk at the lowest address that fits, and the remaining 3584 B stay free as a chunk of their own.',
        check: ({ results }) => {
          const split = latest(results, 'alloc', (effect) => effect.part === 'a' && effect.facts.split);
          if (!split) return latest(results, 'alloc') ? { passed: false, hint: 'That alloc used a free chunk whole; allocate something smaller than the free chunk to see a split.' } : waiting;
          return { passed: true, observed: `alloc ${split.effect.chunk.size} split a ${split.effect.facts.fromFreeBytes} B free chunk; ${split.effect.facts.fromFreeBytes - split.effect.chunk.size} B stay free.` };
        },
      },
      {
        task: 'Free two neighbours: alloc 1024 twice, then free the first of them and then the second (d on a selected chunk, or free #<id>).',
        watch: 'The second free says "merged": the two free chunks become one.',
        why: 'When a freed chunk has a free neighbour in the page, the two are merged into one larger free chunk, so that a later request for their total size can be served.',
        check: ({ results }) => {
          const merged = latest(results, 'free', (effect) => effect.part === 'a' && effect.facts.merged !== 'none');
          // The first free of the two usually merges nothing; only say so once frees keep missing.
          const frees = results.filter((result) => result.effect.kind === 'free').length;
          if (!merged) return frees >= 2 ? { passed: false, hint: 'No neighbour of those chunks was free. Free a chunk next to free space to see a merge.' } : waiting;
          return { passed: true, observed: `freeing ${merged.effect.chunk.size} B merged ${merged.effect.facts.merged} into one ${merged.effect.mergedInto.size} B free chunk.` };
        },
      },
      {
        task: 'Fragment the page: cleanup, init, alloc 1024 four times, free the 1st and the 3rd, then alloc 2048.',
        watch: 'The request is refused although 2048 B are free.',
        why: 'Free space is in two 1024 B pieces with a used chunk between them. A chunk must be contiguous, and merging only joins neighbours, so no 2048 B chunk exists: that is external fragmentation (the side panel\'s figure: 1 - largest free / total free).',
        check: ({ results }) => {
          const refused = latest(results, 'alloc-refused', (effect) => effect.part === 'a' && effect.reason === 'no-fit' && effect.freeBytes >= effect.size);
          if (!refused) return latest(results, 'alloc-refused') ? { passed: false, hint: 'That refusal had too little free space in total; make the free bytes add up to the request, in separate pieces.' } : waiting;
          const { effect } = refused;
          return { passed: true, observed: `alloc ${effect.size} refused with ${effect.freeBytes} B free, the largest piece ${effect.largestFreeBytes} B.` };
        },
      },
      {
        task: 'Compare policies: free the 4th 1024 B chunk too (holes of 1024 and 2048 B), then policy best, alloc 64, note its offset, free it; then policy worst, alloc 64.',
        watch: 'The same request lands at different offsets.',
        why: 'Best fit takes the smallest free chunk that fits (here a 1024 B hole), keeping big chunks whole; worst fit takes the largest, leaving mid-sized rests. First fit takes the lowest address; next fit resumes after the last allocation.',
        check: ({ results }) => {
          // The same request twice, under two policies, the first chunk freed in between (so both
          // searches saw the same holes), landing at different offsets.
          const effects = results.map((result) => result.effect);
          for (const [j, later] of effects.entries()) {
            if (later.kind !== 'alloc' || later.part !== 'a') continue;
            for (const [i, earlier] of effects.slice(0, j).entries()) {
              if (earlier.kind !== 'alloc' || earlier.part !== 'a' || earlier.chunk.size !== later.chunk.size) continue;
              if (earlier.policy === later.policy || earlier.chunk.offset === later.chunk.offset) continue;
              const freedBetween = effects.slice(i + 1, j).some((effect) => effect.kind === 'free' && effect.chunk.id === earlier.chunk.id);
              if (freedBetween) {
                return { passed: true, observed: `${earlier.policy} fit put ${earlier.chunk.size} B at offset ${earlier.chunk.offset}; after its free, ${later.policy} fit put the same request at offset ${later.chunk.offset}.` };
              }
            }
          }
          const allocs = effects.filter((effect) => effect.kind === 'alloc');
          return allocs.length > 1 ? { passed: false, hint: 'Free the first 64 B chunk before the second alloc, so both policies choose among the same holes.' } : waiting;
        },
      },
    ],
  },
  {
    number: 6,
    title: 'Part B: the elastic heap',
    intro: 'Up to four pages, mapped one at a time, only when no free chunk fits. Sizes are multiples of 256.',
    steps: [
      {
        task: 'Choose Part B and start it: type part b, then init.',
        watch: 'Nothing is mapped: VSZ does not move.',
        why: 'Part B\'s init_alloc only sets up bookkeeping; pages come later, on demand.',
        check: ({ results }) => {
          const init = latest(results, 'init', (effect) => effect.part === 'b');
          if (!init) return latest(results, 'init') ? { passed: false, hint: 'That was Part A: type part b first, then init.' } : waiting;
          const delta = init.result.delta!;
          return { passed: true, observed: `ours ${change(delta.ours.mappedBytes)}, VSZ ${change(delta.vszBytes)}.`, caveat: runtimeCaveat(delta.vszBytes, 0) };
        },
      },
      {
        task: 'Allocate: alloc 256.',
        watch: 'The first page is mapped now: a Part B page appears, VSZ +4 KiB.',
        why: 'No page held a free chunk, so exactly one page was mapped and the chunk carved from it.',
        check: ({ results, pageSize }) => {
          const first = latest(results, 'alloc', (effect) => effect.part === 'b' && effect.facts.pageMapped);
          if (!first) return latest(results, 'alloc') ? { passed: false, hint: 'That alloc found room in a page already mapped; cleanup and init to start with none.' } : waiting;
          const delta = first.result.delta!;
          return { passed: true, observed: `VSZ ${change(delta.vszBytes)}, ours ${change(delta.ours.mappedBytes)}.`, caveat: runtimeCaveat(delta.vszBytes, pageSize) };
        },
      },
      {
        task: 'Allocate again: alloc 256.',
        watch: 'No new page: the chunk comes from the page already there; VSZ +0.',
        why: 'A request is served from an existing page whenever some free chunk fits; mapping is the last resort.',
        check: ({ results }) => {
          const reuse = latest(results, 'alloc', (effect) => effect.part === 'b' && !effect.facts.pageMapped);
          if (!reuse) return latest(results, 'alloc') ? { passed: false, hint: 'That one needed a new page; ask for a size that fits in the free part of a page.' } : waiting;
          return { passed: true, observed: `served from p${reuse.effect.pageName}, a page already mapped; VSZ ${change(reuse.result.delta!.vszBytes)}.`, caveat: runtimeCaveat(reuse.result.delta!.vszBytes, 0) };
        },
      },
      {
        task: 'Ask for more than any page has free in one piece: alloc 3840, twice.',
        watch: 'The second time, 3584 B are free in the heap\'s first page and 256 B in its second (3840 in all), yet a new page is mapped.',
        why: 'Pages are not assumed contiguous, so a chunk never crosses a page boundary, and free space is never merged across pages, even when the kernel placed them side by side. When no page has a fitting chunk, exactly one new page is mapped.',
        check: ({ results }) => {
          const grew = latest(results, 'alloc', (effect) => effect.part === 'b' && effect.facts.pageMapped && effect.freeBytesBefore >= effect.chunk.size);
          if (!grew) return latest(results, 'alloc') ? { passed: false, hint: 'Ask for a size that the free bytes add up to, but no single page holds.' } : waiting;
          return { passed: true, observed: `alloc ${grew.effect.chunk.size} mapped a new page, p${grew.effect.pageName}, with ${grew.effect.freeBytesBefore} B free in the heap's other pages.` };
        },
      },
      {
        task: 'Fill the heap: alloc 4096 until it is refused.',
        watch: 'The fifth page is refused: at most four pages (16 KiB).',
        why: 'The heap may grow to four pages. Past that, alloc returns NULL instead of mapping more: the limit is the heap\'s, not the kernel\'s.',
        check: ({ results }) => {
          const full = latest(results, 'alloc-refused', (effect) => effect.part === 'b' && effect.reason === 'heap-full');
          if (!full) return latest(results, 'alloc-refused') ? { passed: false, hint: 'Refused for another reason; a size of 4096 shows the page limit.' } : waiting;
          return { passed: true, observed: `alloc ${full.effect.size} refused with all four pages mapped (${full.effect.freeBytes} B free, largest ${full.effect.largestFreeBytes} B).` };
        },
      },
    ],
  },
  {
    number: 7,
    title: "The lab's own test programs",
    intro: 'The two programs the lab ships, replayed step by step on fresh allocators, each check shown.',
    steps: [
      {
        task: 'Type run test_alloc.',
        watch: 'Each step: the operation, the chunk it got, the data check; the merges at the end.',
        why: 'test_alloc checks split (a freed 1024 serves a 1024), merge (two freed 512s serve a 1024, two 1024s a 2048), and that data in other chunks survives.',
        check: ({ results }) => {
          const run = latest(results, 'run', (effect) => effect.program === 'test_alloc');
          if (!run) return waiting;
          return run.effect.passed
            ? { passed: true, observed: `every check passed (${run.result.details.length} lines in the log).` }
            : { passed: true, observed: 'the replay ran, but some checks failed', caveat: 'A failed check here means the allocator broke a rule of the lab; the log shows which step.' };
        },
      },
      {
        task: 'Type run test_ealloc.',
        watch: 'The VSZ lines: +4096 B for each of the first four 4096 B allocations, then +0.',
        why: 'The original prints VSZ from /proc/self/stat field 23. Pages are mapped only when needed and never unmapped while the heap lives, so after four pages VSZ stays put through 64 small chunks and four big ones again.',
        check: ({ results }) => {
          const run = latest(results, 'run', (effect) => effect.program === 'test_ealloc');
          if (!run) return waiting;
          const vszLines = run.result.details.filter((line) => line.includes('VSZ')).length;
          return run.effect.passed
            ? { passed: true, observed: `all ${vszLines} VSZ lines matched the expected values (the runtime's share, when any, named on its line).` }
            : { passed: true, observed: 'the replay ran, but some VSZ lines differed', caveat: 'See the lines marked DIFFERENT: our own pages did not move VSZ as the lab expects.' };
        },
      },
    ],
  },
  lesson8,
];

// Watching a C program (memtui watch): numbered after the lessons above, in a file of its own.
lessons.push(watchLesson(lessons.length + 1));

/** The number of the lesson on the student's own allocator, for texts that point to it. */
export const ownAllocatorLesson = lessons.indexOf(lesson8) + 1;
