import type { Result } from '../result/index.js';

/**
 * The newest results, bounded in count and in lines (a 4 KiB hexdump is 256 lines): the oldest
 * go first. The UI shows a window of it; scripts keep none (each result is written and dropped).
 */
export class ResultLog {
  readonly #entries: Result[] = [];
  readonly #maxEntries: number;
  readonly #maxLines: number;
  #lines = 0;
  #last: Result | null = null;

  constructor(maxEntries = 500, maxLines = 20_000) {
    this.#maxEntries = maxEntries;
    this.#maxLines = maxLines;
  }

  get length(): number { return this.#entries.length; }
  /** The newest result, kept even by a log that keeps no others. */
  get last(): Result | null { return this.#last; }

  at(index: number): Result | undefined {
    return this.#entries.at(index);
  }

  push(result: Result): void {
    this.#last = result;
    if (this.#maxEntries === 0) return;
    this.#entries.push(result);
    this.#lines += 2 + result.details.length;
    while (this.#entries.length > this.#maxEntries || (this.#lines > this.#maxLines && this.#entries.length > 1)) {
      const dropped = this.#entries.shift()!;
      this.#lines -= 2 + dropped.details.length;
    }
  }

  /** The entries, oldest first (a copy-free view for reading). */
  entries(): readonly Result[] {
    return this.#entries;
  }
}
