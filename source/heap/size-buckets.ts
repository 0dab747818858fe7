import { BitSet } from './bit-set.js';

/**
 * Best fit's index: for each free-chunk length, the set of places (position * unitsPerPage +
 * unit, so address order) where a free chunk of that length starts, and the set of lengths
 * present. "The smallest chunk that holds n units, lowest address first" is two set lookups.
 * A heap builds its buckets on its first best-fit search and drops them when its pages are
 * renumbered: the other policies never pay for them.
 */
export class SizeBuckets {
  readonly #places: number;
  readonly #byLength: Array<BitSet | undefined> = [];
  readonly #count: Int32Array;
  readonly #lengths: BitSet;

  constructor(unitsPerPage: number, places: number) {
    this.#places = places;
    this.#count = new Int32Array(unitsPerPage + 1);
    this.#lengths = new BitSet(unitsPerPage + 1);
  }

  get byteLength(): number {
    let bytes = this.#count.byteLength + this.#lengths.byteLength;
    for (const set of this.#byLength) bytes += set?.byteLength ?? 0;
    return bytes;
  }

  add(place: number, length: number): void {
    let places = this.#byLength[length];
    if (!places) {
      places = new BitSet(this.#places);
      this.#byLength[length] = places;
    }
    places.add(place);
    if (this.#count[length]++ === 0) this.#lengths.add(length);
  }

  delete(place: number, length: number): void {
    this.#byLength[length]!.delete(place);
    if (--this.#count[length]! === 0) this.#lengths.delete(length);
  }

  has(place: number, length: number): boolean {
    return this.#byLength[length]?.has(place) ?? false;
  }

  /** The smallest length >= need that some free chunk has, or -1. */
  smallestAtLeast(need: number): number {
    return this.#lengths.next(need);
  }

  /** The lowest place where a free chunk of exactly `length` starts. */
  lowest(length: number): number {
    return this.#byLength[length]!.next(0);
  }
}
