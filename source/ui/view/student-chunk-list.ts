import { hex } from '../../heap/index.js';
import type { StudentPicture } from '../../session/index.js';
import type { ChunkPanel } from './chunk-panel.js';
import { tabHint } from './chunk-list.js';
import { chunkTone } from './grid-view.js';
import { fitLine, type Line, seg } from './line.js';
import { chunkGlyph } from './page-view.js';

type Row =
  | { kind: 'chunk'; id: number; address: bigint; place: string; size: number; key: [number, number] }
  | { kind: 'free'; place: string; size: number; key: [number, number] };

/** Chunks and free stretches in page order, then offset; chunks outside their pages last. */
function rowsOf(picture: StudentPicture): Row[] {
  const order = new Map(picture.pages.map((page) => [page.base, page.order]));
  const rows: Row[] = picture.chunks.map((chunk) => {
    const page = chunk.page === null ? undefined : order.get(chunk.page);
    const place = page === undefined || chunk.offset === null ? '?' : `p${page}+${chunk.offset}`;
    return { kind: 'chunk', id: chunk.id, address: chunk.address, place, size: chunk.size, key: [page ?? Number.MAX_SAFE_INTEGER, chunk.offset ?? 0] };
  });
  for (const gap of picture.free) rows.push({ kind: 'free', place: `p${gap.pageOrder}+${gap.offset}`, size: gap.size, key: [gap.pageOrder, gap.offset] });
  return rows.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
}

/**
 * The chunk list of a loaded student allocator: the chunks alloc returned (not freed yet) and
 * the free stretches between them, as the lab's rules imply (each page minus the live chunks:
 * their own bookkeeping may see it otherwise).
 */
export function studentChunkPanel(picture: StudentPicture): ChunkPanel {
  const rows = rowsOf(picture);
  const ids = rows.flatMap((row) => (row.kind === 'chunk' ? [row.id] : []));
  const freeBytes = picture.free.reduce((sum, gap) => sum + gap.size, 0);
  const largest = picture.free.reduce((max, gap) => Math.max(max, gap.size), 0);
  const fragmentation = freeBytes === 0 ? 0 : Math.round((1 - largest / freeBytes) * 100);
  const pages = picture.pages.length;
  const freeText = `free ${freeBytes} B in ${picture.free.length} stretch${picture.free.length === 1 ? '' : 'es'}`;
  return {
    ids,
    rowsWanted: 5 + rows.length + 1,
    summary: [
      `${picture.name}, Part ${picture.part.toUpperCase()}: ${pages} page${pages === 1 ? '' : 's'}, ${ids.length} chunk${ids.length === 1 ? '' : 's'}, ${freeText}, largest ${largest} B`,
      `${picture.name}: ${pages} page${pages === 1 ? '' : 's'}, ${ids.length} chunk${ids.length === 1 ? '' : 's'}, ${freeText}, largest ${largest} B`,
      `${picture.name}: ${ids.length} chunk${ids.length === 1 ? '' : 's'}, free ${freeBytes} B, largest ${largest} B`,
    ],
    lines(selectedId, focused, width, height) {
      const head: Line[] = [
        [seg(`${picture.name} chunks`, { bold: true }), seg(tabHint(`${picture.name} chunks`, focused, width), { tone: 'muted' })],
        [seg(`Part ${picture.part.toUpperCase()}, yours: ${pages} page${pages === 1 ? '' : 's'}, PID ${picture.pid}`)],
        [seg(freeText)],
        [seg(`largest ${largest} B, fragmentation ${fragmentation}%`)],
      ];
      const withAddress = width >= 44;
      head.push([seg(withAddress ? '   id    address        offset  size state' : '   id    offset  size state', { tone: 'muted' })]);
      const room = Math.max(1, height - head.length - 1);
      const selectedIndex = Math.max(0, rows.findIndex((row) => row.kind === 'chunk' && row.id === selectedId));
      const first = Math.max(0, Math.min(selectedIndex - Math.floor(room / 2), rows.length - room));
      let previous: string | null = null;
      const glyphs = new Map<number, string>();
      for (const row of rows) {
        if (row.kind === 'free') { previous = null; continue; }
        previous = chunkGlyph(row.id, previous);
        glyphs.set(row.id, previous);
      }
      const shown = rows.slice(first, first + room).map((row): Line => {
        if (row.kind === 'free') {
          return [seg(` ${'  .'.padEnd(7)}${withAddress ? ' '.repeat(13) : ''} ${row.place.padStart(7)} ${String(row.size).padStart(5)} free`, { tone: 'muted' })];
        }
        const selected = focused && row.id === selectedId;
        const label = `${glyphs.get(row.id)} #${row.id}`;
        const text = `${selected ? '>' : ' '}${label.padEnd(7)}${withAddress ? ` ${hex(row.address).slice(-12)}` : ''} ${row.place.padStart(7)} ${String(row.size).padStart(5)} used`;
        return [seg(text, { tone: chunkTone(row.id), inverse: selected })];
      });
      const more = rows.length - first - shown.length;
      const tail: Line[] = first > 0 || more > 0 ? [[seg(`  ${first > 0 ? `${first} above` : ''}${first > 0 && more > 0 ? ', ' : ''}${more > 0 ? `${more} more below` : ''}`, { tone: 'muted' })]] : [];
      const empty: Line[] = rows.length === 0 ? [[seg(picture.initialised ? 'no chunk yet: a (alloc <size>) calls your alloc' : 'press i (init) first', { tone: 'muted' })]] : [];
      return [...head, ...shown, ...empty, ...tail].map((line) => fitLine(line, width));
    },
  };
}
