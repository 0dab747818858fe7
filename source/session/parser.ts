import { isPolicy, policies } from '../heap/index.js';
import type { Command, CommandName, WriteData } from './command.js';
import { commandHelp } from './command-help.js';
import { parseTarget, type Target } from './target.js';
import { editDistance, tokenize } from './tokenize.js';

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

const aliases: Record<string, CommandName> = { dealloc: 'free', exit: 'quit', q: 'quit', '?': 'help', h: 'help' };
/** Own keys only: "constructor" or "__proto__" must not find Object.prototype's members. */
const canonical = (word: string): string => (Object.hasOwn(aliases, word) ? aliases[word]! : word);
const isCommandName = (word: string): word is CommandName => Object.hasOwn(commandHelp, word);
const names = Object.keys(commandHelp) as CommandName[];

function usage(name: CommandName, problem: string): Parsed {
  return { ok: false, error: `${name}: ${problem} (usage: ${commandHelp[name].usage}, e.g. ${commandHelp[name].example})` };
}

function wholeNumber(text: string): number | null {
  if (!/^-?\d{1,15}$|^0x[0-9a-f]{1,12}$/i.test(text)) return null;
  return Number(text);
}

function suggest(word: string): string {
  // Short words are too close to everything: suggest only on a real likeness.
  if (word.length < 2 || word.length > 16) return '';
  const near = names.filter((name) => (word.length >= 3 && editDistance(word, name) <= 2) || (word.length >= 2 && name.startsWith(word)));
  return near.length > 0 ? `did you mean ${near.slice(0, 3).join(' or ')}? ` : '';
}

/** The longest command line taken: a page of text for write, and room around it. */
export const MAX_LINE_LENGTH = 8192;

/** Text from the user quoted in a message: its start only, so a pasted megabyte is not echoed back. */
export function quoteStart(text: string, max = 40): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}...`;
}

/** Text -> a typed command, or a sentence that says what was wrong and what to type instead. */
export function parseLine(line: string): Parsed {
  if (line.length > MAX_LINE_LENGTH) {
    return { ok: false, error: `a command line of ${line.length.toLocaleString('en-US')} characters is longer than the ${MAX_LINE_LENGTH.toLocaleString('en-US')} taken ("${quoteStart(line)}"): split it into shorter commands` };
  }
  const { words, error } = tokenize(line);
  if (error) return { ok: false, error: `${error}: close it, or leave quotes out` };
  if (words.length === 0) return { ok: false, error: 'empty command: type help for the list of commands' };
  const [word, ...args] = words as [string, ...string[]];
  const lower = word.toLowerCase();
  const name = canonical(lower);
  if (!isCommandName(name)) {
    return { ok: false, error: `unknown command "${quoteStart(word)}": ${suggest(lower)}type help for the list of commands` };
  }
  const maxArgs: Partial<Record<CommandName, number>> = {
    mmap: 1, read: 2, munmap: 1, madvise: 2, mode: 1, init: 0, alloc: 1, free: 1, cleanup: 0, policy: 1, stat: 0,
    ps: 0, maps: 1, mark: 0, run: 1, lesson: 1, help: 1, quit: 0,
  };
  const limit = maxArgs[name];
  if (limit !== undefined && args.length > limit) {
    return usage(name, `too many arguments: "${args.slice(limit).join(' ')}"`);
  }
  const target = (text: string | undefined): Target | string =>
    text === undefined ? 'a target is missing' : parseTarget(text);

  switch (name) {
    case 'mmap': {
      if (args.length === 0) return { ok: true, command: { name, pages: 1 } };
      const pages = wholeNumber(args[0]!);
      // The screen draws every page: a thousand pages (4 MiB) is already a long scroll.
      if (pages === null || pages < 1 || pages > 1024) return usage(name, `"${args[0]}" is not a number of pages from 1 to 1024`);
      return { ok: true, command: { name, pages } };
    }
    case 'write': {
      const parsed = target(args[0]);
      if (typeof parsed === 'string') return usage(name, parsed);
      const rest = args.slice(1).join(' ');
      let data: WriteData;
      if (rest === '') data = { kind: 'fill', byte: 0x2a };
      else if (/^0x[0-9a-f]{1,2}$/i.test(rest)) data = { kind: 'fill', byte: Number(rest) };
      else data = { kind: 'text', bytes: new TextEncoder().encode(rest), text: rest };
      return { ok: true, command: { name, target: parsed, data } };
    }
    case 'read': {
      const parsed = target(args[0]);
      if (typeof parsed === 'string') return usage(name, parsed);
      if (args[1] === undefined) return { ok: true, command: { name, target: parsed, length: null } };
      const length = wholeNumber(args[1]);
      if (length === null || length < 1 || length > 65536) return usage(name, `"${args[1]}" is not a length from 1 to 65536 bytes`);
      return { ok: true, command: { name, target: parsed, length } };
    }
    case 'munmap':
    case 'free': {
      const parsed = target(args[0]);
      if (typeof parsed === 'string') return usage(name, parsed);
      return { ok: true, command: { name, target: parsed } };
    }
    case 'madvise': {
      const parsed = target(args[0]);
      if (typeof parsed === 'string') return usage(name, parsed);
      const advice = (args[1] ?? '').toLowerCase();
      if (advice !== 'dontneed') {
        return usage(name, advice === '' ? 'the advice is missing: memtui knows dontneed' : `"${args[1]}" is not advice memtui knows: use dontneed`);
      }
      return { ok: true, command: { name, target: parsed } };
    }
    case 'mode': {
      const mode = (args[0] ?? '').toLowerCase();
      if (mode !== 'a' && mode !== 'b') {
        return usage(name, mode === '' ? 'say which allocator: a (Part A page manager) or b (Part B elastic heap)' : `"${args[0]}" is not a mode: a or b`);
      }
      return { ok: true, command: { name, mode } };
    }
    case 'alloc': {
      if (args[0] === undefined) return usage(name, 'the size is missing');
      const size = wholeNumber(args[0]);
      if (size === null) return usage(name, `"${args[0]}" is not a number of bytes`);
      return { ok: true, command: { name, size } };
    }
    case 'policy': {
      if (args[0] === undefined) return { ok: true, command: { name, policy: null } };
      const policy = args[0].toLowerCase();
      if (!isPolicy(policy)) return usage(name, `"${args[0]}" is not a policy: ${policies.join(', ')}`);
      return { ok: true, command: { name, policy } };
    }
    case 'maps': {
      if (args[0] !== undefined && args[0].toLowerCase() !== 'all') return usage(name, `"${args[0]}": the only option is all`);
      return { ok: true, command: { name, all: args[0] !== undefined } };
    }
    case 'run': {
      const program = (args[0] ?? '').toLowerCase();
      if (program !== 'test_alloc' && program !== 'test_ealloc') {
        return usage(name, program === '' ? 'which program: test_alloc or test_ealloc' : `"${args[0]}" is not one of the lab's programs: test_alloc or test_ealloc`);
      }
      return { ok: true, command: { name, program } };
    }
    case 'lesson': {
      const action = (args[0] ?? 'list').toLowerCase();
      if (action === 'list' || action === 'next' || action === 'back' || action === 'hide') {
        return { ok: true, command: { name, action } };
      }
      const number = wholeNumber(action);
      if (number === null || number < 1) return usage(name, `"${args[0]}" is not a lesson number or next, back, list, hide`);
      return { ok: true, command: { name, action: 'goto', number } };
    }
    case 'help': {
      if (args[0] === undefined) return { ok: true, command: { name, topic: null } };
      const topic = canonical(args[0].toLowerCase());
      if (!isCommandName(topic)) return usage(name, `no command is called "${args[0]}": ${suggest(topic)}type help for the list`);
      return { ok: true, command: { name, topic } };
    }
    case 'init':
    case 'cleanup':
    case 'stat':
    case 'ps':
    case 'mark':
    case 'quit':
      return { ok: true, command: { name } as Command };
  }
}
