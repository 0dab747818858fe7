import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MapsEntry, readMaps, readStatus } from '../proc/index.js';
import { hex } from './address-text.js';
import { ChunkTable, type LiveChunk } from './chunk-table.js';
import { compileLibrary } from './compile-library.js';
import { addressPlace, crashReport, hangReport } from './crash-report.js';
import { ensureDriver } from './driver-build.js';
import { DriverProcess, type DriverReply } from './driver-process.js';
import { chunkView, type LayoutSnapshot, layoutOf } from './layout.js';
import { anonymousRanges, containsRange, pageBases, type PageRange, subtractRanges } from './page-ranges.js';
import type { ChangedRange, DoneAnswer } from './protocol.js';
import type { CallOutcome, ChunkProblem, Layout, Operation, StepResult } from './step-result.js';
import { type Part, studentFile } from './student-file.js';

export interface StudentAllocatorOptions {
  /** The student's shared library (.so). */
  library: string;
  part: Part;
  /** How long one call may take before it counts as never returning (default 2000 ms). */
  timeoutMs?: number;
  /** What to call the library in messages (the student's .c when the .so is a build of it). */
  name?: string;
}

/** The driver watches at most this many pages (driver/memtui-driver.c, MAX_PAGES). */
const watchedPagesLimit = 64;

export const defaultTimeoutMs = 2000;

/**
 * A student's allocator library running in a driver process of its own: the lab's four
 * functions as async calls, each returning what happened (a value, a crash, a hang) and what
 * the kernel and the driver saw around it. The student's code never runs in this process.
 */
export class StudentAllocator {
  readonly part: Part;
  readonly library: string;
  readonly timeoutMs: number;
  readonly #driver: DriverProcess;
  readonly #chunks = new ChunkTable();
  readonly #baseline: PageRange[];
  #pages: PageRange[] = [];
  readonly #pageOrder = new Map<bigint, number>();
  #resident = new Map<bigint, boolean>();
  #entries: MapsEntry[];
  #vszBytes: number;
  #rssBytes: number;
  #vszDelta = 0;
  #rssDelta = 0;
  #ending: string | null = null;
  #ownedFolder: string | null = null;

  private constructor(driver: DriverProcess, options: Required<StudentAllocatorOptions>, entries: MapsEntry[]) {
    this.#driver = driver;
    this.part = options.part;
    this.library = options.library;
    this.timeoutMs = options.timeoutMs;
    this.#entries = entries;
    // Every anonymous page the driver has before the first call is not the library's.
    this.#baseline = anonymousRanges(entries);
    const status = readStatus(driver.pid);
    this.#vszBytes = status.vmSizeKiB * 1024;
    this.#rssBytes = status.vmRssKiB * 1024;
  }

  /** Starts a driver process on a built library (.so). Throws a StudentError when it cannot be loaded. */
  static async start(options: StudentAllocatorOptions): Promise<StudentAllocator> {
    const driverPath = await ensureDriver();
    // The path the kernel shows in maps, so that the library's mapping can be found there.
    const library = realpathSync(options.library);
    const driver = await DriverProcess.start(driverPath, library, options.name ?? options.library);
    const settings = { library, part: options.part, timeoutMs: options.timeoutMs ?? defaultTimeoutMs, name: options.name ?? options.library };
    return new StudentAllocator(driver, settings, readMaps(driver.pid));
  }

  /** For `load FILE`: a .c is compiled first (into a temporary folder removed by close()), a .so is used as it is. */
  static async load(file: string, options: { part?: Part; timeoutMs?: number } = {}): Promise<StudentAllocator> {
    const student = studentFile(file, options.part);
    if (student.kind === 'so') return StudentAllocator.start({ library: file, part: student.part, timeoutMs: options.timeoutMs });
    const folder = mkdtempSync(join(tmpdir(), 'memtui-load-'));
    try {
      const library = await compileLibrary(file, folder);
      const allocator = await StudentAllocator.start({ library, part: student.part, timeoutMs: options.timeoutMs, name: file });
      allocator.#ownedFolder = folder;
      return allocator;
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** The PID of the process the student's code runs in. */
  get pid(): number {
    return this.#driver.pid;
  }

  /** False once a call crashed or hung (the process is gone) or close() was called. */
  get running(): boolean {
    return this.#ending === null && this.#driver.running;
  }

  /** What the library printed to stdout or stderr (the last 16 KiB). */
  get output(): string {
    return this.#driver.output;
  }

  /** The driver process's VSZ and RSS after the last call, in bytes (VmSize and VmRSS of its status). */
  get measurement(): { vszBytes: number; rssBytes: number } {
    return { vszBytes: this.#vszBytes, rssBytes: this.#rssBytes };
  }

  /** The pages the library mapped that are mapped now, as ranges. */
  get pageRanges(): readonly PageRange[] {
    return this.#pages;
  }

  layout(): Layout {
    return layoutOf(this.#snapshot());
  }

  #snapshot(): LayoutSnapshot {
    return { ranges: this.#pages, resident: this.#resident, order: new Map(this.#pageOrder), chunks: this.#chunks.list().slice() };
  }

  /** The live chunks in allocation order. */
  chunks(): readonly LiveChunk[] {
    return this.#chunks.list();
  }

  init(): Promise<StepResult> {
    return this.#call({ kind: 'init' }, 'init');
  }

  alloc(size: number): Promise<StepResult> {
    if (!Number.isSafeInteger(size) || size < -(2 ** 31) || size >= 2 ** 31) throw new RangeError(`alloc takes a C int, not ${size}`);
    return this.#call({ kind: 'alloc', size }, `alloc ${size} ${this.#chunks.nextId}`);
  }

  /** dealloc(address); null is dealloc(NULL). Any address may be given: what the library does with it is the point. */
  free(address: bigint | null): Promise<StepResult> {
    const chunk = address === null ? undefined : this.#chunks.at(address);
    return this.#call({ kind: 'free', address, chunkId: chunk?.id ?? null }, `free ${hex(address ?? 0n)}`);
  }

  cleanup(): Promise<StepResult> {
    return this.#call({ kind: 'cleanup' }, 'cleanup');
  }

  /** Ends the driver process (and removes a library load() compiled). */
  async close(): Promise<void> {
    this.#ending ??= 'closed';
    await this.#driver.close();
    if (this.#ownedFolder) rmSync(this.#ownedFolder, { recursive: true, force: true });
    this.#ownedFolder = null;
  }

  /**
   * Ends the driver process at once and removes a library load() compiled: for an exit that
   * cannot wait (memtui quitting, a session disposed). close() is the orderly way.
   */
  closeNow(): void {
    this.#ending ??= 'closed';
    this.#driver.kill();
    if (this.#ownedFolder) rmSync(this.#ownedFolder, { recursive: true, force: true });
    this.#ownedFolder = null;
  }

  async #call(operation: Operation, request: string): Promise<StepResult> {
    if (!this.running) {
      const message = this.#ending === 'closed' ? 'the library was closed' : `the process running the library has ended (${this.#ending ?? 'it exited'}): load it again`;
      return this.#result(operation, { kind: 'not-running', message }, null);
    }
    // The chunk being freed stops being live before the call (the driver does the same), so
    // that writes into it are seen as dealloc's.
    const freeing = operation.kind === 'free' && operation.chunkId !== null ? this.#chunks.at(operation.address!) : undefined;
    if (freeing) this.#chunks.remove(freeing);
    if (operation.kind === 'cleanup') this.#chunks.clear();
    const reply = await this.#driver.request(request, this.timeoutMs);
    if (reply.kind !== 'answer') return this.#ended(operation, reply);
    const answer = reply.answer;
    const before = { vszBytes: this.#vszBytes, rssBytes: this.#rssBytes };
    this.#measure();
    // Only an mmap, munmap or mremap of the library changes its pages (the driver counts them),
    // and VSZ would move: otherwise the maps are as they were, and are not read again.
    const pagesMayHaveChanged = answer.vmCalls > 0 || this.#vszBytes !== before.vszBytes;
    const seen = pagesMayHaveChanged
      ? await this.#lookAround(answer)
      : { mapped: [], unmapped: [], changes: answer.changed, leftOut: answer.changedLeftOut };
    if (!pagesMayHaveChanged) this.#resident = answer.resident;
    let address: bigint | null = null;
    let returned: LiveChunk | undefined;
    let chunkProblem: ChunkProblem | null = null;
    if (operation.kind === 'alloc') {
      address = answer.pointer === 0n ? null : answer.pointer;
      if (answer.filled) {
        // The driver filled it at once: it lies in pages the library mapped and memtui watches.
        if (!answer.untracked) returned = this.#chunks.add(address!, operation.size);
      } else if (answer.fillFault !== null) {
        chunkProblem = { kind: 'not-writable', faultAddress: answer.fillFault };
      } else if (address !== null && operation.size > 0) {
        const end = address + BigInt(operation.size);
        if (!containsRange(this.#pages, address, end)) {
          // Never filled: a wild pointer may point into the driver's own memory or libc's.
          const startsInside = containsRange(this.#pages, address, address + 1n);
          const outside = startsInside ? end - 1n : address;
          chunkProblem = { kind: 'outside-pages', byte: startsInside ? 'last' : 'first', address: outside, where: addressPlace(outside, this.#pages, this.#entries, this.library) };
        } else {
          // In a page that appeared during this very call: filled now that the driver watches it.
          const filled = await this.#request(`fill ${hex(address)} ${operation.size} ${this.#chunks.nextId}`);
          this.#resident = filled.resident;
          if (filled.fillFault !== null) chunkProblem = { kind: 'not-writable', faultAddress: filled.fillFault };
          else if (!filled.untracked) returned = this.#chunks.add(address, operation.size);
          this.#measure(before);
        }
      }
    }
    const strayWrites = this.#chunks.classify(seen.changes, { returned, freeing });
    const value = operation.kind === 'init' || operation.kind === 'cleanup' ? (this.part === 'a' ? answer.returned : null) : null;
    const chunk = returned ? chunkView(returned, new Set(pageBases(this.#pages))) : null;
    return this.#result(operation, { kind: 'returned', value, address, chunk }, {
      pagesMapped: seen.mapped, pagesUnmapped: seen.unmapped, strayWrites, strayWritesLeftOut: seen.leftOut, chunkProblem, libraryMallocs: answer.mallocs,
    });
  }

  /** A request of memtui's own (page, fill): it runs no student code, so it must answer. */
  async #request(line: string): Promise<DoneAnswer> {
    const reply = await this.#driver.request(line, this.timeoutMs);
    if (reply.kind !== 'answer') throw new Error(`memtui's driver failed on its own request "${line}" (${reply.kind})`);
    return reply.answer;
  }

  /** Reads the driver's maps after a call, and has it watch the pages that appeared. */
  async #lookAround(answer: DoneAnswer): Promise<{ mapped: bigint[]; unmapped: bigint[]; changes: ChangedRange[]; leftOut: number }> {
    this.#entries = readMaps(this.pid);
    const now = subtractRanges(anonymousRanges(this.#entries), this.#baseline);
    const mapped = pageBases(subtractRanges(now, this.#pages));
    const unmapped = pageBases(subtractRanges(this.#pages, now));
    this.#pages = now;
    for (const base of unmapped) this.#pageOrder.delete(base);
    const changes = [...answer.changed];
    let leftOut = answer.changedLeftOut;
    let latest = answer;
    // Pages are numbered in the order the library mapped them (its own page array's order, which
    // its placement follows). Several new in one call cannot be told apart by maps: mmap places
    // each new mapping below the previous ones unless asked otherwise, so the highest came first.
    const newestLast = [...mapped].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    for (const base of newestLast) {
      if (!this.#pageOrder.has(base)) this.#pageOrder.set(base, this.#pageOrder.size === 0 ? 0 : Math.max(...this.#pageOrder.values()) + 1);
      if (this.#pageOrder.size > watchedPagesLimit) continue;
      // The bytes the library wrote into a page before memtui knew it (a header written by init).
      latest = await this.#request(`page ${hex(base)}`);
      changes.push(...latest.changed);
      leftOut += latest.changedLeftOut;
    }
    this.#resident = latest.resident;
    return { mapped, unmapped, changes, leftOut };
  }

  /**
   * VSZ and RSS of the driver from /proc/PID/status, after a call (and after memtui's fill of a
   * new chunk, its first touch); the deltas are from before the call (`since`).
   */
  #measure(since = { vszBytes: this.#vszBytes, rssBytes: this.#rssBytes }): void {
    const status = readStatus(this.pid);
    this.#vszBytes = status.vmSizeKiB * 1024;
    this.#rssBytes = status.vmRssKiB * 1024;
    this.#vszDelta = this.#vszBytes - since.vszBytes;
    this.#rssDelta = this.#rssBytes - since.rssBytes;
  }

  async #ended(operation: Operation, reply: Exclude<DriverReply, { kind: 'answer' }>): Promise<StepResult> {
    const context = { entries: this.#entries, studentPages: this.#pages, library: this.library, output: this.#driver.output };
    if (reply.kind === 'timed-out') {
      this.#ending = `a call did not return within ${reply.timeoutMs} ms`;
      const hang = await hangReport(reply.stuck, reply.timeoutMs, context);
      return this.#result(operation, { kind: 'timed-out', hang }, null);
    }
    const crash = await crashReport(reply.crash, { exitCode: reply.exitCode, signal: reply.signal }, context);
    this.#ending = crash.signal ? `it crashed with ${crash.signal}` : `the library called exit(${crash.exitCode})`;
    return this.#result(operation, { kind: 'crashed', crash }, null);
  }

  #result(operation: Operation, outcome: CallOutcome, seen: Omit<StepResult, 'operation' | 'outcome' | 'vszBytes' | 'rssBytes' | 'vszDelta' | 'rssDelta' | 'layout'> | null): StepResult {
    const result = {
      operation,
      outcome,
      pagesMapped: seen?.pagesMapped ?? [],
      pagesUnmapped: seen?.pagesUnmapped ?? [],
      strayWrites: seen?.strayWrites ?? [],
      strayWritesLeftOut: seen?.strayWritesLeftOut ?? 0,
      chunkProblem: seen?.chunkProblem ?? null,
      libraryMallocs: seen?.libraryMallocs ?? 0,
      vszBytes: this.#vszBytes,
      rssBytes: this.#rssBytes,
      vszDelta: seen ? this.#vszDelta : 0,
      rssDelta: seen ? this.#rssDelta : 0,
    };
    // The layout after the call, made when first read (a check making 1,000 calls reads few)
    // from what it was then.
    const snapshot = this.#snapshot();
    let made: Layout | undefined;
    return Object.defineProperty(result, 'layout', { enumerable: true, get: () => (made ??= layoutOf(snapshot)) }) as StepResult;
  }
}

