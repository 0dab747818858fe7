import { type HeapPart, kib, type Sample } from '../../result/index.js';
import type { Policy } from '../../heap/index.js';
import { fitLine, type Line, lineLength, seg } from './line.js';

function figure(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}

function since(now: number, mark: number | undefined): string {
  return mark === undefined ? '' : ` (${kib(now - mark, { signed: true })} since mark)`;
}

/** The second line of the header while watching another process: its state, or why watching is over. */
export interface WatchHeader {
  /** proc(5) State of the process now ("S (sleeping)"); null before the first sample. */
  state: string | null;
  /** How it ended (the exit report of a program memtui started, or why the PID no longer names it); null while it lives. */
  ended: string | null;
}

export interface HeaderFacts {
  pid: number;
  /** The process measured, when it is not memtui itself. */
  subject: string | null;
  sample: Sample;
  mark: Sample | null;
  pageSize: number;
  part: HeapPart;
  policy: Policy;
  /** What "ours" is when it is not memtui's own allocator: "alloc.c, Part A (yours)". */
  allocator?: string;
  /** Set while watching another process: its line replaces "ours" (it has no part that is memtui's). */
  watch?: WatchHeader | null;
}

/**
 * A watched process: PID and figures first (they are never cut), then its name; below, its
 * changes since the mark and its state, or how it ended.
 */
function watchedLines({ pid, subject, sample, mark }: HeaderFacts, watch: WatchHeader, width: number): Line[] {
  const sinceMark = mark === null
    ? [seg('k marks a baseline', { tone: 'muted' })]
    : [seg(`since mark: VSZ ${kib(sample.vszBytes - mark.vszBytes, { signed: true })}, RSS ${kib(sample.rssBytes - mark.rssBytes, { signed: true })}`, { bold: true })];
  return [
    [
      seg('memtui', { bold: true }), seg(`  PID ${pid}  `),
      seg(`VSZ ${figure(sample.vszBytes)}`, { bold: true }), seg('  '), seg(`RSS ${figure(sample.rssBytes)}`, { bold: true }),
      seg(`  watching ${subject ?? '?'}`),
    ],
    watch.ended !== null
      // Its first sentence: the grid below says the rest.
      ? withTail([seg(watch.ended.split('. ')[0]!, { tone: 'bad', bold: true })], seg(' (figures: the last reading)', { tone: 'muted' }), width)
      : withTail([...sinceMark, seg(` | state ${watch.state ?? '?'}`)], seg(' | /proc/PID/status every second', { tone: 'muted' }), width),
  ];
}

/** `line` and then `tail` where both fit; else `line` alone, rather than the tail cut. */
function withTail(line: Line, tail: Line[number], width: number): Line {
  return lineLength(line) + tail.text.length <= width ? [...line, tail] : line;
}

/** The first of `candidates` (most detailed first) that fits `width`; the last one cut when none does. */
function firstFitting(candidates: Line[], width: number): Line {
  return fitLine(candidates.find((line) => lineLength(line) <= width) ?? candidates[candidates.length - 1]!, width);
}

/**
 * PID, live VSZ and RSS with their change since the mark, and the part of each that is ours.
 * Each line says less rather than being cut: the figures and their deltas are what must show
 * (at 80 columns, "since mark" twice and the allocator's name do not fit beside large figures).
 */
export function headerLines(facts: HeaderFacts, width: number): Line[] {
  const { pid, subject, sample, mark, pageSize, part, policy, allocator, watch } = facts;
  if (watch) return watchedLines(facts, watch, width).map((line) => fitLine(line, width));
  const { ours } = sample;
  const pages = ours.mappedBytes / pageSize;
  const resident = ours.residentBytes / pageSize;
  const who = subject === null ? `PID ${pid}` : `measuring ${subject}, PID ${pid}`;
  const vsz = seg(`VSZ ${figure(sample.vszBytes)}`, { bold: true });
  const rss = seg(`RSS ${figure(sample.rssBytes)}`, { bold: true });
  const delta = (now: number, then: number) => seg(` (${kib(now - then, { signed: true })})`, { tone: 'muted' });
  // The change alone, in the unit of the figure before it.
  const bare = (now: number, then: number) => kib(now - then, { signed: true }).replace(/ KiB$/, '');
  const first: Line[] = mark === null
    ? [
      [seg('memtui', { bold: true }), seg(`  ${who}  `), vsz, seg('  '), rss],
      [seg(`PID ${pid}  `), vsz, seg('  '), rss],
      [vsz, seg('  '), rss],
    ]
    : [
      [seg('memtui', { bold: true }), seg(`  ${who}  `), vsz, seg(since(sample.vszBytes, mark.vszBytes), { tone: 'muted' }), seg('  '), rss, seg(since(sample.rssBytes, mark.rssBytes), { tone: 'muted' })],
      [seg('memtui', { bold: true }), seg(`  ${who}  `), vsz, delta(sample.vszBytes, mark.vszBytes), seg('  '), rss, delta(sample.rssBytes, mark.rssBytes), seg(' since mark', { tone: 'muted' })],
      [seg(`${who}  `), vsz, delta(sample.vszBytes, mark.vszBytes), seg('  '), rss, delta(sample.rssBytes, mark.rssBytes), seg(' since mark', { tone: 'muted' })],
      [seg(`PID ${pid}  `), vsz, delta(sample.vszBytes, mark.vszBytes), seg('  '), rss, delta(sample.rssBytes, mark.rssBytes), seg(' since mark', { tone: 'muted' })],
      // Both changes after the figures, with their unit and what they are changes since.
      [seg(`PID ${pid}  `), vsz, seg('  '), rss, seg(`  since mark ${bare(sample.vszBytes, mark.vszBytes)}/${bare(sample.rssBytes, mark.rssBytes)} KiB`, { tone: 'muted' })],
      [seg(`PID ${pid}  `), vsz, delta(sample.vszBytes, mark.vszBytes), seg(' '), rss, delta(sample.rssBytes, mark.rssBytes)],
      [vsz, seg(` ${bare(sample.vszBytes, mark.vszBytes)}  `), rss, seg(` ${bare(sample.rssBytes, mark.rssBytes)}`)],
    ];
  const ourPages = `${pages.toLocaleString('en-US')} page${pages === 1 ? '' : 's'}`;
  const owner = seg(allocator === undefined ? ` | Part ${part.toUpperCase()}, ${policy} fit` : ` | ${allocator}`, { tone: 'muted' });
  const second: Line[] = [
    [seg(`ours: ${ourPages} (${figure(ours.mappedBytes)}) mapped, ${resident.toLocaleString('en-US')} (${figure(ours.residentBytes)}) resident`), owner],
    [seg(`ours: ${ourPages} (${figure(ours.mappedBytes)}) mapped, ${resident.toLocaleString('en-US')} (${figure(ours.residentBytes)}) resident`)],
    [seg(`ours: ${ourPages} mapped, ${resident.toLocaleString('en-US')} resident`), owner],
    [seg(`ours: ${ourPages} mapped, ${resident.toLocaleString('en-US')} resident`)],
  ];
  return [firstFitting(first, width), firstFitting(second, width)];
}
