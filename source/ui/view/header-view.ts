import { type HeapPart, kib, type Sample } from '../../result/index.js';
import type { Policy } from '../../heap/index.js';
import { fitLine, type Line, seg } from './line.js';

function figure(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}

function since(now: number, mark: number | undefined): string {
  return mark === undefined ? '' : ` (${kib(now - mark, { signed: true })} since mark)`;
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
}

/** PID, live VSZ and RSS with their change since the mark, and the part of each that is ours. */
export function headerLines({ pid, subject, sample, mark, pageSize, part, policy, allocator }: HeaderFacts, width: number): Line[] {
  const { ours } = sample;
  const pages = ours.mappedBytes / pageSize;
  const resident = ours.residentBytes / pageSize;
  return [
    [
      seg('memtui', { bold: true }), seg(subject === null ? `  PID ${pid}  ` : `  measuring ${subject}, PID ${pid}  `),
      seg(`VSZ ${figure(sample.vszBytes)}`, { bold: true }), seg(since(sample.vszBytes, mark?.vszBytes), { tone: 'muted' }),
      seg('  '),
      seg(`RSS ${figure(sample.rssBytes)}`, { bold: true }), seg(since(sample.rssBytes, mark?.rssBytes), { tone: 'muted' }),
    ],
    [
      seg(`ours: ${pages.toLocaleString('en-US')} page${pages === 1 ? '' : 's'} (${figure(ours.mappedBytes)}) mapped, ${resident.toLocaleString('en-US')} (${figure(ours.residentBytes)}) resident`),
      seg(allocator === undefined ? ` | Part ${part.toUpperCase()}, ${policy} fit` : ` | ${allocator}`, { tone: 'muted' }),
    ],
  ].map((line) => fitLine(line, width));
}
