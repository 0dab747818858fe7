import type { PageRegion } from '../../heap/index.js';
import type { Mapping } from '../../native/index.js';
import type { HeapPart } from '../../result/index.js';

/** Whose pages a span holds: a raw mapping of the user's, or one page of a heap part. */
export type SpanOwner =
  | { kind: 'raw'; id: number; mapping: Mapping }
  | { kind: 'heap'; part: HeapPart; region: PageRegion };

/**
 * Consecutive pages with one owner: a raw mapping (one span, however many pages), or one heap
 * page. `firstName` is the name of its first page on screen (p<firstName>); names are given
 * once, in mapping order, and never reused.
 */
export interface PageSpan {
  readonly firstName: number;
  readonly pageCount: number;
  readonly base: bigint;
  readonly owner: SpanOwner;
  /** Per page: 1 when last seen resident (by mincore, on the pages a command touched or the screen shows). */
  readonly resident: Uint8Array;
}

/** A page by its name: the span, and the page's place in it. */
export interface NamedPage {
  span: PageSpan;
  pageInSpan: number;
}

function lowerBound<T>(items: readonly T[], below: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (below(items[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Every page of ours, findable by name and by address in O(log spans), and our footprint
 * (pages mapped, pages resident) kept as spans come and go: nothing here walks all pages.
 */
export class PageDirectory {
  readonly pageSize: number;
  /** In name order, which is mapping order. */
  readonly #byName: PageSpan[] = [];
  /** In address order. */
  readonly #byAddress: PageSpan[] = [];
  #nextName = 0;
  #mappedPages = 0;
  #residentPages = 0;

  constructor(pageSize: number) {
    this.pageSize = pageSize;
  }

  get mappedPages(): number { return this.#mappedPages; }
  get residentPages(): number { return this.#residentPages; }
  get spanCount(): number { return this.#byName.length; }
  /** The name the next page mapped will get. */
  get nextName(): number { return this.#nextName; }

  add(base: bigint, pageCount: number, owner: SpanOwner): PageSpan {
    const span: PageSpan = { firstName: this.#nextName, pageCount, base, owner, resident: new Uint8Array(pageCount) };
    this.#nextName += pageCount;
    this.#byName.push(span);
    this.#byAddress.splice(lowerBound(this.#byAddress, (item) => item.base < base), 0, span);
    this.#mappedPages += pageCount;
    return span;
  }

  remove(span: PageSpan): void {
    const named = lowerBound(this.#byName, (item) => item.firstName < span.firstName);
    if (this.#byName[named] !== span) return;
    this.#byName.splice(named, 1);
    this.#byAddress.splice(lowerBound(this.#byAddress, (item) => item.base < span.base), 1);
    this.#mappedPages -= span.pageCount;
    for (const page of span.resident) this.#residentPages -= page;
  }

  /** Records what mincore said of a span's pages (from `firstPage` on); the resident count follows. */
  noteResidency(span: PageSpan, residency: readonly boolean[] | Uint8Array, firstPage = 0): void {
    for (let index = 0; index < residency.length && firstPage + index < span.pageCount; index += 1) {
      const now = residency[index] ? 1 : 0;
      const page = firstPage + index;
      this.#residentPages += now - span.resident[page]!;
      span.resident[page] = now;
    }
  }

  named(name: number): NamedPage | undefined {
    const index = lowerBound(this.#byName, (item) => item.firstName + item.pageCount <= name);
    const span = this.#byName[index];
    if (!span || name < span.firstName) return undefined;
    return { span, pageInSpan: name - span.firstName };
  }

  /** The span holding [address, address + length), if one of ours does. */
  at(address: bigint, length = 1): PageSpan | undefined {
    const index = lowerBound(this.#byAddress, (item) => item.base + BigInt(item.pageCount * this.pageSize) <= address);
    const span = this.#byAddress[index];
    if (!span || address < span.base || address + BigInt(Math.max(1, length)) > span.base + BigInt(span.pageCount * this.pageSize)) return undefined;
    return span;
  }

  /** The first page name at or after `name` (or before it, with `direction` -1); null past the ends. */
  step(name: number, direction: 1 | -1): number | null {
    const next = name + direction;
    if (direction > 0) {
      const index = lowerBound(this.#byName, (item) => item.firstName + item.pageCount <= next);
      const span = this.#byName[index];
      return span ? Math.max(next, span.firstName) : null;
    }
    const index = lowerBound(this.#byName, (item) => item.firstName <= next) - 1;
    const span = this.#byName[index];
    return span ? Math.min(next, span.firstName + span.pageCount - 1) : null;
  }

  first(): number | null { return this.#byName[0]?.firstName ?? null; }

  last(): number | null {
    const span = this.#byName.at(-1);
    return span ? span.firstName + span.pageCount - 1 : null;
  }

  /** Spans in name order, starting with the one holding `fromName` (or the next one after it). */
  *spansFrom(fromName: number): Generator<PageSpan> {
    for (let index = lowerBound(this.#byName, (item) => item.firstName + item.pageCount <= fromName); index < this.#byName.length; index += 1) {
      yield this.#byName[index]!;
    }
  }

  /** Spans in name order, backwards, starting with the one holding `fromName` (or the one before it). */
  *spansBackFrom(fromName: number): Generator<PageSpan> {
    for (let index = lowerBound(this.#byName, (item) => item.firstName <= fromName) - 1; index >= 0; index -= 1) yield this.#byName[index]!;
  }

  /** Spans in address order that overlap [start, end): for marking our lines of /proc/self/maps. */
  *overlapping(start: bigint, end: bigint): Generator<PageSpan> {
    for (let index = lowerBound(this.#byAddress, (item) => item.base + BigInt(item.pageCount * this.pageSize) <= start); index < this.#byAddress.length; index += 1) {
      const span = this.#byAddress[index]!;
      if (span.base >= end) return;
      yield span;
    }
  }

  /** "p0, p3..p5" (the first runs, and how many more). */
  describeNames(limit = 6): string {
    if (this.#byName.length === 0) return 'no page is mapped';
    const runs: string[] = [];
    let start = this.#byName[0]!.firstName;
    let end = start - 1;
    let count = 0;
    const flush = () => { runs.push(end === start ? `p${start}` : `p${start}..p${end}`); };
    for (const span of this.#byName) {
      if (span.firstName !== end + 1) {
        if (count > 0) flush();
        start = span.firstName;
      }
      end = span.firstName + span.pageCount - 1;
      count += 1;
      if (runs.length >= limit) break;
    }
    if (runs.length < limit) flush();
    const more = runs.length >= limit ? ', ...' : '';
    return `the pages are ${runs.join(', ')}${more}`;
  }
}
