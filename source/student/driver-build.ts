import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFolder } from './cache-folder.js';
import { diagnosticLines, runGcc } from './gcc.js';
import { driverSourcePath } from './package-files.js';
import { StudentError } from './student-error.js';

// -O2 keeps the driver's own work (pattern fills and checks) small next to the student's calls.
const driverFlags = ['-O2', '-g', '-Wall', '-o'];

/** The cache folder, or a private folder under the system's temp folder when it cannot be written. */
function writableFolder(): string {
  for (const folder of [cacheFolder(), join(tmpdir(), `memtui-${process.getuid?.() ?? 'user'}`)]) {
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      accessSync(folder, constants.W_OK);
      return folder;
    } catch {
      // try the next one
    }
  }
  throw new StudentError('driver', `memtui cannot write its cache folder ${cacheFolder()} (nor a temporary one): make it writable, or set XDG_CACHE_HOME to a folder you can write`);
}

/** The binary is named after its source and flags, so a changed source is rebuilt on first use. */
export function driverBinaryName(source: string): string {
  return `driver-${createHash('sha256').update(source).update(driverFlags.join(' ')).digest('hex').slice(0, 16)}`;
}

/** Removes the builds of earlier driver sources (a running one keeps its file until it exits). */
function removeOlderBuilds(folder: string, current: string): void {
  for (const name of readdirSync(folder)) {
    if (/^driver-[0-9a-f]{16}$/.test(name) && name !== current) rmSync(join(folder, name), { force: true });
  }
}

async function build(): Promise<string> {
  let source: string;
  try {
    source = readFileSync(driverSourcePath, 'utf8');
  } catch {
    throw new StudentError('driver', `memtui's driver source is missing (${driverSourcePath}): reinstall memtui`);
  }
  const name = driverBinaryName(source);
  const folder = writableFolder();
  const binary = join(folder, name);
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    // not built yet for this source
  }
  // Built under a private name and renamed into place, so that two memtui processes building
  // at once never run a half-written file.
  const building = `${binary}.${process.pid}.tmp`;
  const run = await runGcc([...driverFlags, building, driverSourcePath, '-ldl']);
  if (!run.ok) {
    rmSync(building, { force: true });
    throw new StudentError('driver', `memtui could not build its driver program with gcc: ${diagnosticLines(run.stderr).join('\n')}`);
  }
  renameSync(building, binary);
  removeOlderBuilds(folder, name);
  return binary;
}

let built: Promise<string> | undefined;

/** The path of the driver binary, built on first use into the user's cache folder. */
export function ensureDriver(): Promise<string> {
  built ??= build().catch((error: unknown) => {
    built = undefined; // a later call may succeed (gcc installed meanwhile)
    throw error;
  });
  return built;
}
