import { difference, type Result, type Sample } from '../result/index.js';
import { lessons, Walkthrough } from '../walkthrough/index.js';
import type { CommandContext, CommandSpec } from './command/command-spec.js';
import { MAX_LINE_LENGTH, parseLine, type ParsedLine } from './command/parse-line.js';
import { CommandRegistry } from './command/registry.js';
import { builtinCommands } from './commands/index.js';
import { LabState } from './lab/lab-state.js';
import { fail, type Outcome } from './outcome.js';
import { ResultLog } from './result-log.js';
import { selfSubject, type Subject } from './subject.js';
import { quoteStart } from './text/quote.js';

export interface SessionOptions {
  /** Results the log keeps (the oldest go first); 0 keeps only the newest, for scripts. */
  logLimit?: number;
  /** Commands besides the built-in ones (a test registers a toy command this way). */
  commands?: readonly CommandSpec[];
}

/**
 * The one place that changes state. Takes a command line, runs it on the lab objects, measures
 * the process right before and after, and appends a Result to the log. The TUI, the script
 * runner and the tests all come through `run`; runs happen one at a time, in the order asked.
 */
export class Session {
  readonly lab = new LabState();
  readonly registry: CommandRegistry;
  readonly log: ResultLog;
  readonly walkthrough = new Walkthrough(lessons, this.lab.pageSize);
  readonly #self: Subject = selfSubject(() => this.lab.footprint());
  #subject: Subject = this.#self;
  #mark: Sample | null = null;
  #lastSample: Sample = { vszBytes: 0, rssBytes: 0, ours: { mappedBytes: 0, residentBytes: 0 } };
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #listeners = new Set<() => void>();
  #disposed = false;
  #running: string | null = null;

  constructor(options: SessionOptions = {}) {
    this.registry = new CommandRegistry([...builtinCommands, ...(options.commands ?? [])]);
    this.log = new ResultLog(options.logLimit ?? 500);
  }

  get mark(): Sample | null { return this.#mark; }
  get disposed(): boolean { return this.#disposed; }

  /** The process measured: memtui itself unless a command or a flag chose another (see Subject). */
  get subject(): Subject { return this.#subject; }

  /**
   * Measures another process from now on (null: memtui itself again). The mark is dropped: a
   * baseline of one process means nothing for another.
   */
  setSubject(subject: Subject | null): void {
    if (this.#subject !== this.#self) this.#subject.close();
    this.#subject = subject ?? this.#self;
    this.#mark = null;
  }

  /** VSZ and RSS of the process measured, now, and the student's part of it: O(1), whatever is mapped. */
  sample(): Sample {
    try {
      const { vszBytes, rssBytes } = this.#subject.read();
      this.#lastSample = { vszBytes, rssBytes, ours: this.#subject.ours() ?? { mappedBytes: 0, residentBytes: 0 } };
    } catch {
      // A watched process that is gone keeps its last figures; its subject says why (see Subject).
    }
    return this.#lastSample;
  }

  /** Runs one command line; never rejects: every failure becomes a Result that says what to do. */
  run(line: string): Promise<Result> {
    return this.#enqueue(() => this.#runNow(line, parseLine(line, this.registry)));
  }

  /** Logs a line refused before it was read whole (a script line too long to run), as a failed result. */
  reject(line: string, error: string): Promise<Result> {
    return this.#enqueue(() => this.#runNow(line, { ok: false, error }));
  }

  #enqueue(task: () => Promise<Result>): Promise<Result> {
    const next = this.#queue.then(task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The command line running now (a student's code may take a while to answer), or null. */
  get running(): string | null { return this.#running; }

  async #runNow(line: string, parsed: ParsedLine): Promise<Result> {
    if (this.#disposed) throw new Error('the session was disposed');
    this.#running = line;
    this.#notify();
    try {
      return await this.#runMeasured(line, parsed);
    } finally {
      this.#running = null;
      this.#notify();
    }
  }

  async #runMeasured(line: string, parsed: ParsedLine): Promise<Result> {
    const subject = this.#subject;
    const context: CommandContext = {
      lab: this.lab, walkthrough: this.walkthrough, registry: this.registry, mark: this.#mark,
      sampleNow: () => this.sample(), setMark: (sample) => { this.#mark = sample; },
      subject, setSubject: (next) => this.setSubject(next),
    };
    const before = this.sample();
    let outcome: Outcome;
    const handling = parsed.ok ? subject.handle?.(parsed.spec) : undefined;
    if (!parsed.ok) outcome = fail(parsed.error);
    else if (handling && 'refuse' in handling) outcome = fail(handling.refuse);
    else {
      try {
        const running = (handling?.run ?? parsed.spec.run)(context, parsed.args as never);
        outcome = running instanceof Promise ? await running : running;
      } catch (error) {
        // A bug or an unexpected refusal from the kernel: reported, and the session goes on.
        outcome = fail(`${parsed.spec.name} stopped: ${(error as Error).message}`);
      }
    }
    const after = this.sample();
    const result: Result = {
      seq: (this.#seq += 1),
      // A line too long to run is echoed by its start only.
      line: line.length > MAX_LINE_LENGTH ? quoteStart(line, 80) : line,
      command: parsed.ok ? parsed.spec.name : null,
      ok: outcome.ok,
      error: outcome.ok ? null : outcome.error,
      message: outcome.ok ? outcome.message : outcome.error,
      details: outcome.details ?? [],
      effect: outcome.ok ? outcome.effect : outcome.effect ?? { kind: 'none' },
      vszBytes: after.vszBytes,
      rssBytes: after.rssBytes,
      // Figures of two processes (load, unload, a crash that ends the driver) make no delta.
      delta: this.#subject === subject ? difference(before, after) : null,
      ours: after.ours,
      quit: outcome.ok && outcome.quit === true,
    };
    if (this.#subject !== this.#self) {
      result.measured = { pid: this.#subject.pid, label: this.#subject.label, ours: this.#subject.ours() !== null };
    }
    this.log.push(result);
    this.walkthrough.observe(result);
    this.#notify();
    return result;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Every page and chunk this session mapped goes back to the kernel; once, however often it is called. */
  dispose(): Error[] {
    if (this.#disposed) return [];
    this.#disposed = true;
    if (this.#subject !== this.#self) this.#subject.close();
    this.#self.close();
    return this.lab.dispose();
  }
}
