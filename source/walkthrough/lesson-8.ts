import { kib } from '../result/index.js';
import { change, latest, waiting } from './checks.js';
import type { Lesson } from './lesson.js';

const loadFirst = { passed: false, hint: 'Your allocator was loaded before this step began: type unload; load alloc.c (or unload; load example) to start from a fresh load.' } as const;

/**
 * Lesson 8: the student's own alloc.c, run in a driver process of its own (`load`). The checks
 * read what that process measured: its VSZ moves by exactly one page per mmap of their code,
 * because nothing else in it maps memory.
 */
export const lesson8: Lesson = {
  number: 8,
  title: 'Your own allocator',
  intro: 'Your alloc.c (Part A) on real pages: memtui runs it in a small process of its own, calls its functions when you type init, alloc, free and cleanup, and draws where it put each chunk.',
  steps: [
    {
      task: 'Load your Part A: type load alloc.c (a path from the folder you started memtui in). No alloc.c yet? Type load example, the one memtui ships (docs/examples/alloc.c).',
      watch: 'The header now measures another process: the small driver running your code, a few MB of VSZ instead of memtui\'s 7 GiB.',
      why: 'Your code never runs inside memtui: a wild pointer or an endless loop would take the screen down with it. memtui compiles your file with gcc and runs it in a driver process of its own, which calls your four functions when you type init, alloc, free and cleanup. That process allocates nothing after it starts, so its VSZ and RSS move only when your code maps or touches a page.',
      check: ({ results }) => {
        const loaded = latest(results, 'load');
        if (!loaded) {
          if (latest(results, 'student-init') || latest(results, 'student-alloc')) return loadFirst;
          return waiting;
        }
        if (loaded.effect.part !== 'a') return { passed: false, hint: 'That one is loaded as Part B; this lesson is about Part A: unload, then load alloc.c (or load example).' };
        return {
          passed: true,
          observed: `${loaded.effect.file} runs in PID ${loaded.effect.pid} as Part A; that process has VSZ ${kib(loaded.result.vszBytes)} and RSS ${kib(loaded.result.rssBytes)} before any call.`,
        };
      },
    },
    {
      task: 'Press i (or type init): your init_alloc runs in that process.',
      watch: 'A page p0 appears in the grid, not resident; VSZ in the header grows by exactly 4 KiB; RSS does not move.',
      why: 'Your init_alloc called mmap: the kernel added 4 KiB of address space (VSZ) and no frame yet (RSS), as in lesson 2. Here the figure is exact to the byte: nothing else in the driver maps memory.',
      check: ({ results, pageSize }) => {
        const init = latest(results, 'student-init');
        if (!init) return latest(results, 'init') ? { passed: false, hint: 'That init was memtui\'s own: load your allocator first.' } : waiting;
        if (init.effect.value !== 0) return { passed: false, hint: `init_alloc returned ${init.effect.value}, an error by alloc.h: if it was initialised already, cleanup first.` };
        if (init.effect.pagesMapped !== 1) return { passed: false, hint: `Part A's init_alloc maps exactly one page; yours mapped ${init.effect.pagesMapped}. Fix it, then unload; load alloc.c.` };
        const delta = init.result.delta;
        return {
          passed: true,
          observed: `init_alloc() returned 0; the driver's VSZ ${change(delta?.vszBytes ?? pageSize)} (one page), RSS ${change(delta?.rssBytes ?? 0)}; ours: 1 page mapped, ${init.result.ours.residentBytes / pageSize} resident.`,
        };
      },
    },
    {
      task: 'Allocate two chunks: alloc 512, then alloc 1024.',
      watch: 'Each chunk shows in the grid by its letter (#1 is A, #2 is B) where your alloc put it; the first one touches the page (RSS +4 KiB).',
      why: 'memtui knows your chunks only from outside: the pointer alloc returned and the size asked. It fills each chunk with a pattern of its own (that write is the page\'s first touch, so RSS grows) and compares every chunk after every later call: a chunk handed out twice, or a header written over someone\'s data, shows at once.',
      check: ({ results }) => {
        const chunks = results.filter((result) => result.effect.kind === 'student-alloc' && result.effect.chunkId !== null);
        if (chunks.length >= 2) {
          const places = chunks.slice(-2).map((result) => {
            const effect = result.effect as Extract<typeof result.effect, { kind: 'student-alloc' }>;
            return `alloc(${effect.size}) -> #${effect.chunkId} at p${effect.page}+${effect.offset}`;
          });
          return { passed: true, observed: `${places.join(', ')}; the page became resident with the first fill.` };
        }
        const refused = latest(results, 'student-alloc', (effect) => effect.address === null);
        if (refused) return { passed: false, hint: `alloc(${refused.effect.size}) returned NULL: the log says why (init first? a size that is a multiple of 8?).` };
        return waiting;
      },
    },
    {
      task: 'Free the first: press Tab, pick #1 and press d, or type free #1.',
      watch: 'Its letters turn to free space (.) in the grid; VSZ does not move: the page stays mapped.',
      why: 'dealloc only changes your bookkeeping: the page stays mapped and resident. The chunk list shows free stretches as the lab\'s rules imply them (the page minus the live chunks); whether your allocator sees the same, and merges neighbours, is what grade\'s split and merge checks test.',
      check: ({ results }) => {
        const freed = latest(results, 'student-free', (effect) => effect.chunkId !== null && !effect.again);
        if (!freed) return latest(results, 'student-free') ? { passed: false, hint: 'That was not a chunk alloc returned (or one freed already): free #1, as the chunk list names it.' } : waiting;
        return { passed: true, observed: `dealloc(#${freed.effect.chunkId}) returned; VSZ ${change(freed.result.delta?.vszBytes ?? 0)}; ${freed.result.details.at(-1) ?? ''}.` };
      },
    },
    {
      task: 'Type grade: the lab\'s checks run on your allocator, each in a fresh process of its own.',
      watch: 'One line per check: pass, or FAIL with what was expected and what was seen. Your chunks on screen stay as they are.',
      why: 'grade (memtui grade FILE outside the UI, the same checks) runs the lab\'s own test program and one check per rule: all 4096 bytes usable, split, merge in any order, sizes refused, dealloc(NULL) and double frees changing nothing, no metadata in the page, no malloc. A crash or an endless loop in one check is that check\'s verdict, never the end of the others.',
      check: ({ results }) => {
        const graded = latest(results, 'grade');
        if (!graded) return waiting;
        const { pass, checks, notPassed } = graded.effect;
        return {
          passed: true,
          observed: `${pass} of ${checks} checks passed.`,
          caveat: notPassed.length === 0 ? undefined : `Not passed: ${notPassed.join(', ')}. Each line says what was expected and what was seen; docs/student-allocator.md explains every check and its usual cause.`,
        };
      },
    },
    {
      task: 'See a rule broken: type unload; load example-header; init (memtui\'s example that keeps a header inside the page).',
      watch: 'Marks ! appear in the grid where its init_alloc wrote into the page, and the log names those bytes.',
      why: 'The lab reserves all 4096 bytes for the program: no header, footer or list node may live in the page. The driver keeps a copy of every byte it expects in your pages (zeros in a fresh page, each chunk\'s pattern) and compares after every call: a byte your code changed outside the chunks it handed out is bookkeeping in the page.',
      check: ({ results }) => {
        const broke = latest(results, 'student-init', (effect) => effect.theirs.outsideChunks > 0);
        if (!broke) {
          return latest(results, 'student-init')
            ? { passed: false, hint: 'That init_alloc wrote nothing into its page: bookkeeping outside, as it should be. Type unload; load example-header; init to see one that does not.' }
            : waiting;
        }
        return { passed: true, observed: broke.result.details[0] ?? `init_alloc() wrote ${broke.effect.theirs.outsideChunks} B into its page before handing out any chunk.` };
      },
    },
    {
      task: 'Ask for the whole page: alloc 4096.',
      watch: 'NULL, although no chunk is allocated: the header took bytes the program was promised.',
      why: 'All 4096 bytes must be usable (grade\'s all-4096-usable check): with a header in the page, alloc(4096) can never succeed, and every chunk costs 8 more bytes. Keep the bookkeeping in arrays outside the page, as docs/examples/alloc.c does; unload goes back to memtui\'s own allocators.',
      check: ({ results }) => {
        const whole = latest(results, 'student-alloc', (effect) => effect.size === 4096);
        if (!whole) return waiting;
        if (whole.effect.address !== null) return { passed: false, hint: 'That allocator served all 4096 bytes, as the lab wants. Type unload; load example-header; init; alloc 4096 to see one that cannot.' };
        return { passed: true, observed: `${whole.result.message}.` };
      },
    },
  ],
};
