import { execFile } from 'node:child_process';
import { StudentError } from './student-error.js';

export interface GccRun {
  ok: boolean;
  /** What gcc printed on stderr: diagnostics and the linker's messages. */
  stderr: string;
}

const noGcc = 'gcc was not found on PATH. memtui compiles the student\'s C file and its own small '
  + 'driver program with gcc. Install it (Debian/Ubuntu: sudo apt-get install gcc; Fedora: sudo dnf '
  + 'install gcc) or put it on PATH, then run the command again.';

/** Runs gcc with fixed arguments (no shell); a missing gcc is a StudentError that says what to do. */
export function runGcc(args: readonly string[], cwd?: string): Promise<GccRun> {
  return new Promise((resolve, reject) => {
    execFile('gcc', args, { cwd, timeout: 120_000, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new StudentError('no-gcc', noGcc));
        return;
      }
      resolve({ ok: !error, stderr });
    });
  });
}

/**
 * The lines of gcc's output a student acts on: `file:line:col: error: ...` (and warnings and
 * notes, in gcc's order) and the linker's `undefined reference` lines. gcc runs with
 * -fdiagnostics-plain-output, so there are no source excerpts or colours to strip.
 */
export function diagnosticLines(stderr: string): string[] {
  const lines = stderr.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');
  const useful = lines.filter((line) => /:\d+:\d+: /.test(line) || /undefined reference|error:|ld returned/.test(line));
  return useful.length > 0 ? useful : lines;
}
