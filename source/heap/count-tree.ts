/**
 * Free chunks per page position, as a Fenwick tree: "how many free chunks lie in the pages
 * before position p" in O(log pages). Only the screen's heaps keep one (`countFree`): it is
 * what lets a result say how many free chunks a walk of the free list would have examined,
 * without the walk. The modules' lean heaps do not pay for it.
 */
export class CountTree {
  readonly #sums: Int32Array;

  constructor(capacity: number) {
    this.#sums = new Int32Array(capacity + 1);
  }

  get capacity(): number {
    return this.#sums.length - 1;
  }

  get byteLength(): number {
    return this.#sums.byteLength;
  }

  add(position: number, delta: number): void {
    const sums = this.#sums;
    for (let index = position + 1; index < sums.length; index += index & -index) sums[index] += delta;
  }

  /** The sum over positions < position. */
  before(position: number): number {
    const sums = this.#sums;
    let total = 0;
    for (let index = Math.min(position, sums.length - 1); index > 0; index -= index & -index) total += sums[index]!;
    return total;
  }

  /** Sets every position from `counts` in O(capacity). */
  rebuild(counts: (position: number) => number): void {
    const sums = this.#sums;
    sums.fill(0);
    for (let index = 1; index < sums.length; index += 1) {
      sums[index] += counts(index - 1);
      const parent = index + (index & -index);
      if (parent < sums.length) sums[parent] += sums[index]!;
    }
  }
}
