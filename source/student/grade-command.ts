import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureDriver } from './driver-build.js';
import { buildFolders, type FileReport, gradeFile } from './grade-file.js';
import { exitStatus, humanReport, jsonReport, summaryTable } from './grade-report.js';
import { createLimiter } from './limiter.js';
import { defaultTimeoutMs } from './student-allocator.js';
import { StudentError } from './student-error.js';
import type { Part } from './student-file.js';

export const gradeUsage = `Usage: memtui grade FILE... [--part a|b] [--json] [--timeout MS]

Grades the lab's allocators written in C: each FILE is a .c (compiled here with gcc) or a .so.
The student's code runs in a separate small process, one per check, so a crash or an endless
loop is a verdict, not memtui's end.

  --part a|b     Part A (alloc.h: one page) or Part B (ealloc.h: the elastic heap); default:
                 B when a word of the file's name starts with "ealloc" (ealloc.c,
                 my_ealloc.c, libealloc.so), else A
  --json         one JSON object per check, then one {"summary": ...} per file
  --timeout MS   how long one call may take before it counts as an endless loop (default ${defaultTimeoutMs})

Exit status: 0 when every check of every file passed, 1 when any did not, 2 for a usage error or
a file that cannot be graded (missing, does not compile, not a lab library).
Example: memtui grade alloc.c ealloc.c     a teacher: memtui grade submissions/*/alloc.c`;

export interface GradeIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

function usageError(io: GradeIo, message: string): number {
  io.stderr.write(`memtui grade: ${message}\n\n${gradeUsage}\n`);
  return 2;
}

/** `memtui grade ...`: returns the exit status. */
export async function runGrade(argv: readonly string[], io: GradeIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        part: { type: 'string', short: 'p' },
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.stdout.write(`${gradeUsage}\n`);
    return 0;
  }
  let part: Part | undefined;
  if (values.part !== undefined) {
    const lower = values.part.toLowerCase();
    if (lower !== 'a' && lower !== 'b') return usageError(io, `--part takes a or b (Part A: alloc.h, Part B: ealloc.h), not "${values.part}"`);
    part = lower;
  }
  let timeoutMs = defaultTimeoutMs;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) {
      return usageError(io, `--timeout takes milliseconds from 100 to 600000, not "${values.timeout}"`);
    }
  }
  if (files.length === 0) return usageError(io, 'give at least one file to grade (a .c or a .so)');

  try {
    await ensureDriver();
  } catch (error) {
    if (!(error instanceof StudentError)) throw error;
    io.stderr.write(`memtui grade: ${error.message}\n`);
    return 2;
  }

  // Ctrl-C: the drivers die with memtui (PR_SET_PDEATHSIG); the builds are removed here.
  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      for (const folder of buildFolders) rmSync(folder, { recursive: true, force: true });
      process.exit(status);
    });
  }
  // Every file's compile and checks share the cores; reports still come out in the files' order.
  const limit = createLimiter(Math.max(2, availableParallelism()));
  const pending = files.map((file) => gradeFile(file, { part, timeoutMs, limit }));
  const reports: FileReport[] = [];
  for (const [index, report] of pending.entries()) {
    const done = await report;
    reports.push(done);
    if (values.json) io.stdout.write(jsonReport(done));
    else io.stdout.write(`${index > 0 ? '\n' : ''}${humanReport(done)}`);
  }
  if (!values.json && reports.length > 1) io.stdout.write(`\n${summaryTable(reports)}`);
  return exitStatus(reports);
}
