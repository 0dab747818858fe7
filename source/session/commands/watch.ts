// The commands of watching another process (`memtui --pid`, `memtui watch --`): the pages of one
// mapping, and the program's input. (stat, ps and maps of a watched process: watch/watched-measure.ts.)
import { type Target, openTarget, parseAddress } from '../../target/index.js';
import { kib, plural } from '../../result/index.js';
import { defineCommand } from '../command/command-spec.js';
import { ParamError, type Param, restParam } from '../command/param.js';
import { fail, type Outcome } from '../outcome.js';
import type { Subject } from '../subject.js';
import { quoteStart } from '../text/quote.js';
import { studentPicture } from '../student/loaded-allocator.js';
import { WatchedProcess } from '../watch/watched-process.js';

/** Where `pages` looks: an address as maps prints it (0x in front), or p<N>, a page of memtui's own grid. */
type PagesAt = { address: bigint } | { page: number; text: string };

function pagesAtParam<N extends string>(name: N): Param<N, PagesAt> {
  return {
    name, usage: '<address|pN>',
    parse([word]) {
      if (word === undefined) return new ParamError('the address is missing (as maps prints it, with 0x in front; or p<N>, a page on screen)');
      const page = /^p(\d{1,9})$/.exec(word.text);
      if (page) return { page: Number(page[1]), text: word.text };
      const address = parseAddress(word.text);
      return typeof address === 'string' ? new ParamError(address.replace(word.text, quoteStart(word.text))) : { address };
    },
  };
}

/** The watched process, when the subject is one. */
export function watchedOf(subject: Subject): WatchedProcess | null {
  return subject instanceof WatchedProcess ? subject : null;
}

/** The measured process read through /proc: the watched one, or memtui itself (opened for this reading). */
function targetOf(subject: Subject): Target | string {
  const watched = watchedOf(subject);
  if (watched) return watched.target;
  const opened = openTarget(subject.pid);
  return opened.ok ? opened.target : opened.problem.message;
}

export const pages = defineCommand({
  name: 'pages', group: 'measure',
  summary: 'the mapping of the measured process that holds an address (or page pN of ours): its pages present, swapped or not (pagemap)',
  detail: 'Reads /proc/PID/maps for the mapping and /proc/PID/pagemap for each of its pages (8 bytes a page). '
    + 'Present means a frame of RAM is mapped for the page now; with transparent huge pages, the zero page or a file it does not mean touched, '
    + 'and the notes say so. Frame numbers are never shown: they read as zero without CAP_SYS_ADMIN. '
    + 'Works on memtui itself and on a watched process (--pid, watch).',
  example: 'pages 0x7f10f8836000',
  params: [pagesAtParam('at')],
  keys: [{
    key: 'v', label: 'pages of the selected mapping',
    line: (selection) => (selection.region !== undefined ? (selection.region ? `pages ${selection.region}` : null) : selection.page ? `pages ${selection.page}` : null),
  }],
  run({ subject, lab }, { at }): Outcome {
    const target = targetOf(subject);
    if (typeof target === 'string') return fail(target);
    let address: bigint;
    if ('address' in at) {
      address = at.address;
    } else {
      // p<N> is a page of the grid: memtui's own, or those of the student's allocator loaded.
      const student = studentPicture(subject);
      if (student) {
        const page = student.pages.find((candidate) => candidate.order === at.page);
        if (!page) return fail(`${at.text}: ${student.name} has no page ${at.page} (${student.pages.length === 0 ? 'it has mapped none yet: try init' : `its pages are p0 to p${student.pages.length - 1}`})`);
        address = page.base;
      } else if (subject.pid !== process.pid) {
        return fail(`${at.text} names a page of memtui's own, and this measures PID ${subject.pid}: give an address as its maps print it (0x...)`);
      } else {
        const named = lab.pages.named(at.page);
        if (!named) return fail(`${at.text}: there is no page ${at.page} (${lab.pages.mappedPages === 0 ? 'no page is mapped yet: try mmap' : lab.pages.describeNames()})`);
        address = named.span.base + BigInt(named.pageInSpan * target.pageBytes);
      }
    }
    const holding = target.regionHolding(address);
    if (!holding.ok) return fail(holding.problem.message);
    const { region } = holding;
    const absent = region.pages - region.present - region.swapped;
    const what = holding.path === '' ? 'anonymous' : holding.path;
    // What present means, and that frame numbers are never shown, is in `help pages`: the log of
    // an 80x24 screen keeps room for the counts.
    const details = [
      ...(holding.rssBytes === null ? [] : [`smaps: RSS ${kib(holding.rssBytes)} of this mapping${holding.anonHugePagesBytes ? `, ${kib(holding.anonHugePagesBytes)} of it in transparent huge pages` : ''}`]),
      ...holding.notes.map((note) => `note: ${note}`),
    ];
    return {
      ok: true,
      message: `${holding.address} lies in ${region.start}-${region.end} ${holding.perms} (${what}), ${plural(region.pages, 'page')} `
        + `(${kib(region.pages * target.pageBytes)}): ${region.present.toLocaleString('en-US')} present, ${region.swapped.toLocaleString('en-US')} swapped, `
        + `${absent.toLocaleString('en-US')} not present`,
      details,
      effect: { kind: 'pages', pid: target.pid, address: holding.address, region, perms: holding.perms, path: holding.path, notes: holding.notes },
    };
  },
});

export const input = defineCommand({
  name: 'input', group: 'measure',
  summary: 'send a line to the program memtui started (watch --); alone, send Enter',
  detail: 'The text and a newline go to the program\'s standard input, as a terminal sends a line when Enter is pressed. '
    + 'In the UI, Enter sends Enter to it, and > opens a line to type for it.',
  example: 'input 42',
  params: [restParam('text', '[text]')],
  run({ subject }, { text }): Outcome {
    const watched = watchedOf(subject);
    if (!watched?.program) {
      return fail(watched
        ? `PID ${watched.pid} (${watched.label}) was not started by memtui, so its input is not memtui's to send: type in the terminal it runs in`
        : 'input goes to a program memtui started: memtui watch -- PROGRAM [ARGS] starts one and shows its output');
    }
    const line = text === null ? '' : text.map((word) => word.text).join(' ');
    const sent = watched.program.send(`${line}\n`);
    if (!sent.ok) return fail(sent.message);
    return { ok: true, message: `${line === '' ? 'Enter' : `"${quoteStart(line, 60)}" and Enter`} sent to ${watched.label}`, effect: { kind: 'none' } };
  },
});
