import { PAGE_CHANGED } from './page-states.js';

interface PastReading {
  firstPage: number;
  states: Uint8Array;
}

/**
 * Remembers the last presence readings of a process (at most `keep`, newest last) so that a new
 * reading can mark the pages whose state changed since. Ranges need not repeat: a page is
 * compared with the newest earlier reading that covered it, so a scrolled window still marks
 * what changed. Memory: one byte a page of each kept reading.
 */
export class ChangeTracker {
  readonly #keep: number;
  #past: PastReading[] = [];

  constructor(keep = 16) {
    this.#keep = keep;
  }

  /**
   * Sets PAGE_CHANGED in `states` (pages from `firstPage`) where a page differs from its last
   * reading; returns how many changed and whether any page had been read before.
   */
  mark(firstPage: number, states: Uint8Array): { changed: number; seenBefore: boolean } {
    const plain = states.slice();
    const compared = new Uint8Array(states.length);
    let changed = 0;
    let seenBefore = false;
    for (let index = this.#past.length - 1; index >= 0; index -= 1) {
      const past = this.#past[index]!;
      const from = Math.max(firstPage, past.firstPage);
      const to = Math.min(firstPage + states.length, past.firstPage + past.states.length);
      for (let page = from; page < to; page += 1) {
        const here = page - firstPage;
        if (compared[here]) continue;
        compared[here] = 1;
        seenBefore = true;
        if (past.states[page - past.firstPage] !== plain[here]) {
          states[here] = plain[here]! | PAGE_CHANGED;
          changed += 1;
        }
      }
    }
    // A kept reading wholly inside the new one can never be the newest for any page again.
    this.#past = this.#past.filter((past) => past.firstPage < firstPage
      || past.firstPage + past.states.length > firstPage + states.length);
    this.#past.push({ firstPage, states: plain });
    if (this.#past.length > this.#keep) this.#past.shift();
    return { changed, seenBefore };
  }

  forget(): void {
    this.#past = [];
  }
}
