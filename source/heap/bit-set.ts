import { lowestBit } from './bits.js';

/**
 * A set of small integers as a hierarchy of bitmaps: level k+1 has a bit for every non-zero
 * word of level k. "Next member at or after i" costs a few word operations per level, so the
 * best-fit buckets stay O(log) however many pages the heap holds.
 */
export class BitSet {
  #levels: Uint32Array[] = [];
  #size = 0;

  constructor(size: number) {
    this.ensure(size);
  }

  ensure(size: number): void {
    if (size <= this.#size) return;
    const members = this.#size === 0 ? [] : [...this.members()];
    this.#size = Math.max(size, this.#size * 2);
    this.#levels = [];
    let bits = this.#size;
    do {
      const words = Math.ceil(bits / 32);
      this.#levels.push(new Uint32Array(words));
      bits = words;
    } while (bits > 1);
    for (const member of members) this.add(member);
  }

  get byteLength(): number {
    return this.#levels.reduce((total, level) => total + level.byteLength, 0);
  }

  has(index: number): boolean {
    return ((this.#levels[0]![index >>> 5]! >>> (index & 31)) & 1) === 1;
  }

  add(index: number): void {
    for (const level of this.#levels) {
      const word = index >>> 5;
      const before = level[word]!;
      level[word] = before | (1 << (index & 31));
      if (before !== 0) return;
      index = word;
    }
  }

  delete(index: number): void {
    for (const level of this.#levels) {
      const word = index >>> 5;
      const after = level[word]! & ~(1 << (index & 31));
      level[word] = after;
      if (after !== 0) return;
      index = word;
    }
  }

  /** The smallest member >= from, or -1. */
  next(from: number): number {
    return this.#next(0, Math.max(from, 0));
  }

  #next(depth: number, from: number): number {
    const level = this.#levels[depth]!;
    let word = from >>> 5;
    if (word >= level.length) return -1;
    const masked = level[word]! & (~0 << (from & 31));
    if (masked !== 0) return (word << 5) + lowestBit(masked);
    if (depth + 1 === this.#levels.length) {
      for (word += 1; word < level.length; word += 1) if (level[word] !== 0) return (word << 5) + lowestBit(level[word]!);
      return -1;
    }
    word = this.#next(depth + 1, word + 1);
    return word < 0 ? -1 : (word << 5) + lowestBit(level[word]!);
  }

  *members(): Generator<number> {
    for (let member = this.next(0); member >= 0; member = this.next(member + 1)) yield member;
  }
}
