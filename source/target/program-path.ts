import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export type ProgramLookup = { ok: true; path: string } | { ok: false; message: string };

function executableFile(path: string): 'yes' | 'missing' | 'folder' | 'not-executable' {
  try {
    if (!statSync(path).isFile()) return 'folder';
  } catch {
    return 'missing';
  }
  try {
    accessSync(path, constants.X_OK);
    return 'yes';
  } catch {
    return 'not-executable';
  }
}

/**
 * Finds a program as execvp(3) would: a name with a slash is a path (from `cwd`), any other name
 * is looked up in the folders of PATH. Says what is wrong when it is not there or not runnable.
 */
export function findProgram(name: string, cwd = process.cwd(), pathVariable = process.env.PATH ?? ''): ProgramLookup {
  if (name === '') return { ok: false, message: 'no program given: write the program after --, e.g. memtui watch -- ./before-you-begin' };
  if (name.includes('/')) {
    const path = resolve(cwd, name);
    switch (executableFile(path)) {
      case 'yes': return { ok: true, path };
      case 'missing': return { ok: false, message: `${name}: no such file (did you compile it? gcc -o ${name} ${name}.c)` };
      case 'folder': return { ok: false, message: `${name} is a folder, not a program` };
      case 'not-executable': return { ok: false, message: `${name} is not executable: chmod +x ${name}, or let gcc -o make it` };
    }
  }
  for (const folder of pathVariable.split(delimiter)) {
    // POSIX: an empty PATH entry means the current folder.
    const path = resolve(cwd, join(folder === '' ? '.' : folder, name));
    if (executableFile(path) === 'yes') return { ok: true, path };
  }
  const here = executableFile(resolve(cwd, name)) === 'yes' ? `: to run the one in this folder, write ./${name}` : ' (check the spelling, or give its path)';
  return { ok: false, message: `no program named ${name} on PATH${here}` };
}
