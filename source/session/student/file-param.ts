import { homedir } from 'node:os';
import type { HeapPart } from '../../result/index.js';
import { ParamError, type Param } from '../command/param.js';
import { quoteStart } from '../text/quote.js';

/** `alloc.c --part b`: a student's file and the part asked for (undefined: from the file's name, as grade decides). */
export interface FileArgument {
  file: string;
  part: HeapPart | undefined;
}

function partWord(text: string | undefined): HeapPart | ParamError {
  const lower = text?.toLowerCase();
  if (lower === 'a' || lower === 'b') return lower;
  return new ParamError(text === undefined
    ? '--part needs a or b (Part A: alloc.h, Part B: ealloc.h)'
    : `--part takes a or b (Part A: alloc.h, Part B: ealloc.h), not "${quoteStart(text)}"`);
}

/**
 * The grammar of `load` and `grade`: a file (`~/` is the home folder) and `--part a|b` (also
 * `--part=b`, `-p b`), in either order, as `memtui grade` takes them. `optional`: the file may
 * be left out (grade then grades the allocator loaded).
 */
export function fileParam(options: { optional: boolean }): Param<'input', FileArgument | null> {
  return {
    name: 'input', usage: options.optional ? '[file] [--part a|b]' : '<file> [--part a|b]', rest: true,
    parse(words) {
      let file: string | undefined;
      let part: HeapPart | undefined;
      for (let index = 0; index < words.length; index += 1) {
        const word = words[index]!;
        const text = word.text;
        if (!word.quoted && /^(--part|-p)(=|$)/i.test(text)) {
          const value = text.includes('=') ? text.slice(text.indexOf('=') + 1) : words[(index += 1)]?.text;
          const chosen = partWord(value);
          if (chosen instanceof ParamError) return chosen;
          part = chosen;
        } else if (!word.quoted && text.startsWith('-') && text.length > 1) {
          return new ParamError(`"${quoteStart(text)}" is not an option: the only one is --part a|b`);
        } else if (file !== undefined) {
          return new ParamError(`one file at a time ("${quoteStart(file)}" and "${quoteStart(text)}"); memtui grade FILE... grades several`);
        } else {
          file = text.startsWith('~/') ? `${homedir()}${text.slice(1)}` : text;
        }
      }
      if (file === undefined) {
        if (options.optional && part === undefined) return null;
        return new ParamError('the file is missing: your alloc.c or ealloc.c (or example, memtui\'s own)');
      }
      return { file, part };
    },
  };
}
