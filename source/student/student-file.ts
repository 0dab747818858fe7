import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { StudentError } from './student-error.js';

/** Part A (alloc.h: one page) or Part B (ealloc.h: the elastic heap). */
export type Part = 'a' | 'b';

export interface StudentFile {
  /** The path as the user gave it. */
  path: string;
  kind: 'c' | 'so';
  part: Part;
  /** Where the part came from: --part, the file's name (`ealloc` means B), or the default (A). */
  partFrom: 'flag' | 'name' | 'default';
}

/**
 * The part a file's name suggests: `ealloc` starting a word of it means Part B (ealloc.c,
 * ealloc-v2.so, my_ealloc.c, libealloc.so), but not the `ealloc` inside `dealloc`; otherwise none.
 */
export function partFromName(path: string): Part | null {
  return /(^|[^a-z]|^lib)ealloc/i.test(basename(path)) ? 'b' : null;
}

/** Checks that `path` is a .c or .so file that exists; says what to do when it is not. */
export function studentFile(path: string, part?: Part): StudentFile {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new StudentError('no-file', `${path}: no such file (check the name and the folder you are in)`);
    throw new StudentError('no-file', `${path} cannot be read: ${(error as Error).message}`);
  }
  if (stats.isDirectory()) {
    throw new StudentError('is-folder', `${path} is a folder: give the files in it (memtui grade ${path.replace(/\/$/, '')}/*.c)`);
  }
  const extension = extname(path).toLowerCase();
  if (extension !== '.c' && extension !== '.so') {
    throw new StudentError('not-source', `${path} is neither a C file (.c) nor a shared library (.so): memtui grades alloc.c / ealloc.c, or a library built from one`);
  }
  const named = partFromName(path);
  return {
    path,
    kind: extension === '.c' ? 'c' : 'so',
    part: part ?? named ?? 'a',
    partFrom: part ? 'flag' : named ? 'name' : 'default',
  };
}
