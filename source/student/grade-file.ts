import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check, CheckResult } from './check-types.js';
import { compileLibrary } from './compile-library.js';
import { partAChecks } from './part-a-checks.js';
import { partBChecks } from './part-b-checks.js';
import { runCheck } from './run-check.js';
import { StudentAllocator } from './student-allocator.js';
import { StudentError } from './student-error.js';
import { type Part, type StudentFile, studentFile } from './student-file.js';

export interface FileReport {
  /** The path as given. */
  file: string;
  student: StudentFile | null;
  /** One result per check, in the order of the part's list. */
  results: CheckResult[];
  /** Why the file could not be graded at all (missing, does not compile, not a lab library). */
  error: StudentError | null;
}

/** The temporary folders of builds being graded, removed on Ctrl-C too (see runGrade). */
export const buildFolders = new Set<string>();

export function checksFor(part: Part): readonly Check[] {
  return part === 'a' ? partAChecks : partBChecks;
}

export interface GradeOptions {
  part?: Part;
  timeoutMs: number;
  /** Shares the machine's cores among every file's compile and checks. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Compiles (a .c) and runs every check of the file's part, each in its own driver process. */
export async function gradeFile(file: string, options: GradeOptions): Promise<FileReport> {
  let student: StudentFile | null = null;
  const folder = mkdtempSync(join(tmpdir(), 'memtui-grade-'));
  buildFolders.add(folder);
  try {
    student = studentFile(file, options.part);
    const library = student.kind === 'c' ? await options.limit(() => compileLibrary(file, folder)) : file;
    // Loaded once before the checks, so that a library that cannot load is one error, not 13.
    await options.limit(async () => (await StudentAllocator.start({ library, part: student!.part, name: file })).close());
    const results = await Promise.all(checksFor(student.part).map((check) => options.limit(() => runCheck(check, library, student!.part, options.timeoutMs))));
    return { file, student, results, error: null };
  } catch (error) {
    if (error instanceof StudentError) return { file, student, results: [], error };
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    buildFolders.delete(folder);
  }
}
