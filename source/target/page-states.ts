import { PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED, type PageState } from '../proc/index.js';

export { PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED, type PageState };

/**
 * One byte a page in a presence reading: the state (PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED) in
 * the low bits, and PAGE_CHANGED set when the state differs from the previous reading of that
 * page.
 */
export const PAGE_CHANGED = 0x80;
export const PAGE_STATE_MASK = 0x03;

export function pageState(states: Uint8Array, index: number): PageState {
  return (states[index]! & PAGE_STATE_MASK) as PageState;
}

export function pageChanged(states: Uint8Array, index: number): boolean {
  return (states[index]! & PAGE_CHANGED) !== 0;
}
