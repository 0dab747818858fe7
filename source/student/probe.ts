import { hex } from './address-text.js';
import type { CheckResult, CrashFacts, Verdict } from './check-types.js';
import { describeStack, outputTail } from './crash-report.js';
import { describeGaps } from './free-space.js';
import type { PolicyFinding } from './policy-inference.js';
import type { Operation, StepResult } from './step-result.js';
import type { StudentAllocator } from './student-allocator.js';
import type { StrayWrite } from './chunk-table.js';

/** Ends a check early with its verdict: a failed expectation, a crash or a hang. */
export class CheckStop extends Error {
  constructor(readonly verdict: Exclude<Verdict, 'pass'>, readonly detail: string, readonly crash?: CrashFacts) {
    super(detail);
    this.name = 'CheckStop';
  }

  toResult(check: string): CheckResult {
    return { check, verdict: this.verdict, detail: this.detail, ...(this.crash ? { crash: this.crash } : {}) };
  }
}

export interface ProbeOptions {
  /** Fail on any write into the page outside the chunks handed out (no metadata inside the page). */
  watchFreeSpace?: boolean;
  /** Fail when the library calls malloc, calloc or realloc. */
  watchMalloc?: boolean;
}

/**
 * A check's hands on the student's allocator: each call is made, and what must hold after any
 * call is verified at once (chunk data intact, no chunk handed out twice, every chunk in a page
 * the library mapped). A crash or a hang stops the check with that verdict.
 */
export class Probe {
  readonly allocator: StudentAllocator;
  readonly #options: ProbeOptions;
  /** Every call of the check so far, as text. */
  readonly calls: string[] = [];
  last: StepResult | undefined;
  /** The placement policy a workload inferred, for the file's summary. */
  policy: PolicyFinding | undefined;

  constructor(allocator: StudentAllocator, options: ProbeOptions = {}) {
    this.allocator = allocator;
    this.#options = options;
  }

  /** "dealloc(#3)", "dealloc(NULL)", "dealloc(#2 + 8)", "alloc(512)". */
  describe(operation: Operation): string {
    switch (operation.kind) {
      case 'init': return 'init_alloc()';
      case 'cleanup': return 'cleanup()';
      case 'alloc': return `alloc(${operation.size})`;
      case 'free': {
        if (operation.address === null) return 'dealloc(NULL)';
        if (operation.chunkId !== null) return `dealloc(#${operation.chunkId})`;
        const holding = this.allocator.chunks().find((chunk) => operation.address! > chunk.address && operation.address! < chunk.address + BigInt(chunk.size));
        return holding ? `dealloc(#${holding.id} + ${operation.address - holding.address})` : `dealloc(${hex(operation.address)})`;
      }
    }
  }

  fail(detail: string): never {
    throw new CheckStop('fail', detail);
  }

  async init(): Promise<StepResult> {
    return this.#step(this.allocator.init(), { kind: 'init' });
  }

  async cleanup(): Promise<StepResult> {
    return this.#step(this.allocator.cleanup(), { kind: 'cleanup' });
  }

  async free(address: bigint | null): Promise<StepResult> {
    const chunk = address === null ? undefined : this.allocator.chunks().find((live) => live.address === address);
    return this.#step(this.allocator.free(address), { kind: 'free', address, chunkId: chunk?.id ?? null });
  }

  /** alloc(size); returns the pointer (null for NULL). */
  async alloc(size: number): Promise<bigint | null> {
    const step = await this.#step(this.allocator.alloc(size), { kind: 'alloc', size });
    return step.outcome.kind === 'returned' ? step.outcome.address : null;
  }

  /** alloc(size), which must return a chunk; `why` says why one must exist. */
  async allocChunk(size: number, why = ''): Promise<bigint> {
    const address = await this.alloc(size);
    // A NULL changed no chunk: the layout after the call is the free space it was refused in.
    if (address === null) this.fail(`alloc(${size}) returned NULL${why ? ` (${why})` : ''}; ${describeGaps(this.last!.layout)}`);
    return address;
  }

  /** alloc(size), which must return NULL, for `why`. */
  async allocNull(size: number, why: string): Promise<void> {
    const address = await this.alloc(size);
    if (address !== null) this.fail(`alloc(${size}) returned ${this.#where(address)}; expected NULL: ${why}`);
  }

  /** "0x7f..200 (#3, offset 512 of page 0)". */
  #where(address: bigint): string {
    const chunk = this.allocator.layout().chunks.find((view) => view.address === address);
    if (!chunk) return hex(address);
    const pages = this.allocator.layout().pages;
    const order = pages.find((page) => page.base === chunk.page)?.order;
    return `${hex(address)} (#${chunk.id}${chunk.offset === null ? '' : `, offset ${chunk.offset}${pages.length > 1 ? ` of page ${order}` : ''}`})`;
  }

  async #step(pending: Promise<StepResult>, operation: Operation): Promise<StepResult> {
    const text = this.describe(operation);
    const step = await pending;
    this.calls.push(text);
    this.last = step;
    const { outcome } = step;
    if (outcome.kind === 'crashed') {
      const { crash } = outcome;
      const theirs = crash.stack.find((place) => place.inLibrary);
      const printed = outputTail(crash.output);
      const what = crash.signal ? `${crash.signal} during ${text}: ${crash.cause}; ${describeStack(crash.stack)}` : `${text}: ${crash.cause}`;
      throw new CheckStop('crash', `${what}${printed ? `; it printed: ${printed}` : ''}`, {
        signal: crash.signal,
        exitCode: crash.exitCode,
        faultAddress: crash.faultAddress === null ? null : hex(crash.faultAddress),
        function: theirs?.function ?? null,
        file: theirs?.file ?? null,
        line: theirs?.line ?? null,
        operation: text,
      });
    }
    if (outcome.kind === 'timed-out') {
      const where = outcome.hang.stack.length > 0 ? `; it was ${describeStack(outcome.hang.stack)} when memtui stopped it` : '';
      throw new CheckStop('timeout', `${text} did not return within ${outcome.hang.timeoutMs} ms (an endless loop?)${where}`);
    }
    if (outcome.kind === 'not-running') throw new CheckStop('crash', `${text}: ${outcome.message}`);
    this.#verify(step, text);
    return step;
  }

  /** What must hold after every call. */
  #verify(step: StepResult, text: string): void {
    const corrupted = step.strayWrites.find((write) => write.region === 'live-chunk');
    if (corrupted) {
      const chunk = step.layout.chunks.find((view) => view.id === corrupted.chunkId);
      this.fail(`${text} changed ${corrupted.length} B of chunk #${corrupted.chunkId}${chunk ? ` (${chunk.size} B at ${hex(chunk.address)})` : ''} at its offset ${corrupted.offsetInChunk}: a chunk's bytes are the program's until it frees the chunk`);
    }
    const problem = step.chunkProblem;
    if (problem && step.operation.kind === 'alloc' && step.outcome.kind === 'returned') {
      const returned = `${text} returned ${hex(step.outcome.address!)}`;
      if (problem.kind === 'outside-pages') {
        const where = problem.byte === 'first' ? `, ${problem.where},` : `, whose last byte ${hex(problem.address)} is ${problem.where},`;
        this.fail(`${returned}${where} not in a page your code mapped with mmap: memory must come from those pages only`);
      }
      this.fail(`${returned}, but its ${step.operation.size} bytes are not all writable: writing at ${hex(problem.faultAddress)} faulted`);
    }
    const chunk = step.outcome.kind === 'returned' ? step.outcome.chunk : null;
    if (chunk) {
      const end = chunk.address + BigInt(chunk.size);
      const other = this.allocator.chunks().find((live) => live.id !== chunk.id && live.address < end && chunk.address < live.address + BigInt(live.size));
      if (other) this.fail(`${text} returned ${hex(chunk.address)} (${chunk.size} B), which overlaps chunk #${other.id} (${other.size} B at ${hex(other.address)}), still allocated: no byte may be handed out twice`);
    }
    if (this.#options.watchFreeSpace) {
      const stray = step.strayWrites.find((write) => write.region !== 'live-chunk');
      if (stray) this.fail(`${text} ${describeStrayWrite(stray, step)}: bookkeeping must live outside the page (no header, footer or list node in it; memtui counts the bytes whose value changed, so a header's zero bytes do not show)`);
    }
    if (this.#options.watchMalloc && step.libraryMallocs > 0) {
      this.fail(`${text} called malloc/calloc/realloc ${step.libraryMallocs} time${step.libraryMallocs === 1 ? '' : 's'}: the lab forbids library malloc (bookkeeping goes in static arrays or your own mmap'd memory)`);
    }
  }
}

function describeStrayWrite(write: StrayWrite, step: StepResult): string {
  const pages = step.layout.pages;
  const page = pages.find((candidate) => candidate.base === write.page);
  const where = `offset ${write.offsetInPage}${pages.length > 1 && page ? ` of page ${page.order}` : ' of the page'}`;
  const bytes = `${write.length} byte${write.length === 1 ? '' : 's'}`;
  if (write.region === 'chunk-being-freed') return `changed ${bytes} of the chunk it was freeing (at its offset ${write.offsetInChunk}, ${where})`;
  if (step.operation.kind === 'init') return `changed ${bytes} at ${where}, before handing out any chunk`;
  return `changed ${bytes} at ${where}, outside every chunk it had handed out`;
}
