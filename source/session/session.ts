import { ourFootprint } from '../native/index.js';
import { difference, type OurFootprint, type Sample, sample } from '../proc/index.js';
import type { Command } from './command.js';
import { commandHelp } from './command-help.js';
import * as heapCommands from './heap-commands.js';
import { runProgram } from './lab-programs.js';
import * as measureCommands from './measure-commands.js';
import { fail, type Outcome } from './outcome.js';
import { MAX_LINE_LENGTH, parseLine, quoteStart } from './parser.js';
import * as rawCommands from './raw-commands.js';
import type { Result } from './result.js';
import { SessionState } from './session-state.js';
import { targetHint } from './target.js';
import { lessons, Walkthrough } from '../walkthrough/index.js';

export interface SessionOptions {
  /** Keep at most this many results in the log (the oldest go first). */
  logLimit?: number;
}

/**
 * The one place that changes state. Takes a command line, runs it on the lab objects,
 * measures the process right before and after, and appends a Result to the log. The TUI, the
 * script runner and the tests all come through `run`.
 */
export class Session {
  readonly state = new SessionState();
  readonly log: Result[] = [];
  mark: Sample | null = null;
  readonly walkthrough = new Walkthrough(lessons, this.state.pageSize);
  #seq = 0;
  #listeners = new Set<() => void>();
  readonly #logLimit: number;

  constructor(options: SessionOptions = {}) {
    this.#logLimit = options.logLimit ?? 1000;
  }

  ours(): OurFootprint {
    return ourFootprint();
  }

  sample(): Sample {
    return sample(ourFootprint);
  }

  /** Runs one command line; never throws: every failure becomes a Result that says what to do. */
  run(line: string): Result {
    const parsed = parseLine(line);
    const before = this.sample();
    let outcome: Outcome;
    if (!parsed.ok) outcome = fail(parsed.error);
    else {
      try {
        outcome = this.#execute(parsed.command);
      } catch (error) {
        // A bug or an unexpected refusal from the kernel: reported, and the session goes on.
        outcome = fail(`${parsed.command.name} stopped: ${(error as Error).message}`);
      }
    }
    this.state.numberNewPages();
    const after = this.sample();
    const result: Result = {
      seq: (this.#seq += 1),
      // A line too long to run is echoed by its start only.
      line: line.length > MAX_LINE_LENGTH ? quoteStart(line, 80) : line,
      command: parsed.ok ? parsed.command.name : null,
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
    if (this.log.length > this.#logLimit) this.log.splice(0, this.log.length - this.#logLimit);
    this.#notify();
    return result;
  }

  #execute(command: Command): Outcome {
    const state = this.state;
    switch (command.name) {
      case 'mmap': return rawCommands.mmap(state, command);
      case 'write': return rawCommands.write(state, command);
      case 'read': return rawCommands.read(state, command);
      case 'munmap': return rawCommands.munmap(state, command);
      case 'madvise': return rawCommands.madvise(state, command);
      case 'mode': return heapCommands.mode(state, command);
      case 'init': return heapCommands.init(state);
      case 'alloc': return heapCommands.alloc(state, command);
      case 'free': return heapCommands.free(state, command);
      case 'cleanup': return heapCommands.cleanup(state);
      case 'policy': return heapCommands.policy(state, command);
      case 'stat': return measureCommands.stat(state, this.ours(), this.mark);
      case 'ps': return measureCommands.ps();
      case 'maps': return measureCommands.maps(state, command);
      case 'mark': {
        this.mark = this.sample();
        return { ok: true, message: 'mark: the header now shows VSZ and RSS as changes from here', effect: { kind: 'mark' } };
      }
      case 'run': return runProgram(state, command.program);
      case 'lesson': {
        const walkthrough = this.walkthrough;
        const reply = command.action === 'goto' ? walkthrough.goto(command.number!)
          : command.action === 'next' ? walkthrough.next()
            : command.action === 'back' ? walkthrough.back()
              : command.action === 'hide' ? walkthrough.hide() : walkthrough.list();
        return reply.ok ? { ok: true, message: reply.message, details: reply.details, effect: { kind: 'none' } } : fail(reply.message);
      }
      case 'help': return help(command.topic);
      case 'quit': return { ok: true, message: 'quit: unmapping everything and leaving', effect: { kind: 'none' }, quit: true };
    }
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Every page and chunk this session mapped goes back to the kernel. */
  dispose(): void {
    this.state.dispose();
  }
}

function help(topic: string | null): Outcome {
  if (topic !== null) {
    const entry = commandHelp[topic as keyof typeof commandHelp];
    return {
      ok: true, message: `${entry.usage}: ${entry.summary}`,
      details: [entry.detail, `example: ${entry.example}`], effect: { kind: 'none' },
    };
  }
  const width = Math.max(...Object.values(commandHelp).map((entry) => entry.usage.length));
  return {
    ok: true,
    message: 'commands (help <command> explains one; ; separates commands on one line):',
    details: [...Object.values(commandHelp).map((entry) => `${entry.usage.padEnd(width)}  ${entry.summary}`), targetHint],
    effect: { kind: 'none' },
  };
}
