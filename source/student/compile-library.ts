import { dirname, join, resolve } from 'node:path';
import { diagnosticLines, runGcc } from './gcc.js';
import { labHeadersFolder } from './package-files.js';
import { StudentError } from './student-error.js';

/**
 * gcc's flags for a student's library (STACK.md, "Compiling a student's C allocator"):
 * -g for addr2line in crash reports; -Bsymbolic so that a helper the student named like a libc
 * function (`remove`) binds to their own; --no-undefined so that a typo (`mmapp`) fails here,
 * with a line number, and not at load. -fdiagnostics-plain-output: one line per diagnostic.
 */
export const libraryFlags = ['-shared', '-fPIC', '-O2', '-g', '-Wl,-Bsymbolic', '-Wl,--no-undefined', '-fdiagnostics-plain-output'];

/** Compiles `source` (.c) into `outFolder`; returns the library's path or throws a `compile` StudentError. */
export async function compileLibrary(source: string, outFolder: string, name = 'student'): Promise<string> {
  const library = join(outFolder, `${name}.so`);
  const absolute = resolve(source);
  // The student's own folder first (their alloc.h wins), then memtui's copies of the lab headers.
  // The path as the user gave it, so gcc's diagnostics name the file as they know it.
  const asGiven = source.startsWith('-') ? `./${source}` : source;
  const run = await runGcc([...libraryFlags, `-I${dirname(absolute)}`, `-I${labHeadersFolder}`, '-o', library, asGiven]);
  if (!run.ok) {
    throw new StudentError('compile', `${source} does not compile: fix the lines gcc names below, then grade it again.`, diagnosticLines(run.stderr));
  }
  return library;
}
