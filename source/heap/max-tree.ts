/**
 * A segment tree over unit positions. Leaf i holds the length of the free chunk that starts at
 * unit i (0 when no free chunk starts there); inner nodes hold the maximum and the count of
 * free starts below them. It answers "the lowest free chunk at or after i that holds n units"
 * and "how many free chunks lie before i" in O(log units), so first, next and worst fit never
 * walk a list.
 */
export class MaxTree {
  #capacity: number;
  #max: Int32Array;
  #count: Int32Array;

  constructor(size: number) {
    this.#capacity = MaxTree.#capacityFor(size);
    this.#max = new Int32Array(2 * this.#capacity);
    this.#count = new Int32Array(2 * this.#capacity);
  }

  static #capacityFor(size: number): number {
    let capacity = 1;
    while (capacity < size) capacity *= 2;
    return capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Room for `size` leaves, keeping every value. Doubling keeps the cost amortised. */
  ensure(size: number): void {
    if (size <= this.#capacity) return;
    const old = this.#capacity;
    const capacity = MaxTree.#capacityFor(size);
    const max = new Int32Array(2 * capacity);
    const count = new Int32Array(2 * capacity);
    max.set(this.#max.subarray(old, 2 * old), capacity);
    count.set(this.#count.subarray(old, 2 * old), capacity);
    for (let node = capacity - 1; node >= 1; node -= 1) {
      max[node] = Math.max(max[2 * node]!, max[2 * node + 1]!);
      count[node] = count[2 * node]! + count[2 * node + 1]!;
    }
    this.#capacity = capacity;
    this.#max = max;
    this.#count = count;
  }

  get(index: number): number {
    return this.#max[this.#capacity + index]!;
  }

  set(index: number, value: number): void {
    let node = this.#capacity + index;
    this.#max[node] = value;
    this.#count[node] = value > 0 ? 1 : 0;
    for (node >>= 1; node >= 1; node >>= 1) {
      const left = 2 * node;
      this.#max[node] = Math.max(this.#max[left]!, this.#max[left + 1]!);
      this.#count[node] = this.#count[left]! + this.#count[left + 1]!;
    }
  }

  /** The largest value (the largest free chunk). */
  max(): number {
    return this.#max[1]!;
  }

  /** The number of non-zero leaves (free chunks). */
  count(): number {
    return this.#count[1]!;
  }

  /** The lowest index >= from whose value is >= need, or -1. */
  leftmost(from: number, need: number): number {
    if (this.#max[1]! < need) return -1;
    if (from <= 0) {
      let node = 1;
      while (node < this.#capacity) node = this.#max[2 * node]! >= need ? 2 * node : 2 * node + 1;
      return node - this.#capacity;
    }
    return this.#leftmostFrom(1, 0, this.#capacity, from, need);
  }

  #leftmostFrom(node: number, low: number, high: number, from: number, need: number): number {
    if (high <= from || this.#max[node]! < need) return -1;
    if (node >= this.#capacity) return node - this.#capacity;
    const middle = (low + high) >> 1;
    const found = this.#leftmostFrom(2 * node, low, middle, from, need);
    return found >= 0 ? found : this.#leftmostFrom(2 * node + 1, middle, high, from, need);
  }

  /** How many non-zero leaves lie at indices < index. */
  countBefore(index: number): number {
    let total = 0;
    let low = this.#capacity;
    let high = this.#capacity + Math.min(index, this.#capacity);
    while (low < high) {
      if (low & 1) total += this.#count[low++]!;
      if (high & 1) total += this.#count[--high]!;
      low >>= 1;
      high >>= 1;
    }
    return total;
  }
}
