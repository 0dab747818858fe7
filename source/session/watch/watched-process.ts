import type { MemoryFigures } from '../../proc/index.js';
import {
  type ExitReport, type LaunchedProgram, type Target, type TargetProblem, type TargetRegion, type TargetSample,
} from '../../target/index.js';
import { kib } from '../../result/index.js';
import type { CommandSpec } from '../command/command-spec.js';
import type { Subject, SubjectHandling } from '../subject.js';
import { watchedMaps, watchedPs, watchedStat } from './watched-measure.js';
import { type RegionChange, regionChanges } from './region-changes.js';
import { carryMarks, type RegionPages } from './region-pages.js';

/** The mappings of the watched process as last read, with the changes of the last maps reading that had any. */
export type RegionsView =
  | { ok: true; regions: readonly TargetRegion[]; changes: ReadonlyMap<string, RegionChange>; changedAt: number | null; readAt: number }
  | { ok: false; problem: TargetProblem };

export interface WatchedProcessOptions {
  /** The program memtui started (`memtui watch --`), whose output and input the screen shows. */
  program?: LaunchedProgram | null;
  /** What the header calls it; the process's command name by default. */
  label?: string;
  /** How old a reading of maps, or of a mapping's pages, may be before it is read again. Default 1000 ms. */
  freshMs?: number;
}

/** Mappings read page by page at most this large: 1 GiB, 262,144 pagemap entries (2 MiB), about 7 ms here (npm run bench). */
export const PAGES_READ_LIMIT_BYTES = 1 << 30;
/** Mappings whose page readings are kept (the selected one and the last few selected before it). */
const PAGES_KEPT = 8;

/**
 * Another process, measured through /proc (`--pid`, `watch --`): the subject of the session
 * while memtui watches it. Every figure comes from target/ and is a value, never an exception,
 * except `read` (the Subject contract: the session keeps the last figures when it throws).
 *
 * Cost follows what is shown: maps (with smaps) is read at most once per `freshMs`, whatever
 * the number of frames; pagemap only for the mappings asked for (the one on screen), each at
 * most once per `freshMs`.
 */
export class WatchedProcess implements Subject {
  readonly target: Target;
  readonly program: LaunchedProgram | null;
  readonly pid: number;
  readonly label: string;
  readonly ownMemory = false;
  readonly freshMs: number;
  #sample: TargetSample | null = null;
  #regions: { view: RegionsView; readAt: number } | null = null;
  #pages = new Map<string, RegionPages>();
  #listeners = new Set<() => void>();
  #closed = false;

  constructor(target: Target, options: WatchedProcessOptions = {}) {
    this.target = target;
    this.program = options.program ?? null;
    this.pid = target.pid;
    this.label = options.label ?? target.identity.name;
    this.freshMs = options.freshMs ?? 1000;
    const changed = () => this.#changed();
    this.program?.on('line', changed);
    this.program?.on('exit', changed);
  }

  read(): MemoryFigures {
    const reading = this.target.sample();
    if (!reading.ok) throw new Error(reading.problem.message);
    this.#sample = reading.sample;
    return { vszBytes: reading.sample.vszBytes, rssBytes: reading.sample.rssBytes };
  }

  /** A watched process has no part that is the student's in memtui's sense: VSZ and RSS are all its own. */
  ours(): null {
    return null;
  }

  /** The newest sample of status (state, RssAnon, ...); null before the first. */
  get sample(): TargetSample | null {
    return this.#sample;
  }

  /** Why watching is over (the process exited, or its PID names another process now), or null. */
  get ended(): TargetProblem | null {
    return this.target.ended;
  }

  /** How the program memtui started ended, or null (still running, or not started by memtui). */
  get exit(): ExitReport | null {
    return this.program?.exit ?? null;
  }

  /** Called whenever the program prints, is sent input, or exits: the screen redraws its pane then. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every mapping with its smaps figures, read again when the last reading is older than `maxAgeMs`. */
  regions(maxAgeMs = this.freshMs): RegionsView {
    const ended = this.target.ended;
    if (ended) {
      this.#pages.clear();
      return { ok: false, problem: ended };
    }
    const now = Date.now();
    const last = this.#regions;
    if (last && now - last.readAt < maxAgeMs) return last.view;
    const reading = this.target.regions();
    if (!reading.ok) {
      // Kept like a reading: a refusal is not asked again on every frame.
      this.#regions = { view: { ok: false, problem: reading.problem }, readAt: now };
      return this.#regions.view;
    }
    const before = last?.view.ok ? last.view : null;
    const changes = before ? regionChanges(before.regions, reading.regions) : new Map<string, RegionChange>();
    const keep = before !== null && changes.size === 0;
    const view: RegionsView = {
      ok: true, regions: reading.regions, readAt: now,
      changes: keep ? before.changes : changes, changedAt: keep ? before.changedAt : changes.size > 0 ? now : null,
    };
    this.#regions = { view, readAt: now };
    return view;
  }

  /** The pages of [start, end) from pagemap, with the last change marked; read again when older than `maxAgeMs`. */
  pagesOf(region: Pick<TargetRegion, 'start' | 'end' | 'pages' | 'sizeBytes'>, maxAgeMs = this.freshMs): RegionPages {
    if (region.sizeBytes > PAGES_READ_LIMIT_BYTES) {
      return {
        kind: 'too-large', pages: region.pages,
        message: `${kib(region.sizeBytes)} (${region.pages.toLocaleString('en-US')} pages): over ${PAGES_READ_LIMIT_BYTES / 2 ** 30} GiB, `
          + 'not read page by page each second (its RSS is in smaps); pages <address> counts its pages once',
      };
    }
    const key = `${region.start}-${region.end}`;
    const previous = this.#pages.get(key);
    const now = Date.now();
    if (previous?.kind === 'pages' && now - previous.readAt < maxAgeMs) return previous;
    const reading = this.target.presence(region.start, region.end);
    const pages: RegionPages = reading.ok ? carryMarks(previous, reading, now) : { kind: 'problem', problem: reading.problem };
    this.#pages.delete(key);
    this.#pages.set(key, pages);
    if (this.#pages.size > PAGES_KEPT) this.#pages.delete(this.#pages.keys().next().value!);
    return pages;
  }

  /**
   * stat, ps and maps are answered about this process; commands that would change memory are
   * refused (memtui reads another process's memory map, never its memory), and so are those
   * about memtui's own memory, whose figures would be read as this process's. The rest (help,
   * mark, pages, input, lesson, part, policy, grade, quit) run as declared.
   */
  handle(spec: CommandSpec): SubjectHandling | undefined {
    switch (spec.name) {
      case 'stat': return { run: ({ mark }) => watchedStat(this, mark) };
      case 'ps': return { run: () => watchedPs(this) };
      case 'maps': return { run: () => watchedMaps(this) };
    }
    const why = this.#refusal(spec);
    return why === null ? undefined : { refuse: why };
  }

  #refusal(spec: CommandSpec): string | null {
    const watching = `memtui only watches PID ${this.pid} (${this.label})`;
    const how = this.program ? 'plain memtui (not memtui watch)' : 'memtui without --pid';
    switch (spec.name) {
      case 'read':
        return `${watching}: it never reads that process's memory, only which of its pages are present (pages <address>, or v on a mapping). `
          + `read hexdumps memtui's own pages: run ${how}`;
      case 'run':
        return `${watching}: run replays the lab's programs on memtui's own allocators, and its VSZ lines would not be that process's. Run it with ${how}`;
      case 'load':
        return `${watching}: load runs your allocator in a process of its own and measures that one instead. Run ${how}, then load`;
      case 'part':
      case 'policy':
        return `${watching}: ${spec.name} chooses for memtui's own allocators, which do not run here. Run ${how}`;
    }
    // Short enough to read whole in the log of an 80x24 screen.
    return spec.changesMemory
      ? `${spec.name} would change memory, and ${watching}: it reads its maps, smaps and pagemap, and never maps or writes its memory. `
        + `To map pages of memtui's own, run ${how}`
      : null;
  }

  /** Stops watching; a program memtui started is asked to stop (SIGTERM) if it still runs. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.program?.stop('SIGTERM');
    this.#listeners.clear();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
