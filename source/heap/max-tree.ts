/**
 * A segment tree of maxima over page positions (address order): leaf p holds the length, in
 * units, of the largest free chunk of the page at position p (0 for an empty position). It
 * answers "the lowest position at or after p whose page holds a free chunk of n units" by one
 * walk up and one walk down, so first, next and worst fit never look at a page that cannot
 * serve the request.
 *
 * Nodes are 16-bit (a page has at most 65,535 units): at 65,536 pages the whole tree is 256 KiB
 * and stays in the cache, where a tree over every unit (the first design) was 16 MiB.
 */
export class MaxTree {
  readonly capacity: number;
  readonly #nodes: Uint16Array;

  /** `capacity` leaves, a power of two; node 1 is the root, leaves are capacity..2*capacity-1. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.#nodes = new Uint16Array(2 * capacity);
  }

  get byteLength(): number {
    return this.#nodes.byteLength;
  }

  get(position: number): number {
    return this.#nodes[this.capacity + position]!;
  }

  /** The largest leaf: the largest free chunk of the whole heap. */
  max(): number {
    return this.#nodes[1]!;
  }

  /** Sets one leaf and fixes the maxima above it, stopping where a node's maximum does not change. */
  set(position: number, value: number): void {
    const nodes = this.#nodes;
    let node = this.capacity + position;
    nodes[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      const left = nodes[2 * node]!;
      const right = nodes[2 * node + 1]!;
      const max = left > right ? left : right;
      if (nodes[node] === max) return;
      nodes[node] = max;
    }
  }

  /** The lowest position >= from whose leaf is >= need, or -1. */
  leftmost(from: number, need: number): number {
    const nodes = this.#nodes;
    const capacity = this.capacity;
    if (nodes[1]! < need || from >= capacity) return -1;
    let node = 1;
    if (from > 0) {
      node = capacity + from;
      // Climb until the subtree to the right of the path holds a leaf >= need.
      while (nodes[node]! < need) {
        while ((node & 1) === 1) node >>= 1;
        if (node === 0) return -1;
        node += 1;
      }
    }
    while (node < capacity) node = nodes[2 * node]! >= need ? 2 * node : 2 * node + 1;
    return node - capacity;
  }

  /** Sets every leaf from `leaves` (one per position) and rebuilds the maxima: O(capacity). */
  rebuild(leaves: (position: number) => number): void {
    const nodes = this.#nodes;
    const capacity = this.capacity;
    for (let position = 0; position < capacity; position += 1) nodes[capacity + position] = leaves(position);
    for (let node = capacity - 1; node >= 1; node -= 1) {
      const left = nodes[2 * node]!;
      const right = nodes[2 * node + 1]!;
      nodes[node] = left > right ? left : right;
    }
  }

  clear(): void {
    this.#nodes.fill(0);
  }
}
