import type { Sample } from '../../result/index.js';
import type { Walkthrough } from '../../walkthrough/index.js';
import type { LabState } from '../lab/lab-state.js';
import type { Outcome } from '../outcome.js';
import type { Subject } from '../subject.js';
import type { ArgsOf, Param } from './param.js';
import type { CommandRegistry } from './registry.js';

/** What the screen has selected, for the keys that act on it. */
export interface Selection {
  /** p<N> of the selected page, or null when no page is mapped. */
  page: string | null;
  /** #<id> of the chunk selected in the list, when the list has the focus. */
  chunk: string | null;
  part: 'a' | 'b';
  /** The start address of the selected mapping when the grid shows a watched process's mappings (undefined: it shows pages of ours). */
  region?: string | null;
}

/**
 * A single key that runs a command line (or opens the prompt with the start of one), so that
 * everything a key does, a script line can do too.
 */
export interface KeyBinding {
  key: string;
  label: string;
  /** The line the key runs, from the selection; null: nothing to do. */
  line?(selection: Selection): string | null;
  /** Instead of running: the prompt opens with this text, for the user to finish. */
  prompt?: string;
}

/** What a command's handler may use: the lab objects, the walkthrough, the registry (for help), the measurements. */
export interface CommandContext {
  readonly lab: LabState;
  readonly walkthrough: Walkthrough;
  readonly registry: CommandRegistry;
  /** VSZ and RSS now, and our part. */
  sampleNow(): Sample;
  /** The baseline `mark` set, if any. */
  readonly mark: Sample | null;
  setMark(sample: Sample): void;
  /** The process measured (memtui itself, or a student's driver after `load`). */
  readonly subject: Subject;
  /** Measures another process from now on (null: memtui itself); the one before is closed. */
  setSubject(subject: Subject | null): void;
}

export type CommandGroup = 'memory' | 'allocator' | 'measure' | 'lab' | 'general';

/**
 * One command, declared once: its name and aliases, its help (usage, summary, detail,
 * example), its grammar, its keys, and its handler. The parser, `help`, did-you-mean, the
 * dispatcher, the help overlay and the keyboard all read it from here.
 */
export interface CommandSpec<P extends readonly Param[] = readonly Param[]> {
  name: string;
  aliases?: readonly string[];
  group: CommandGroup;
  summary: string;
  detail: string;
  example: string;
  params: P;
  keys?: readonly KeyBinding[];
  /** A command that changes the memory of the process it acts on (refused while only watching). */
  changesMemory?: boolean;
  run(context: CommandContext, args: ArgsOf<P>): Outcome | Promise<Outcome>;
}

/** A command's usage line, from its grammar: `mmap [pages]`, `write <target> [text|0xNN]`. */
export function usageOf(spec: CommandSpec): string {
  return [spec.name, ...spec.params.map((param) => param.usage)].join(' ');
}

/** Declares a command; the generic keeps the handler's arguments typed by the grammar. */
export function defineCommand<const P extends readonly Param[]>(spec: CommandSpec<P>): CommandSpec {
  return spec as unknown as CommandSpec;
}
