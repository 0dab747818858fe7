import { type ChunkInfo, hex, type HeapStats } from '../../heap/index.js';
import type { HeapPart } from '../../result/index.js';
import { type LabState, partName, partTitle } from '../../session/index.js';
import { chunkTone } from './grid-view.js';
import { fitLine, type Line, seg } from './line.js';
import { glyphsOf } from './page-view.js';
import { wrapWords } from './wrap.js';

/** What Tab does from here, as long as the box allows beside `title`. */
export function tabHint(title: string, focused: boolean, width: number): string {
  const hints = focused ? [' (Tab: back to pages)', ' (Tab: pages)', ''] : [' (Tab: select one)', ' (Tab: select)', ''];
  return hints.find((hint) => title.length + hint.length <= width) ?? '';
}

export function statsLine(stats: HeapStats): string {
  return `free ${stats.freeBytes} B in ${stats.freeChunks} chunk${stats.freeChunks === 1 ? '' : 's'}, largest ${stats.largestFreeBytes} B, fragmentation ${Math.round(stats.fragmentation * 100)}%`;
}

/** The used chunks of the current part, in address order: what Tab and the arrows select among. */
export function selectableChunks(lab: LabState, part: HeapPart = lab.part): number[] {
  return (lab.heap(part)?.chunks() ?? []).filter((chunk) => !chunk.free).map((chunk) => chunk.id);
}

/**
 * The chunk list of the current part and its free-space figures, for a box of `width` x
 * `height`: the selected chunk stays in view; the address column shows where there is room.
 */
export function chunkListLines(lab: LabState, selectedId: number | null, focused: boolean, width: number, height: number): Line[] {
  const part = lab.part;
  const heap = lab.heap(part);
  if (!heap) {
    // Wrapped: the side column can be 32 wide.
    return [
      [seg(partName[part], { bold: true })],
      ...wrapWords('not initialised: press i (or type init). t switches between Part A and Part B.', width).map((text) => [seg(text, { tone: 'muted' })]),
    ].map((line) => fitLine(line, width));
  }
  const stats = heap.stats();
  const chunks = heap.chunks();
  const pageNames = new Map<number, number>();
  const glyphs = new Map<number, string>();
  for (let page = 0; page < heap.pagesMapped; page += 1) {
    pageNames.set(page, lab.heapPageName(part, page));
    for (const [id, glyph] of glyphsOf(chunks.filter((chunk) => chunk.page === page))) glyphs.set(id, glyph);
  }
  const head: Line[] = [
    [seg(`${partTitle[part]} chunks`, { bold: true }), seg(tabHint(`${partTitle[part]} chunks`, focused, width), { tone: 'muted' })],
    [seg(`${stats.pagesMapped}/${stats.maxPages} page${stats.maxPages === 1 ? '' : 's'}, ${stats.policy} fit`)],
    [seg(`free ${stats.freeBytes} B in ${stats.freeChunks} chunk${stats.freeChunks === 1 ? '' : 's'}`)],
    [seg(`largest ${stats.largestFreeBytes} B, fragmentation ${Math.round(stats.fragmentation * 100)}%`)],
  ];
  const withAddress = width >= 44;
  head.push([seg(withAddress ? '   id    address        offset  size state' : '   id    offset  size state', { tone: 'muted' })]);
  const room = Math.max(1, height - head.length - 1);
  const selectedIndex = Math.max(0, chunks.findIndex((chunk) => chunk.id === selectedId && !chunk.free));
  const first = Math.max(0, Math.min(selectedIndex - Math.floor(room / 2), chunks.length - room));
  const rows = chunks.slice(first, first + room).map((chunk: ChunkInfo): Line => {
    const selected = focused && !chunk.free && chunk.id === selectedId;
    const label = chunk.free ? '  . free' : `${glyphs.get(chunk.id) ?? '?'} #${chunk.id}`;
    const text = `${selected ? '>' : ' '}${label.padEnd(7)}${withAddress ? ` ${hex(chunk.address).slice(-12)}` : ''} ${`p${pageNames.get(chunk.page)}+${chunk.offset}`.padStart(7)} ${String(chunk.size).padStart(5)} ${chunk.free ? 'free' : 'used'}`;
    return [seg(text, { tone: chunk.free ? 'muted' : chunkTone(chunk.id), inverse: selected })];
  });
  const more = chunks.length - first - rows.length;
  const tail: Line[] = first > 0 || more > 0 ? [[seg(`  ${first > 0 ? `${first} above` : ''}${first > 0 && more > 0 ? ', ' : ''}${more > 0 ? `${more} more below` : ''}`, { tone: 'muted' })]] : [];
  return [...head, ...rows, ...tail].map((line) => fitLine(line, width));
}
