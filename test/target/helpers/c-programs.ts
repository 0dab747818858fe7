import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROGRAMS = fileURLToPath(new URL('../programs/', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../../docs/examples/', import.meta.url));

/**
 * C programs compiled with the real gcc into a temporary folder that every user may read and
 * run (tests start some as user nobody). `remove()` deletes the folder.
 */
export class CPrograms {
  readonly folder = mkdtempSync(join(tmpdir(), 'memtui-target-'));

  constructor() {
    chmodSync(this.folder, 0o755);
  }

  /** Compiles test/target/programs/NAME.c (or a path ending in .c) and returns the binary's path. */
  build(nameOrSource: string): string {
    const source = nameOrSource.endsWith('.c') ? nameOrSource : join(PROGRAMS, `${nameOrSource}.c`);
    const binary = join(this.folder, nameOrSource.replace(/^.*\//, '').replace(/\.c$/, ''));
    execFileSync('gcc', ['-Wall', '-Wextra', '-Werror', '-O1', '-o', binary, source], { stdio: 'pipe' });
    chmodSync(binary, 0o755);
    return binary;
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
