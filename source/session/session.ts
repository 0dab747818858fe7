import { MemoryReader } from '../proc/index.js';
import { difference, type Result, type Sample } from '../result/index.js';
import { lessons, Walkthrough } from '../walkthrough/index.js';
import type { CommandContext, CommandSpec } from './command/command-spec.js';
import { MAX_LINE_LENGTH, parseLine, type ParsedLine } from './command/parse-line.js';
import { CommandRegistry } from './command/registry.js';
import { builtinCommands } from './commands/index.js';
import { LabState } from './lab/lab-state.js';
import { fail, type Outcome } from './outcome.js';
import { ResultLog } from './result-log.js';
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
  readonly #memory = new MemoryReader('self');
  #mark: Sample | null = null;
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #listeners = new Set<() => void>();
  #disposed = false;

  constructor(options: SessionOptions = {}) {
    this.registry = new CommandRegistry([...builtinCommands, ...(options.commands ?? [])]);
    this.log = new ResultLog(options.logLimit ?? 500);
  }

  get mark(): Sample | null { return this.#mark; }
  get disposed(): boolean { return this.#disposed; }

  /** VSZ and RSS of the process now, and our part: O(1), whatever is mapped. */
  sample(): Sample {
    const { vszBytes, rssBytes } = this.#memory.read();
    return { vszBytes, rssBytes, ours: this.lab.footprint() };
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

  async #runNow(line: string, parsed: ParsedLine): Promise<Result> {
    if (this.#disposed) throw new Error('the session was disposed');
    const context: CommandContext = {
      lab: this.lab, walkthrough: this.walkthrough, registry: this.registry, mark: this.#mark,
      sampleNow: () => this.sample(), setMark: (sample) => { this.#mark = sample; },
    };
    const before = this.sample();
    let outcome: Outcome;
    if (!parsed.ok) outcome = fail(parsed.error);
    else {
      try {
        const running = parsed.spec.run(context, parsed.args as never);
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
      delta: difference(before, after),
      ours: after.ours,
      quit: outcome.ok && outcome.quit === true,
    };
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
    this.#memory.close();
    return this.lab.dispose();
  }
}
