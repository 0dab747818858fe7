/**
 * The package as a user gets it: packed, installed into an empty folder without
 * devDependencies, started through npx. And the bin on a Node that is too old.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO } from './pty-harness.js';

let folder = '';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'memtui-user-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', folder], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
  writeFileSync(join(folder, 'package.json'), '{ "name": "a-students-folder", "private": true }\n');
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(folder, tarball)], { cwd: folder, stdio: 'pipe' });
}, 180_000);

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const npx = (...args: string[]) => spawnSync('npx', ['--no-install', 'memtui', ...args], { cwd: folder, encoding: 'utf8', timeout: 60_000 });

describe('the installed package', () => {
  it('brings only what runs: no React, ink or yoga outside the bundle, no source maps, a licence', () => {
    const modules = readdirSync(join(folder, 'node_modules'));
    expect(modules).not.toContain('react');
    expect(modules).not.toContain('ink');
    expect(modules).toContain('koffi');
    const installed = join(folder, 'node_modules', 'memtui');
    expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'ui.bundle.js'))).toBe(true);
    const files = execFileSync('find', [installed, '-name', '*.map'], { encoding: 'utf8' });
    expect(files).toBe('');
  });

  it('npx memtui --version and -e "mmap; stat" work', () => {
    const version = npx('--version');
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toMatch(/^memtui \d+\.\d+\.\d+\n$/);
    const run = npx('-e', 'mmap; stat');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/mmap 1 page -> #1 at 0x[0-9a-f]+/);
    expect(run.stdout).toMatch(/VSZ [\d,]+ KiB/);
    expect(run.stderr).toBe('');
  });
});

/** A Node older than 22 on this machine, outside the project's node_modules/.bin, if there is one. */
function olderNode(): string | null {
  const path = (process.env.PATH ?? '').split(delimiter).filter((entry) => !entry.includes('node_modules'));
  const found = spawnSync('sh', ['-c', 'command -v node'], { env: { ...process.env, PATH: path.join(delimiter) }, encoding: 'utf8' }).stdout.trim();
  if (!found) return null;
  const version = spawnSync(found, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 99) < 22 ? found : null;
}

/** Runs `cli` on a Node older than 22: the machine's, or this one with its version faked at start. */
function onOlderNode(cli: string, args: string[]) {
  const old = olderNode();
  return old
    ? spawnSync(old, [cli, ...args], { encoding: 'utf8', cwd: tmpdir() })
    : spawnSync(process.execPath, ['--input-type=module', '--eval', `Object.defineProperty(process.versions, 'node', { value: '20.11.0' }); process.argv.splice(1, 0, ${JSON.stringify(cli)}); await import(${JSON.stringify(cli)});`, '--', ...args], { encoding: 'utf8', cwd: tmpdir() });
}

describe('the bin on a Node that is too old', () => {
  it('installed from the registry (no Node of its own): one line naming the Node it needs, exit 1, no stack trace', () => {
    const result = onOlderNode(join(folder, 'node_modules', 'memtui', 'dist', 'cli.js'), ['--version']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^memtui needs Node 22\.12 or later; this is Node 20\..*run memtui from a clone of it/);
  });

  it('run from a clone, from another folder: it starts again on the clone\'s own Node 22', () => {
    const version = onOlderNode(CLI, ['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout).toMatch(/^memtui \d+\.\d+\.\d+\n$/);
    const run = onOlderNode(CLI, ['-e', 'mmap; stat; bogus']);
    // The status is the script's own: 1, for the unknown command.
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/mmap 1 page -> #1 at 0x[0-9a-f]+/);
    expect(run.stdout).toMatch(/error: unknown command "bogus"/);
  });
});
