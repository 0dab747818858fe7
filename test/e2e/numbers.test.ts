/**
 * Numbers a student can trust (issue 12), measured on the built binary in fresh processes:
 * the runtime is warmed before anything is measured, so the kernel's own figure moves by the
 * student's page and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, startApp, stopAll } from './pty-harness.js';

afterEach(stopAll);
const folder = mkdtempSync(join(tmpdir(), 'memtui-numbers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('raw figures equal ours', () => {
  it('a 600-command script (300 x mmap; write): raw VSZ change = ours in at least 599, raw RSS change = ours in at least 95%', () => {
    const path = join(folder, '600.txt');
    writeFileSync(path, Array.from({ length: 300 }, (_, index) => `mmap\nwrite #${index + 1} x`).join('\n'));
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
    const run = spawnSync(process.execPath, [CLI, '--json', '--script', path], { cwd: REPO, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { deltas: { vsz: number; rss: number; oursMapped: number; oursResident: number } });
    expect(results).toHaveLength(600);
    const vszExact = results.filter(({ deltas }) => deltas.vsz === deltas.oursMapped).length;
    const rssExact = results.filter(({ deltas }) => deltas.rss === deltas.oursResident).length;
    // Ours moved exactly as the script says, every time.
    expect(results.filter((_, index) => index % 2 === 0).every(({ deltas }) => deltas.oursMapped === 4096)).toBe(true);
    expect(results.filter((_, index) => index % 2 === 1).every(({ deltas }) => deltas.oursResident === 4096)).toBe(true);
    expect(vszExact).toBeGreaterThanOrEqual(599);
    expect(rssExact).toBeGreaterThanOrEqual(570);
  });

  it('in the UI, the first mmap of lesson 2 moves VSZ by exactly one page, in 10 of 10 fresh starts', async () => {
    const deltas: string[] = [];
    for (let start = 0; start < 10; start += 1) {
      const app = startApp(['--lesson', '2'], { cols: 120, rows: 40 });
      await app.waitFor(() => app.footerMode() === 'KEYS' && /Lesson 2\//.test(app.screenText()), 'lesson 2');
      await app.type('m');
      const text = await app.waitForText(/mmap 1 page -> #1 [\s\S]*?\[VSZ [^\]]*\]/);
      deltas.push(/mmap 1 page -> #1 [\s\S]*?\[(VSZ [^;]*);/.exec(text)![1]!.replace(/\s+/g, ' '));
      await app.type('q');
      await app.exit();
    }
    expect(deltas).toEqual(Array.from({ length: 10 }, () => 'VSZ +4 KiB, all of it ours'));
  });
});
