import { quoteStart } from '../text/quote.js';
import { parseTarget, type Target } from './target.js';

/** A word that did not fit a parameter: what was wrong, said so that the fix is plain. */
export class ParamError {
  constructor(readonly message: string) {}
}

/** A word of a command line, and whether it was written in quotes (then it is always text). */
export interface Word {
  text: string;
  quoted: boolean;
}

/** What a parameter may look up while parsing: the names of the commands, for `help <command>`. */
export interface ParseContext {
  isCommand(word: string): boolean;
  /** The command's own name for a name or an alias. */
  canonical(word: string): string;
  suggest(word: string): string;
}

/**
 * One parameter of a command's grammar. `usage` is how the help writes it ('<target>',
 * '[pages]', 'a|b'); a `rest` parameter takes every word left (text with spaces).
 */
export interface Param<N extends string = string, T = unknown> {
  readonly name: N;
  readonly usage: string;
  readonly rest?: boolean;
  parse(words: Word[], context: ParseContext): T | ParamError;
}

/** The typed arguments a list of parameters produces: `{ pages: number, target: Target }`. */
export type ArgsOf<P extends readonly Param[]> = { [K in P[number] as K['name']]: K extends Param<string, infer T> ? T : never };

/** A whole number written in decimal or hex (0x...), or null. */
export function wholeNumber(text: string): number | null {
  if (!/^-?\d{1,15}$|^0x[0-9a-f]{1,12}$/i.test(text)) return null;
  return Number(text);
}

export function targetParam<N extends string = 'target'>(name: N = 'target' as N): Param<N, Target> {
  return {
    name, usage: '<target>',
    parse([word]) {
      if (word === undefined) return new ParamError('a target is missing');
      const target = parseTarget(word.text);
      return typeof target === 'string' ? new ParamError(target) : target;
    },
  };
}

/** A whole number in [min, max]; absent, the fallback (or an error naming what is missing). */
export function countParam<N extends string>(name: N, options: { min: number; max: number; fallback?: number; what: string }): Param<N, number> {
  const { min, max, fallback, what } = options;
  return {
    name, usage: fallback === undefined ? `<${name}>` : `[${name}]`,
    parse([word]) {
      if (word === undefined) return fallback ?? new ParamError(`the ${what} is missing`);
      const value = wholeNumber(word.text);
      if (value === null || value < min || value > max) {
        return new ParamError(`"${quoteStart(word.text)}" is not a ${what} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
      }
      return value;
    },
  };
}

/** A whole number with no range of its own: the command judges it (alloc explains sizes itself). */
export function integerParam<N extends string>(name: N, what: string): Param<N, number> {
  return {
    name, usage: `<${name}>`,
    parse([word]) {
      if (word === undefined) return new ParamError(`the ${what} is missing`);
      const value = wholeNumber(word.text);
      return value === null ? new ParamError(`"${quoteStart(word.text)}" is not a number of ${what === 'size' ? 'bytes' : what}`) : value;
    },
  };
}

/**
 * One word out of a few, case-insensitive; absent, the fallback, or `missing` with the list.
 * `isNot` completes "... is not ___": "a policy", "advice memtui knows".
 */
export function choiceParam<N extends string, C extends string>(
  name: N, choices: readonly C[],
  options: { fallback?: C | null; isNot: string; missing?: string; meaning?: Partial<Record<C, string>> },
): Param<N, C | null> {
  const listed = choices.map((choice) => (options.meaning?.[choice] ? `${choice} (${options.meaning[choice]})` : choice)).join(', ');
  return {
    name, usage: options.fallback === undefined ? choices.join('|') : `[${choices.join('|')}]`,
    parse([word]) {
      if (word === undefined) return options.fallback === undefined ? new ParamError(`${options.missing ?? `say which: ${name}`}: ${listed}`) : options.fallback;
      const lower = word.text.toLowerCase() as C;
      return choices.includes(lower) ? lower : new ParamError(`"${quoteStart(word.text)}" is not ${options.isNot}: ${listed}`);
    },
  };
}

/** Every word left, as typed (quoted words keep their spaces); null when there is none. */
export function restParam<N extends string>(name: N, usage: string): Param<N, Word[] | null> {
  return { name, usage, rest: true, parse: (words) => (words.length === 0 ? null : words) };
}

/** The name of a command (or an alias), for `help <command>`; null when absent. */
export function commandNameParam<N extends string>(name: N): Param<N, string | null> {
  return {
    name, usage: '[command]',
    parse([word], context) {
      if (word === undefined) return null;
      const lower = word.text.toLowerCase();
      return context.isCommand(lower) ? context.canonical(lower) : new ParamError(`no command is called "${quoteStart(word.text)}": ${context.suggest(lower)}type help for the list`);
    },
  };
}
