import { highestBit, lowestBit, popcount } from './bits.js';

/**
 * The chunks of every page as two bitmaps over its units, kept outside the pages (the lab's
 * rule): `starts` has a bit where a chunk begins, `free` where a free chunk begins. A chunk
 * runs from its start to the next start (or the page end), so no length is stored: the next
 * start and the previous one are bit scans, and a page of 16 units (Part B) is one word of
 * each. `wordMax` holds, per 32-unit word, the length of the largest free chunk that starts in
 * it, so a search skips words that cannot serve a request; `pageMax` the largest of the page,
 * kept as words change (with how many words hold it, so that a page is recounted only when the
 * last word holding its largest chunk loses it).
 *
 * Pages are addressed by position (address order, see PageOrder). A page's marks sit side by
 * side in one array, so that a large heap reads one cache line per page, not one per bitmap:
 * position p owns cells p*S .. p*S+S-1, in this order: W words of starts, W of free, W maxima,
 * and (when W > 1) the page's maximum and its count of holders. Free chunks never touch:
 * freeing merges them (within the page).
 */
export class UnitMarks {
  readonly unitsPerPage: number;
  /** Words per page in each bitmap: W. */
  readonly words: number;
  /** Cells per page (S), and where in a page's cells its free words, maxima and page maximum begin. */
  readonly #stride: number;
  readonly #freeAt: number;
  readonly #maxAt: number;
  readonly #pageAt: number;
  #capacity = 0;
  #cells = new Uint32Array(0);

  // Facts of the last findFit / release, read by the heap right after the call (no result objects on the hot path).
  /** findFit: the length of the free chunk found. */
  foundLength = 0;
  /** release: the merged free chunk, and the free neighbours it swallowed (-1 when none). */
  mergedStart = 0;
  mergedLength = 0;
  leftStart = -1;
  leftLength = 0;
  rightStart = -1;
  rightLength = 0;
  /** release: the length of the chunk that was freed. */
  releasedLength = 0;
  /** take / release: whether the page's largest free chunk changed (the heap's page tree follows it only then). */
  pageMaxChanged = false;

  constructor(unitsPerPage: number, capacity: number) {
    if (!Number.isInteger(unitsPerPage) || unitsPerPage < 1 || unitsPerPage > 0xffff) {
      throw new RangeError(`a page holds 1 to 65,535 units, not ${unitsPerPage}`);
    }
    this.unitsPerPage = unitsPerPage;
    const words = Math.ceil(unitsPerPage / 32);
    this.words = words;
    this.#freeAt = words;
    this.#maxAt = 2 * words;
    // One word: its maximum is the page's. More: the page's maximum and its holders follow.
    this.#pageAt = words === 1 ? 2 : 3 * words;
    this.#stride = words === 1 ? 3 : 3 * words + 2;
    this.resize(capacity, () => -1);
  }

  get capacity(): number { return this.#capacity; }

  get byteLength(): number {
    return this.#cells.byteLength;
  }

  /** New room for `capacity` positions; the marks of old position p move to `moveTo(p)` (-1: dropped). */
  resize(capacity: number, moveTo: (position: number) => number): void {
    const stride = this.#stride;
    const cells = new Uint32Array(capacity * stride);
    for (let old = 0; old < this.#capacity; old += 1) {
      const to = moveTo(old);
      if (to >= 0) cells.set(this.#cells.subarray(old * stride, (old + 1) * stride), to * stride);
    }
    this.#capacity = capacity;
    this.#cells = cells;
  }

  /** The page at `position` becomes one free chunk of all its units. */
  initPage(position: number): void {
    const base = position * this.#stride;
    this.#cells.fill(0, base, base + this.#stride);
    this.#cells[base] = 1;
    this.#cells[base + this.#freeAt] = 1;
    this.#cells[base + this.#maxAt] = this.unitsPerPage;
    if (this.words > 1) {
      this.#cells[base + this.#pageAt] = this.unitsPerPage;
      this.#cells[base + this.#pageAt + 1] = 1;
    }
  }

  clear(): void {
    this.#cells.fill(0);
  }

  isStart(position: number, unit: number): boolean {
    return ((this.#cells[position * this.#stride + (unit >>> 5)]! >>> (unit & 31)) & 1) === 1;
  }

  isFree(position: number, unit: number): boolean {
    return ((this.#cells[position * this.#stride + this.#freeAt + (unit >>> 5)]! >>> (unit & 31)) & 1) === 1;
  }

  /** The first chunk start after `unit`, or the page's unit count when none follows. */
  nextStart(position: number, unit: number): number {
    const base = position * this.#stride;
    let word = unit >>> 5;
    let bits = this.#cells[base + word]! & (-2 << (unit & 31));
    while (bits === 0) {
      word += 1;
      if (word === this.words) return this.unitsPerPage;
      bits = this.#cells[base + word]!;
    }
    return (word << 5) + lowestBit(bits);
  }

  /** The start of the chunk that holds `unit` (unit 0 is always a start). */
  startOf(position: number, unit: number): number {
    const base = position * this.#stride;
    let word = unit >>> 5;
    let bits = this.#cells[base + word]! & ((2 << (unit & 31)) - 1);
    while (bits === 0) bits = this.#cells[base + --word]!;
    return (word << 5) + highestBit(bits);
  }

  lengthAt(position: number, start: number): number {
    return this.nextStart(position, start) - start;
  }

  /** The length of the largest free chunk of the page (kept, O(1)). */
  pageMax(position: number): number {
    return this.#cells[position * this.#stride + this.#pageAt]!;
  }

  /** Sets a word's maximum, and keeps its page's maximum and the count of words that hold it. */
  #setWordMax(position: number, word: number, value: number): void {
    const base = position * this.#stride;
    const old = this.#cells[base + this.#maxAt + word]!;
    if (old === value) return;
    this.#cells[base + this.#maxAt + word] = value;
    if (this.words === 1) {
      this.pageMaxChanged = true;
      return;
    }
    const page = base + this.#pageAt;
    const max = this.#cells[page]!;
    if (value > max) {
      this.#cells[page] = value;
      this.#cells[page + 1] = 1;
      this.pageMaxChanged = true;
    } else if (value === max) {
      this.#cells[page + 1] += 1;
    } else if (old === max && --this.#cells[page + 1]! === 0) {
      this.#recountPage(position);
      this.pageMaxChanged = true;
    }
  }

  #recountPage(position: number): void {
    const base = position * this.#stride;
    let max = 0;
    let holders = 0;
    for (let word = 0; word < this.words; word += 1) {
      const value = this.#cells[base + this.#maxAt + word]!;
      if (value > max) {
        max = value;
        holders = 1;
      } else if (value === max) {
        holders += 1;
      }
    }
    this.#cells[base + this.#pageAt] = max;
    this.#cells[base + this.#pageAt + 1] = holders;
  }

  /** Free chunks of the page. */
  freeCount(position: number): number {
    const base = position * this.#stride;
    let count = 0;
    for (let word = 0; word < this.words; word += 1) count += popcount(this.#cells[base + this.#freeAt + word]!);
    return count;
  }

  /** Free chunks of the page that start before `unit`. */
  freeBefore(position: number, unit: number): number {
    const base = position * this.#stride;
    const last = unit >>> 5;
    let count = 0;
    for (let word = 0; word < last; word += 1) count += popcount(this.#cells[base + this.#freeAt + word]!);
    if (last < this.words) count += popcount(this.#cells[base + this.#freeAt + last]! & ((1 << (unit & 31)) - 1));
    return count;
  }

  /**
   * The lowest free chunk of the page that starts at or after `from` and holds `need` units, or
   * -1. Its length is left in `foundLength`.
   */
  findFit(position: number, from: number, need: number): number {
    const base = position * this.#stride;
    let word = from >>> 5;
    let bits = this.#cells[base + this.#freeAt + word]! & (-1 << (from & 31));
    for (;;) {
      if (this.#cells[base + this.#maxAt + word]! >= need) {
        const starts = this.#cells[base + word]!;
        while (bits !== 0) {
          const low = bits & -bits;
          const start = (word << 5) + 31 - Math.clz32(low);
          const length = this.#lengthOfFree(position, start, starts, low);
          if (length >= need) {
            this.foundLength = length;
            return start;
          }
          bits ^= low;
        }
      }
      word += 1;
      if (word === this.words) return -1;
      bits = this.#cells[base + this.#freeAt + word]!;
    }
  }

  /** findFit, then take what it found, in one call: the modules' path, where nothing is needed in between. */
  takeFit(position: number, from: number, need: number): number {
    const start = this.findFit(position, from, need);
    if (start >= 0) this.take(position, start, this.foundLength, need);
    return start;
  }

  /**
   * Takes `need` units at the start of the free chunk at `start` (`length` units long): that
   * chunk becomes used and the rest, if any, a free chunk of its own.
   */
  take(position: number, start: number, length: number, need: number): void {
    this.pageMaxChanged = false;
    const base = position * this.#stride;
    const word = start >>> 5;
    this.#cells[base + this.#freeAt + word] &= ~(1 << (start & 31));
    if (length > need) {
      const rest = start + need;
      const restWord = rest >>> 5;
      this.#cells[base + restWord] |= 1 << (rest & 31);
      this.#cells[base + this.#freeAt + restWord] |= 1 << (rest & 31);
      if (restWord !== word && length - need > this.#cells[base + this.#maxAt + restWord]!) this.#setWordMax(position, restWord, length - need);
    }
    // Only when the chunk taken was its word's largest can the word's maximum drop.
    if (length >= this.#cells[base + this.#maxAt + word]!) this.#recomputeWord(position, word);
  }

  /** Frees the chunk at `unit` if a used chunk starts there (then true); else changes nothing (false). */
  releaseIfUsed(position: number, unit: number): boolean {
    const index = position * this.#stride + (unit >>> 5);
    const bit = 1 << (unit & 31);
    if ((this.#cells[index]! & bit) === 0 || (this.#cells[index + this.#freeAt]! & bit) !== 0) return false;
    this.release(position, unit);
    return true;
  }

  /** Frees the used chunk at `start`, merging it with the free chunks beside it in the page. */
  release(position: number, start: number): void {
    this.pageMaxChanged = false;
    const base = position * this.#stride;
    const end = this.nextStart(position, start);
    this.releasedLength = end - start;
    let first = start;
    this.leftStart = -1;
    this.rightStart = -1;
    if (start > 0) {
      const left = this.startOf(position, start - 1);
      if (this.isFree(position, left)) {
        this.leftStart = left;
        this.leftLength = start - left;
        first = left;
        this.#cells[base + (start >>> 5)] &= ~(1 << (start & 31));
      }
    }
    let last = end;
    if (end < this.unitsPerPage && this.isFree(position, end)) {
      last = this.nextStart(position, end);
      this.rightStart = end;
      this.rightLength = last - end;
      this.#cells[base + (end >>> 5)] &= ~(1 << (end & 31));
      this.#cells[base + this.#freeAt + (end >>> 5)] &= ~(1 << (end & 31));
    }
    const firstWord = first >>> 5;
    const length = last - first;
    this.#cells[base + this.#freeAt + firstWord] |= 1 << (first & 31);
    if (length > this.#cells[base + this.#maxAt + firstWord]!) this.#setWordMax(position, firstWord, length);
    // The right neighbour's word lost a free chunk: its maximum drops if that chunk was it.
    const rightWord = end >>> 5;
    if (this.rightStart >= 0 && rightWord !== firstWord && this.rightLength >= this.#cells[base + this.#maxAt + rightWord]!) {
      this.#recomputeWord(position, rightWord);
    }
    this.mergedStart = first;
    this.mergedLength = length;
  }

  #recomputeWord(position: number, word: number): void {
    const base = position * this.#stride;
    const starts = this.#cells[base + word]!;
    let bits = this.#cells[base + this.#freeAt + word]!;
    let max = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      const length = this.#lengthOfFree(position, (word << 5) + 31 - Math.clz32(low), starts, low);
      if (length > max) max = length;
      bits ^= low;
    }
    this.#setWordMax(position, word, max);
  }

  /**
   * The length of the chunk at `start`, given its word of `starts` and its own bit `low` in it:
   * when the next start is in the same word (the common case) this is two bit operations.
   */
  #lengthOfFree(position: number, start: number, starts: number, low: number): number {
    const above = starts & -(low << 1);
    if (above !== 0) return 31 - Math.clz32(above & -above) - (start & 31);
    return this.nextStart(position, start) - start;
  }

  /** Every free chunk of the page, in unit order. */
  forEachFree(position: number, visit: (start: number, length: number) => void): void {
    const base = position * this.#stride;
    for (let word = 0; word < this.words; word += 1) {
      let bits = this.#cells[base + this.#freeAt + word]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const start = (word << 5) + 31 - Math.clz32(low);
        visit(start, this.nextStart(position, start) - start);
        bits ^= low;
      }
    }
  }

  /** For the checker: each word's recorded maximum, and the page's maximum and holders, against the bitmaps. */
  checkWords(position: number): string[] {
    const problems: string[] = [];
    const base = position * this.#stride;
    let max = 0;
    let holders = 0;
    for (let word = 0; word < this.words; word += 1) {
      let counted = 0;
      for (let bits = this.#cells[base + this.#freeAt + word]!; bits !== 0; bits &= bits - 1) {
        const start = (word << 5) + lowestBit(bits);
        counted = Math.max(counted, this.nextStart(position, start) - start);
      }
      const recorded = this.#cells[base + this.#maxAt + word]!;
      if (recorded !== counted) problems.push(`word ${word}: largest free chunk ${counted} units, recorded ${recorded}`);
      if (counted > max) {
        max = counted;
        holders = 1;
      } else if (counted === max) {
        holders += 1;
      }
    }
    if (this.words > 1 && this.#cells[base + this.#pageAt + 1] !== holders) problems.push(`${holders} words hold the largest free chunk, recorded ${this.#cells[base + this.#pageAt + 1]}`);
    return problems;
  }

  /** Units of the page that lie past its last unit but have a bit set (for the checker: must be none). */
  strayBits(position: number): boolean {
    const tail = this.unitsPerPage & 31;
    if (tail === 0) return false;
    const last = position * this.#stride + this.words - 1;
    return ((this.#cells[last]! | this.#cells[last + this.#freeAt]!) >>> tail) !== 0;
  }
}
