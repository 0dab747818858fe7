import { formatAddress, parseAddress } from './address.js';

/** At most this many pages in one presence reading (16 GiB of 4 KiB pages: 4 MiB of states). */
export const MAX_PRESENCE_PAGES = 1 << 22;

export type PageRange =
  | { ok: true; firstPage: number; pages: number }
  | { ok: false; kind: 'bad-address' | 'too-large'; message: string };

/** [start, end) rounded out to whole pages, or what is wrong with it. */
export function pageRange(start: bigint | number | string, end: bigint | number | string, pageBytes: number): PageRange {
  const from = parseAddress(start);
  if (typeof from === 'string') return { ok: false, kind: 'bad-address', message: from };
  const to = parseAddress(end);
  if (typeof to === 'string') return { ok: false, kind: 'bad-address', message: to };
  if (to <= from) {
    return { ok: false, kind: 'bad-address', message: `${formatAddress(from)}-${formatAddress(to)} is an empty range: the end must lie above the start` };
  }
  const page = BigInt(pageBytes);
  const firstPage = from / page;
  const pages = (to + page - 1n) / page - firstPage;
  if (pages > BigInt(MAX_PRESENCE_PAGES)) {
    return {
      ok: false, kind: 'too-large',
      message: `${formatAddress(from)}-${formatAddress(to)} spans ${pages.toLocaleString('en-US')} pages: memtui reads at most `
        + `${MAX_PRESENCE_PAGES.toLocaleString('en-US')} pages (${(MAX_PRESENCE_PAGES * pageBytes) / 2 ** 30} GiB) at a time; ask for the part on screen`,
    };
  }
  return { ok: true, firstPage: Number(firstPage), pages: Number(pages) };
}
