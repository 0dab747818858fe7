import { quoteStart } from '../text/quote.js';

/** What a command can point at: `#3` (a mapping or chunk id), `0x7f...` (an address), `p2` (page 2 on screen). */
export type Target =
  | { kind: 'id'; id: number; text: string }
  | { kind: 'address'; address: bigint; text: string }
  | { kind: 'page'; page: number; text: string };

export const targetHint = 'a target is #<id> (as shown on screen), 0x<address> inside one of our pages, or p<N> (page N on screen)';

export function parseTarget(text: string): Target | string {
  if (/^#\d{1,9}$/.test(text)) return { kind: 'id', id: Number(text.slice(1)), text };
  if (/^0x[0-9a-f]{1,16}$/i.test(text)) return { kind: 'address', address: BigInt(text.toLowerCase()), text };
  if (/^p\d{1,9}$/i.test(text)) return { kind: 'page', page: Number(text.slice(1)), text };
  return `"${quoteStart(text)}" is not a target: ${targetHint}`;
}
