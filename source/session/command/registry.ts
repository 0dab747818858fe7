import { editDistance } from '../text/tokenize.js';
import { type CommandSpec, type KeyBinding, usageOf } from './command-spec.js';
import type { ParseContext } from './param.js';

/**
 * Every command, found by name or alias. The only list of commands there is: adding one is
 * one declaration added here (see commands/index.ts).
 */
export class CommandRegistry implements ParseContext {
  readonly #byName = new Map<string, CommandSpec>();
  readonly #specs: CommandSpec[] = [];

  constructor(specs: readonly CommandSpec[] = []) {
    for (const spec of specs) this.add(spec);
  }

  add(spec: CommandSpec): void {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (this.#byName.has(name)) throw new Error(`two commands are called "${name}"`);
      this.#byName.set(name, spec);
    }
    const keys = new Set(this.keys().map((binding) => binding.key));
    for (const binding of spec.keys ?? []) if (keys.has(binding.key)) throw new Error(`the key ${binding.key} is bound twice`);
    this.#specs.push(spec);
  }

  find(word: string): CommandSpec | undefined {
    return this.#byName.get(word.toLowerCase());
  }

  isCommand(word: string): boolean {
    return this.#byName.has(word);
  }

  canonical(word: string): string {
    return this.#byName.get(word)?.name ?? word;
  }

  /** Commands in the order they were declared (the order help lists them). */
  all(): readonly CommandSpec[] {
    return this.#specs;
  }

  usage(spec: CommandSpec): string {
    return usageOf(spec);
  }

  /** Every single-key binding, in declaration order. */
  keys(): KeyBinding[] {
    return this.#specs.flatMap((spec) => [...(spec.keys ?? [])]);
  }

  /** "did you mean alloc? " for a near miss, '' when nothing is close (short and long words never are). */
  suggest(word: string): string {
    if (word.length < 2 || word.length > 16) return '';
    const near = [...this.#byName.keys()].filter((name) => name.length > 1
      && ((word.length >= 3 && editDistance(word, name) <= 2) || name.startsWith(word)));
    const specs = [...new Set(near.map((name) => this.#byName.get(name)!.name))];
    return specs.length > 0 ? `did you mean ${specs.slice(0, 3).join(' or ')}? ` : '';
  }
}
