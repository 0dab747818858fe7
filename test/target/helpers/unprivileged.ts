import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type TargetProblem, type TargetSample } from '../../../source/target/index.js';

/** The uid the tests read as: nobody when they run as root (root may read every process). */
export const NOBODY = 65534;
export const runningAsRoot = process.geteuid?.() === 0;
export const readerUid = runningAsRoot ? NOBODY : process.geteuid!();

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** Whether a user other than the owner may reach `path`: every folder above it searchable by others, the file readable. */
function othersReach(path: string): boolean {
  try {
    if ((statSync(path).mode & 0o004) === 0) return false;
    for (let folder = dirname(path); ; folder = dirname(folder)) {
      if ((statSync(folder).mode & 0o001) === 0) return false;
      if (dirname(folder) === folder) return true;
    }
  } catch {
    return false;
  }
}

/** Node and memtui's build as the reader runs them: `node`, and `root` holding dist/ and koffi. */
export interface ReaderRuntime {
  node: string;
  root: string;
}

let staged: ReaderRuntime | null = null;

/**
 * Node and memtui's build where the reader may run them. As root the reader is nobody, who cannot
 * enter a clone made in a private folder (mktemp -d is 0700, so is /root): then node, package.json,
 * dist/ and koffi are copied once into a folder every user may read (removeReaderRuntime removes
 * it: call it in afterAll).
 */
export function readerRuntime(): ReaderRuntime {
  const inPlace = { node: process.execPath, root: REPO };
  if (!runningAsRoot || (othersReach(process.execPath) && othersReach(join(REPO, 'dist', 'cli.js')) && othersReach(koffiEntry(REPO)))) return inPlace;
  if (staged) return staged;
  const root = mkdtempSync(join(tmpdir(), 'memtui-reader-'));
  chmodSync(root, 0o755);
  const node = join(root, 'node');
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  copyFileSync(join(REPO, 'package.json'), join(root, 'package.json'));
  cpSync(join(REPO, 'dist'), join(root, 'dist'), { recursive: true });
  // koffi, and its native part, which comes as a package of its own (@koromix/koffi-<platform>).
  for (const module of ['koffi', '@koromix']) cpSync(join(REPO, 'node_modules', module), join(root, 'node_modules', module), { recursive: true });
  // Copies keep the owner's umask; the reader must read them all.
  execFileSync('chmod', ['-R', 'a+rX', root]);
  staged = { node, root };
  return staged;
}

export function removeReaderRuntime(): void {
  if (staged) rmSync(staged.root, { recursive: true, force: true });
  staged = null;
}

function koffiEntry(root: string): string {
  return join(root, relative(REPO, createRequire(import.meta.url).resolve('koffi')));
}

export interface ProbeOutcome {
  uid: number;
  outcome: { ok: true; sample: { ok: boolean; sample?: TargetSample } } | { ok: false; problem: TargetProblem };
}

/**
 * openTarget run in its own process by a user who is not root: as nobody when the tests run as
 * root, else as the tests' own user. The real kernel then refuses what it refuses a student.
 * The probe is bundled from source with esbuild into `folder` (koffi stays outside the bundle).
 */
export class UnprivilegedReader {
  readonly #bundle: string;

  private constructor(bundle: string) {
    this.#bundle = bundle;
  }

  static async create(folder: string): Promise<UnprivilegedReader> {
    const bundle = join(folder, 'open-probe.mjs');
    const koffi = koffiEntry(readerRuntime().root);
    await build({
      entryPoints: [fileURLToPath(new URL('./open-probe.ts', import.meta.url))],
      bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent',
      plugins: [{
        name: 'koffi-outside',
        setup(plugin) {
          plugin.onResolve({ filter: /^koffi$/ }, () => ({ path: koffi, external: true }));
        },
      }],
    });
    return new UnprivilegedReader(bundle);
  }

  /** Opens `pid` as the unprivileged user, /proc redirected to `procRoot` when given. */
  open(pid: number, procRoot?: string): Promise<ProbeOutcome> {
    const identity = runningAsRoot ? { uid: NOBODY, gid: NOBODY } : {};
    return new Promise((resolve, reject) => {
      execFile(readerRuntime().node, [this.#bundle, String(pid), ...(procRoot ? [procRoot] : [])], { ...identity, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`the probe failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ProbeOutcome);
      });
    });
  }
}
