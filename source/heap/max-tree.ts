/**
 * A segment tree over unit positions. Leaf i holds the length of the free chunk that starts at
 * unit i (0 when no free chunk starts there); inner nodes hold the maximum and the count of
 * free starts below them. It answers "the lowest free chunk at or after i that holds n units"
 * and "how many free chunks lie before i" in O(log units), so first, next and worst fit never
 * walk a list.
 *
 * A node's maximum and count sit side by side in one Int32Array (at 2*node and 2*node+1), so
 * a large heap touches one cache line per node, not two.
 */
export class MaxTree {
  #capacity: number;
  #nodes: Int32Array;

  constructor(size: number) {
    this.#capacity = MaxTree.#capacityFor(size);
    this.#nodes = new Int32Array(4 * this.#capacity);
  }

  static #capacityFor(size: number): number {
    let capacity = 1;
    while (capacity < size) capacity *= 2;
    return capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get byteLength(): number {
    return this.#nodes.byteLength;
  }

  /** Room for `size` leaves, keeping every value. Doubling keeps the cost amortised. */
  ensure(size: number): void {
    if (size <= this.#capacity) return;
    const old = this.#capacity;
    const capacity = MaxTree.#capacityFor(size);
    const nodes = new Int32Array(4 * capacity);
    nodes.set(this.#nodes.subarray(2 * old, 4 * old), 2 * capacity);
    for (let node = capacity - 1; node >= 1; node -= 1) {
      const left = 4 * node;
      nodes[2 * node] = Math.max(nodes[left]!, nodes[left + 2]!);
      nodes[2 * node + 1] = nodes[left + 1]! + nodes[left + 3]!;
    }
    this.#capacity = capacity;
    this.#nodes = nodes;
  }

  get(index: number): number {
    return this.#nodes[2 * (this.#capacity + index)]!;
  }

  set(index: number, value: number): void {
    const nodes = this.#nodes;
    let node = this.#capacity + index;
    nodes[2 * node] = value;
    nodes[2 * node + 1] = value > 0 ? 1 : 0;
    for (node >>= 1; node >= 1; node >>= 1) {
      const left = 4 * node;
      const a = nodes[left]!;
      const b = nodes[left + 2]!;
      nodes[2 * node] = a > b ? a : b;
      nodes[2 * node + 1] = nodes[left + 1]! + nodes[left + 3]!;
    }
  }

  /** The largest value (the largest free chunk). */
  max(): number {
    return this.#nodes[2]!;
  }

  /** The number of non-zero leaves (free chunks). */
  count(): number {
    return this.#nodes[3]!;
  }

  /** The lowest index >= from whose value is >= need, or -1. */
  leftmost(from: number, need: number): number {
    const nodes = this.#nodes;
    if (nodes[2]! < need) return -1;
    if (from <= 0) {
      let node = 1;
      while (node < this.#capacity) node = nodes[4 * node]! >= need ? 2 * node : 2 * node + 1;
      return node - this.#capacity;
    }
    return this.#leftmostFrom(1, 0, this.#capacity, from, need);
  }

  #leftmostFrom(node: number, low: number, high: number, from: number, need: number): number {
    if (high <= from || this.#nodes[2 * node]! < need) return -1;
    if (node >= this.#capacity) return node - this.#capacity;
    const middle = (low + high) >> 1;
    const found = this.#leftmostFrom(2 * node, low, middle, from, need);
    return found >= 0 ? found : this.#leftmostFrom(2 * node + 1, middle, high, from, need);
  }

  /** How many non-zero leaves lie at indices < index. */
  countBefore(index: number): number {
    const nodes = this.#nodes;
    let total = 0;
    let low = this.#capacity;
    let high = this.#capacity + Math.min(index, this.#capacity);
    while (low < high) {
      if (low & 1) total += nodes[2 * low++ + 1]!;
      if (high & 1) total += nodes[2 * --high + 1]!;
      low >>= 1;
      high >>= 1;
    }
    return total;
  }
}
