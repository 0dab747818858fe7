/** Leaves per block: 32 16-bit leaves fill one 64-byte cache line. */
const BLOCK_SHIFT = 5;

/**
 * Maxima over page positions (address order): leaf p holds the length, in units, of the largest
 * free chunk of the page at position p (0 for an empty position). It answers "the lowest
 * position at or after p whose page holds a free chunk of n units", so first, next and worst fit
 * never look at a page that cannot serve the request.
 *
 * Laid out for the cache: the leaves are read in blocks of 32 (one cache line), and a segment
 * tree holds the maximum of each block. A search walks the small tree of blocks (hot in the
 * cache: 4 KiB at 65,536 pages) and reads one line of leaves; an update writes one line and
 * climbs the small tree, stopping where a maximum does not change. A plain segment tree over
 * every page (the design before) read about six lines that were not in the cache per walk at
 * 65,536 pages; one over every unit (the first design) was 16 MiB.
 */
export class MaxTree {
  readonly capacity: number;
  readonly #leaves: Uint16Array;
  /** The segment tree of block maxima: node 1 is the root, block b is node blockCount + b. */
  readonly #blocks: Uint16Array;
  /** Per block, how many of its leaves equal its maximum: a block is rescanned only when the last one drops. */
  readonly #holders: Uint8Array;
  readonly #blockCount: number;

  /** Room for `capacity` leaves (a power of two). */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.#leaves = new Uint16Array(capacity);
    this.#blockCount = Math.max(1, capacity >> BLOCK_SHIFT);
    this.#blocks = new Uint16Array(2 * this.#blockCount);
    this.#holders = new Uint8Array(this.#blockCount);
    this.#holders.fill(Math.min(capacity, 32));
  }

  get byteLength(): number {
    return this.#leaves.byteLength + this.#blocks.byteLength;
  }

  get(position: number): number {
    return this.#leaves[position]!;
  }

  /** The largest leaf: the largest free chunk of the heap. */
  max(): number {
    return this.#blocks[1]!;
  }

  /** Sets one leaf; fixes its block's maximum and the tree of blocks above, as far as they change. */
  set(position: number, value: number): void {
    const leaves = this.#leaves;
    const old = leaves[position]!;
    if (old === value) return;
    leaves[position] = value;
    const block = position >> BLOCK_SHIFT;
    const blocks = this.#blocks;
    let node = this.#blockCount + block;
    const blockMax = blocks[node]!;
    let max: number;
    if (value > blockMax) {
      max = value;
      this.#holders[block] = 1;
    } else if (value === blockMax) {
      this.#holders[block] += 1;
      return;
    } else if (old === blockMax && --this.#holders[block]! === 0) {
      max = this.#recount(block);
    } else {
      return;
    }
    blocks[node] = max;
    for (node >>= 1; node >= 1; node >>= 1) {
      const left = blocks[2 * node]!;
      const right = blocks[2 * node + 1]!;
      const up = left > right ? left : right;
      if (blocks[node] === up) return;
      blocks[node] = up;
    }
  }

  /** The lowest position >= from whose leaf is >= need, or -1. */
  leftmost(from: number, need: number): number {
    const blocks = this.#blocks;
    const count = this.#blockCount;
    if (from >= this.capacity || this.max() < need) return -1;
    let block = from >> BLOCK_SHIFT;
    // The block `from` is in: from `from` to its end, by hand.
    if (blocks[count + block]! >= need) {
      const found = this.#scanFrom(from, (block + 1) << BLOCK_SHIFT, need);
      if (found >= 0) return found;
    }
    block += 1;
    if (block >= count) return -1;
    // The first block after it with a leaf >= need: up the tree of blocks until the subtree to
    // the right holds one, then down to it.
    let node = count + block;
    while (blocks[node]! < need) {
      while ((node & 1) === 1) node >>= 1;
      if (node === 0) return -1;
      node += 1;
    }
    while (node < count) node = blocks[2 * node]! >= need ? 2 * node : 2 * node + 1;
    block = node - count;
    return this.#scanFrom(block << BLOCK_SHIFT, (block + 1) << BLOCK_SHIFT, need);
  }

  /** The first leaf in [from, to) that is >= need, or -1. */
  #scanFrom(from: number, to: number, need: number): number {
    const leaves = this.#leaves;
    const end = Math.min(to, this.capacity);
    for (let position = from; position < end; position += 1) if (leaves[position]! >= need) return position;
    return -1;
  }

  /** The block's maximum from its leaves, with its holders counted again. */
  #recount(block: number): number {
    const leaves = this.#leaves;
    const end = Math.min((block + 1) << BLOCK_SHIFT, this.capacity);
    let max = 0;
    let holders = 0;
    for (let position = block << BLOCK_SHIFT; position < end; position += 1) {
      const value = leaves[position]!;
      if (value > max) {
        max = value;
        holders = 1;
      } else if (value === max) {
        holders += 1;
      }
    }
    this.#holders[block] = holders;
    return max;
  }

  #scanMax(block: number): number {
    const leaves = this.#leaves;
    const end = Math.min((block + 1) << BLOCK_SHIFT, this.capacity);
    let max = 0;
    for (let position = block << BLOCK_SHIFT; position < end; position += 1) if (leaves[position]! > max) max = leaves[position]!;
    return max;
  }

  /** Sets every leaf from `leaves` (one per position) and rebuilds the maxima: O(capacity). */
  rebuild(leaves: (position: number) => number): void {
    for (let position = 0; position < this.capacity; position += 1) this.#leaves[position] = leaves(position);
    const blocks = this.#blocks;
    const count = this.#blockCount;
    for (let block = 0; block < count; block += 1) blocks[count + block] = this.#recount(block);
    for (let node = count - 1; node >= 1; node -= 1) blocks[node] = Math.max(blocks[2 * node]!, blocks[2 * node + 1]!);
  }

  clear(): void {
    this.#leaves.fill(0);
    this.#blocks.fill(0);
    this.#holders.fill(Math.min(this.capacity, 32));
  }

  /** Every block maximum and every node above is what its leaves make it (for the checker). */
  consistent(): boolean {
    const blocks = this.#blocks;
    const count = this.#blockCount;
    for (let block = 0; block < count; block += 1) {
      if (blocks[count + block] !== this.#scanMax(block)) return false;
      const start = block << BLOCK_SHIFT;
      let holders = 0;
      for (let position = start; position < Math.min(start + (1 << BLOCK_SHIFT), this.capacity); position += 1) if (this.#leaves[position] === blocks[count + block]) holders += 1;
      if (holders !== this.#holders[block]) return false;
    }
    for (let node = count - 1; node >= 1; node -= 1) if (blocks[node] !== Math.max(blocks[2 * node]!, blocks[2 * node + 1]!)) return false;
    return true;
  }
}
