import { kib, plural, type Result } from '../result/index.js';
import { change, latest, waiting } from './checks.js';
import type { Lesson, Verdict } from './lesson.js';

/** A result measured on a watched process (memtui --pid, memtui watch), not on memtui itself. */
const watched = (result: Result): boolean => result.measured !== undefined && !result.measured.ours;

/** The command line that starts the program under memtui with this lesson open, as typed in the clone. */
const startCommand = (number: number) => `npx memtui watch --lesson ${number} -- ./before-you-begin`;

const startHintFor = (number: number) => 'This lesson watches a C program, not memtui: quit (q) and start memtui with the program, '
  + `${startCommand(number)} (compile it first: gcc -o before-you-begin docs/examples/before-you-begin.c).`;

/** The newest stat, when it was of the watched process; else why there is none to judge. */
function watchedStat(results: readonly Result[], number: number): { sinceMark: { vszBytes: number; rssBytes: number } } | Verdict {
  const stat = [...results].reverse().find((result) => result.command === 'stat');
  if (!stat) return waiting;
  if (!stat.ok) {
    return watched(stat) ? { passed: false, hint: `The program is gone (${stat.error}). Start it again: quit (q), then ${startCommand(number)}.` } : waiting;
  }
  if (stat.effect.kind !== 'watch-stat') return { passed: false, hint: `That stat measured memtui itself. ${startHintFor(number)}` };
  if (!stat.effect.sinceMark) return { passed: false, hint: 'There is no baseline: press k (mark) at a pause first, then s.' };
  return { sinceMark: stat.effect.sinceMark };
}

/**
 * The lab's "before you begin" (LAB.md) on a real C process: docs/examples/before-you-begin.c,
 * started by `memtui watch`, paused before its mmap, after it, and after a write. Each check
 * reads `stat` of the watched process against the mark: VSZ +1 page after the mmap, RSS +1 page
 * after the write (demand paging: mmap(2) reserves, the first write faults the page in).
 */
export function watchLesson(number: number): Lesson {
  const startHint = startHintFor(number);
  return {
    number,
    title: 'Watch a C program: before you begin',
    intro: 'The lab begins with a small C program measured from outside. Run it under memtui: compile it '
      + `(gcc -o before-you-begin docs/examples/before-you-begin.c), then ${startCommand(number)}. `
      + 'Its output is in the pane; Enter goes to it, and each Enter moves it one pause on.',
    steps: [
      {
        task: 'At the program\'s first pause ("[1/3 before mmap]"), press k to mark a baseline.',
        watch: 'The header shows the program\'s PID, VSZ and RSS, and from now on their change since the mark.',
        why: 'A C program that has only started maps its code, libc, the loader, a heap and a stack: a few MB of address space, of which some hundreds of KiB are in RAM. memtui itself, a node process, maps about a GiB (and its UI much more): the process you measure decides the numbers.',
        check: ({ results }) => {
          const mark = latest(results, 'mark', (_effect, result) => watched(result));
          if (!mark) return latest(results, 'mark') ? { passed: false, hint: `That marked memtui itself. ${startHint}` } : waiting;
          const { result } = mark;
          const big = result.vszBytes > 64 << 20;
          return {
            passed: true,
            observed: `PID ${result.measured!.pid} (${result.measured!.label}): VSZ ${kib(result.vszBytes)}, RSS ${kib(result.rssBytes)}.`,
            caveat: big ? 'That is more than a small C program maps: is it the lab\'s program, or one that allocates at start?' : undefined,
          };
        },
      },
      {
        task: 'Press Enter: the program maps one page and stops at "[2/3 after mmap]". Then press s (stat).',
        watch: 'since mark: VSZ +4 KiB, RSS +0 KiB. A mapping is marked new (or one grew by 4 KiB) in the grid.',
        why: 'mmap only reserves address space: the kernel records a region and gives no frame of RAM until the page is touched (demand paging). So VSZ grows by exactly one page and RSS does not move. The kernel may merge the new page into a neighbouring anonymous mapping with the same permissions, so maps shows a new line or a line 4 KiB longer.',
        check: ({ results, pageSize }) => {
          const stat = watchedStat(results, number);
          if ('passed' in stat) return stat;
          const { vszBytes, rssBytes } = stat.sinceMark;
          if (vszBytes === 0) return { passed: false, hint: 'VSZ has not moved since the mark yet: press Enter so that the program runs its mmap ("[2/3 after mmap]"), then s.' };
          if (vszBytes !== pageSize) {
            return { passed: false, hint: `VSZ moved ${change(vszBytes)} since the mark, not one page (${pageSize} B): mark (k) at the pause before the mmap, then Enter and s.` };
          }
          return {
            passed: true,
            observed: `VSZ ${change(vszBytes)} (${vszBytes.toLocaleString('en-US')} B) since the mark, RSS ${change(rssBytes)}.`,
            caveat: rssBytes === 0 ? undefined : `RSS moved ${change(rssBytes)} as well: the program touched memory besides the mmap (did it write already? Enter pressed twice?).`,
          };
        },
      },
      {
        task: 'Find the page: select the mapping marked new or +4 KiB (arrows) and press v, or type pages and the address the program printed.',
        watch: 'The mapping\'s pages: the new one is "." (not present).',
        why: 'pagemap (/proc/PID/pagemap) says for every page whether a frame of RAM is mapped for it now. The page the program mapped has none yet: nothing has touched it.',
        check: ({ results }) => {
          const pages = latest(results, 'pages', (_effect, result) => watched(result));
          if (!pages) return latest(results, 'pages') ? { passed: false, hint: `That was memtui's own memory. ${startHint}` } : waiting;
          const { region } = pages.effect;
          return { passed: true, observed: `${region.start}-${region.end}: ${plural(region.pages, 'page')}, ${region.present} present, ${region.swapped} swapped.` };
        },
      },
      {
        task: 'Press Enter: the program writes one byte into its page and stops at "[3/3 after the write]". Press s.',
        watch: 'since mark: RSS +4 KiB, VSZ still +4 KiB. The page turns "#" (present), marked as changed.',
        why: 'The first write faults: the CPU finds no frame behind the address, the kernel takes a zeroed frame, maps it (a minor fault) and the write goes on. RSS grows by one page; the address space was already there, so VSZ does not move.',
        check: ({ results, pageSize }) => {
          const stat = watchedStat(results, number);
          if ('passed' in stat) return stat;
          const { vszBytes, rssBytes } = stat.sinceMark;
          if (rssBytes === 0) return { passed: false, hint: 'RSS has not moved since the mark: press Enter so that the program writes into its page ("[3/3 after the write]"), then s.' };
          return {
            passed: true,
            observed: `RSS ${change(rssBytes)} (${rssBytes.toLocaleString('en-US')} B) since the mark, VSZ ${change(vszBytes)}.`,
            caveat: rssBytes === pageSize ? undefined : `RSS moved ${change(rssBytes)}, not one page: besides its write, the program touched other memory (a buffer of stdio, its stack).`,
          };
        },
      },
    ],
  };
}
