import { quoteStart } from '../text/quote.js';
import { tokenize } from '../text/tokenize.js';
import { type CommandSpec, usageOf } from './command-spec.js';
import { ParamError } from './param.js';
import type { CommandRegistry } from './registry.js';

/** The longest command line taken: a page of text for write, and room around it. */
export const MAX_LINE_LENGTH = 8192;

export type ParsedLine =
  | { ok: true; spec: CommandSpec; args: Record<string, unknown> }
  | { ok: false; error: string; spec?: CommandSpec };

/** "alloc: the size is missing (usage: alloc <size>, e.g. alloc 512)". */
export function usageError(spec: CommandSpec, problem: string): string {
  return `${spec.name}: ${problem} (usage: ${usageOf(spec)}, e.g. ${spec.example})`;
}

/** Text -> a command and its typed arguments, by the command's own grammar; or a sentence that says what to type instead. */
/** The refusal of a line too long to run, quoting only its start. */
export function tooLongLine(start: string, length: number): string {
  return `a command line of ${length.toLocaleString('en-US')} characters is longer than the ${MAX_LINE_LENGTH.toLocaleString('en-US')} taken ("${quoteStart(start)}"): split it into shorter commands`;
}

export function parseLine(line: string, registry: CommandRegistry): ParsedLine {
  if (line.length > MAX_LINE_LENGTH) return { ok: false, error: tooLongLine(line, line.length) };
  const { words, error } = tokenize(line);
  if (error) return { ok: false, error: `${error}: close it, or leave quotes out` };
  const [first, ...rest] = words;
  if (!first) return { ok: false, error: 'empty command: type help for the list of commands' };
  const spec = registry.find(first.text);
  if (!spec) {
    return { ok: false, error: `unknown command "${quoteStart(first.text)}": ${registry.suggest(first.text.toLowerCase())}type help for the list of commands` };
  }
  const args: Record<string, unknown> = {};
  let next = 0;
  for (const param of spec.params) {
    const taken = param.rest ? rest.slice(next) : rest.slice(next, next + 1);
    next += taken.length;
    const value = param.parse(taken, registry);
    if (value instanceof ParamError) return { ok: false, error: usageError(spec, value.message), spec };
    args[param.name] = value;
  }
  if (next < rest.length) {
    const extra = rest.slice(next).map((word) => word.text).join(' ');
    return { ok: false, error: usageError(spec, `too many arguments: "${quoteStart(extra)}"`), spec };
  }
  return { ok: true, spec, args };
}
