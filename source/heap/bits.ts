// Bit tricks on 32-bit words, the unit of every bitmap in the heap's bookkeeping.

/** Index of the lowest set bit of a non-zero word. */
export function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** Index of the highest set bit of a non-zero word. */
export function highestBit(word: number): number {
  return 31 - Math.clz32(word);
}

/** How many bits of the word are set. */
export function popcount(word: number): number {
  let bits = word - ((word >>> 1) & 0x5555_5555);
  bits = (bits & 0x3333_3333) + ((bits >>> 2) & 0x3333_3333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24);
}

/** The smallest power of two >= n (n >= 1). */
export function powerOfTwoAtLeast(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}
