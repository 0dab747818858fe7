import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type TargetProblem, type TargetSample } from '../../../source/target/index.js';

/** The uid the tests read as: nobody when they run as root (root may read every process). */
export const NOBODY = 65534;
export const runningAsRoot = process.geteuid?.() === 0;
export const readerUid = runningAsRoot ? NOBODY : process.geteuid!();

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
    const koffi = createRequire(import.meta.url).resolve('koffi');
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
      execFile(process.execPath, [this.#bundle, String(pid), ...(procRoot ? [procRoot] : [])], { ...identity, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`the probe failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ProbeOutcome);
      });
    });
  }
}
