import { pageSize } from '../native/index.js';
import {
  type MapsEntry, type PagemapCounts, PagemapFile, type SmapsEntry, readMaps, readSmaps, readStatus,
} from '../proc/index.js';
import { explainFailure } from './access-problem.js';
import { formatAddress, parseAddress } from './address.js';
import { ChangeTracker } from './change-tracker.js';
import { pageRange } from './page-range.js';
import { PagemapScratch, readPageRange } from './pagemap-range.js';
import { presenceNotes } from './presence-notes.js';
import { type ProcessIdentity, checkIdentity, isEnd } from './process-identity.js';
import { type TargetRegion, regionOf } from './region.js';
import { type Reading, type TargetProblem, problem } from './target-problem.js';
import { type PresenceReading, type RegionHolding, type TargetSample } from './target-readings.js';

/** smaps figures younger than this are reused by presence and regionHolding. */
const SMAPS_FRESH_MS = 1000;

/** pagemap gave fewer entries than asked: the process exited, ran exec, or the range is not user space. */
class NoEntries extends Error {
  readonly firstPage: number;
  readonly pages: number;
  constructor(firstPage: number, pages: number) {
    super('pagemap gave fewer entries than asked');
    this.firstPage = firstPage;
    this.pages = pages;
  }
}

/**
 * Another process of this user, watched through /proc: made by `openTarget`. Every method
 * returns a value, never throws: when the process has exited or its PID names another process
 * now, they say so (and keep saying so: `ended`).
 *
 * Cost: `sample` reads status and stat; `regions` reads smaps; `presence` reads pagemap for the
 * range asked (8 bytes a page) and smaps at most once a second; `regionHolding` reads maps and
 * the pagemap of that one mapping. Every reading is followed by a read of stat that checks the
 * PID still names the process watched.
 */
export class Target {
  readonly identity: ProcessIdentity;
  /** The program it runs (/proc/PID/exe) when watching began; null when unreadable. */
  readonly executable: string | null;
  readonly pageBytes = pageSize();
  #ended: TargetProblem | null = null;
  #previous: { vszBytes: number; rssBytes: number } | null = null;
  #smaps: { at: number; entries: SmapsEntry[] } | null = null;
  #scratch: PagemapScratch | null = null;
  readonly #tracker = new ChangeTracker();

  constructor(identity: ProcessIdentity, executable: string | null) {
    this.identity = identity;
    this.executable = executable;
  }

  get pid(): number {
    return this.identity.pid;
  }

  /** Why watching is over (exited, PID reused), or null while the process lives. */
  get ended(): TargetProblem | null {
    return this.#ended;
  }

  sample(): Reading<{ sample: TargetSample }> {
    return this.#settle(() => {
      const status = readStatus(this.pid);
      const now = { vszBytes: status.vmSizeKiB * 1024, rssBytes: status.vmRssKiB * 1024 };
      const sample: TargetSample = {
        pid: this.pid, name: status.name, state: status.state, ...now,
        rssAnonBytes: status.rssAnonKiB * 1024, rssFileBytes: status.rssFileKiB * 1024,
        rssShmemBytes: status.rssShmemKiB * 1024, swapBytes: status.vmSwapKiB * 1024,
        sinceLast: this.#previous && {
          vszBytes: now.vszBytes - this.#previous.vszBytes, rssBytes: now.rssBytes - this.#previous.rssBytes,
        },
        takenAt: Date.now(),
      };
      return { ok: true, sample };
    }, (reading) => { this.#previous = { vszBytes: reading.sample.vszBytes, rssBytes: reading.sample.rssBytes }; });
  }

  /** Every mapping (maps) with its RSS, huge pages and swap (smaps). */
  regions(): Reading<{ regions: TargetRegion[] }> {
    return this.#settle(() => {
      const entries = this.#readSmaps();
      return { ok: true, regions: entries.map((entry) => regionOf(entry, this.pageBytes, this.executable)) };
    });
  }

  /**
   * Page by page, which pages of [start, end) are present in RAM, swapped out, or neither
   * (/proc/PID/pagemap), with the pages that changed since the last reading marked. Read only
   * the ranges on screen: the cost is 8 bytes of pagemap a page.
   */
  presence(start: bigint | number | string, end: bigint | number | string): Reading<PresenceReading> {
    if (this.#ended) return { ok: false, problem: this.#ended };
    const range = pageRange(start, end, this.pageBytes);
    if (!range.ok) return problem(range.kind, this.pid, range.message);
    const { firstPage, pages } = range;
    const reading = this.#settle((): Reading<PresenceReading> => {
      const states = new Uint8Array(pages);
      const counts = this.#readPages(firstPage, pages, states);
      const lies = this.#smapsOverlapping(firstPage, pages);
      const hugePagesBytes = lies && lies.reduce((sum, entry) => sum + entry.anonHugePagesKiB * 1024, 0);
      const fileBacked = (lies ?? []).some((entry) => entry.inode !== 0);
      return {
        ok: true,
        start: formatAddress(BigInt(firstPage) * BigInt(this.pageBytes)),
        end: formatAddress(BigInt(firstPage + pages) * BigInt(this.pageBytes)),
        pages, present: counts.present, swapped: counts.swapped,
        absent: pages - counts.present - counts.swapped, presentShared: counts.presentShared,
        changed: 0, seenBefore: false, states, hugePagesBytes,
        notes: presenceNotes({ present: counts.present, presentShared: counts.presentShared, hugePagesBytes, fileBacked }),
      };
    });
    if (reading.ok) Object.assign(reading, this.#tracker.mark(firstPage, reading.states));
    return reading;
  }

  /** The mapping that holds `address`, with its pages counted: what `pages <address>` reports. */
  regionHolding(address: bigint | number | string): Reading<RegionHolding> {
    if (this.#ended) return { ok: false, problem: this.#ended };
    const parsed = parseAddress(address);
    if (typeof parsed === 'string') return problem('bad-address', this.pid, parsed);
    return this.#settle((): Reading<RegionHolding> => {
      const maps = readMaps(this.pid);
      const entry = maps.find((candidate) => candidate.start <= parsed && parsed < candidate.end);
      if (!entry) return problem('unmapped', this.pid, this.#unmappedMessage(parsed, maps));
      const firstPage = Number(entry.start / BigInt(this.pageBytes));
      const pages = Number(entry.end - entry.start) / this.pageBytes;
      const counts = this.#readPages(firstPage, pages, null);
      const figures = this.#smapsOverlapping(firstPage, pages)?.find((candidate) => candidate.start === entry.start) ?? null;
      const hugePagesBytes = figures && figures.anonHugePagesKiB * 1024;
      return {
        ok: true,
        region: {
          start: formatAddress(entry.start), end: formatAddress(entry.end), pages, present: counts.present, swapped: counts.swapped,
        },
        address: formatAddress(parsed),
        perms: entry.perms,
        path: entry.path,
        presentShared: counts.presentShared,
        rssBytes: figures && figures.rssKiB * 1024,
        anonHugePagesBytes: hugePagesBytes,
        notes: presenceNotes({
          present: counts.present, presentShared: counts.presentShared, hugePagesBytes, fileBacked: entry.inode !== 0,
        }),
      };
    });
  }

  /**
   * Runs a reading, then checks with stat that the PID still names the process watched: a
   * reading of a process that has gone (or of the stranger now holding its PID) is never
   * returned. `after` runs only for a reading that stands.
   */
  #settle<T extends object>(read: () => Reading<T>, after?: (reading: { ok: true } & T) => void): Reading<T> {
    if (this.#ended) return { ok: false, problem: this.#ended };
    let reading: Reading<T> | undefined;
    let failure: unknown;
    try {
      reading = read();
    } catch (error) {
      failure = error;
    }
    const gone = checkIdentity(this.identity);
    if (gone) {
      if (isEnd(gone)) this.#end(gone);
      return { ok: false, problem: gone };
    }
    if (failure instanceof NoEntries) {
      // fs/proc/task_mmu.c, pagemap_read: nothing is read above the process's user address
      // space (task_size), where [vsyscall] lies, nor once its memory is gone.
      const page = BigInt(this.pageBytes);
      const range = `${formatAddress(BigInt(failure.firstPage) * page)}-${formatAddress(BigInt(failure.firstPage + failure.pages) * page)}`;
      return problem('unreadable', this.pid, `pagemap has no entries for ${range}: it lies above PID ${this.pid}'s user address space `
        + '(as [vsyscall] does: the kernel\'s, not the program\'s), or the process ran exec while memtui read it (then read again)');
    }
    if (reading === undefined) return { ok: false, problem: explainFailure(this.pid, failure) };
    if (reading.ok) after?.(reading);
    return reading;
  }

  #end(why: TargetProblem): void {
    this.#ended = why;
    this.#tracker.forget();
    this.#smaps = null;
  }

  #readSmaps(): SmapsEntry[] {
    const entries = readSmaps(this.pid);
    this.#smaps = { at: Date.now(), entries };
    return entries;
  }

  /** The smaps entries overlapping the pages, from a reading at most a second old; null when smaps is unreadable. */
  #smapsOverlapping(firstPage: number, pages: number): SmapsEntry[] | null {
    let entries: SmapsEntry[];
    try {
      entries = this.#smaps && Date.now() - this.#smaps.at <= SMAPS_FRESH_MS ? this.#smaps.entries : this.#readSmaps();
    } catch {
      return null;
    }
    const start = BigInt(firstPage) * BigInt(this.pageBytes);
    const end = BigInt(firstPage + pages) * BigInt(this.pageBytes);
    return entries.filter((entry) => entry.start < end && entry.end > start);
  }

  #readPages(firstPage: number, pages: number, states: Uint8Array | null): PagemapCounts {
    this.#scratch ??= new PagemapScratch();
    const file = PagemapFile.open(this.pid);
    try {
      const counts = readPageRange(file, firstPage, pages, states, this.#scratch);
      if (!counts) throw new NoEntries(firstPage, pages);
      return counts;
    } finally {
      file.close();
    }
  }

  #unmappedMessage(address: bigint, maps: MapsEntry[]): string {
    const below = maps.filter((entry) => entry.end <= address).at(-1);
    const above = maps.find((entry) => entry.start > address);
    const name = (entry: MapsEntry | undefined): string => (entry
      ? `${formatAddress(entry.start)}-${formatAddress(entry.end)}${entry.path ? ` ${entry.path}` : ''}`
      : 'none');
    return `${formatAddress(address)} is not inside any mapping of PID ${this.pid} (${this.identity.name}): `
      + `the nearest below is ${name(below)}, above ${name(above)}; maps lists them all`;
  }
}
