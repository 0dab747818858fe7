/**
 * The built binary without the UI: -e, --script, --json, a pipe on stdin, and the usage errors.
 * Run with execFile (no shell), as a user's shell or a CI job would. Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessons } from '../../source/walkthrough/index.js';
import { CLI, REPO } from './pty-harness.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
  delete env.NODE_ENV;
  return env;
}

/** Runs `node dist/cli.js ...args`; stdin is a pipe that gets `input` and is closed (never a TTY). */
function run(args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: REPO, env: childEnv(), timeout: 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number' && !error.signal) {
          reject(error);
          return;
        }
        resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
      });
    child.stdin!.end(input);
  });
}

/** The `> command` lines a script echoes before each result. */
const echoed = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('> ')).map((line) => line.slice(2));

const dir = mkdtempSync(join(tmpdir(), 'memtui-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('memtui -e, --script, --json and pipes', () => {
  it('-e runs each command, prints one result for each, and exits 0', async () => {
    const { code, stdout, stderr } = await run(['-e', 'mmap; stat; write #1 x; stat']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(echoed(stdout)).toEqual(['mmap', 'stat', 'write #1 x', 'stat']);
    expect(stdout).toMatch(/^mmap 1 page -> #1 at 0x[0-9a-f]+ \(p0\)/m);
    expect(stdout).toMatch(/^write #1: 1 B of text "x" at 0x[0-9a-f]+ - first touch/m);
    const stats = stdout.match(/^VSZ [\d,]+ KiB, RSS [\d,]+ KiB; ours: .*$/gm) ?? [];
    expect(stats).toHaveLength(2);
    expect(stats[0]).toMatch(/ours: 1 page mapped \(4 KiB\), 0 resident/);
    expect(stats[1]).toMatch(/ours: 1 page mapped \(4 KiB\), 1 resident \(4 KiB\)/);
    expect(stdout).not.toMatch(/^error:/m);
  });

  it('a failing command in the middle: exit 1, and the commands after it still ran', async () => {
    const { code, stdout } = await run(['-e', 'mmap; write #9 x; stat']);
    expect(code).toBe(1);
    expect(echoed(stdout)).toEqual(['mmap', 'write #9 x', 'stat']);
    expect(stdout).toMatch(/^error: #9: .*\(live ids: #1\)/m);
    expect(stdout).toMatch(/^VSZ [\d,]+ KiB, RSS [\d,]+ KiB; ours: 1 page mapped/m);
  });

  it('--json prints one JSON object per result with command, ok, error, message, vsz, rss, deltas, ours', async () => {
    const { code, stdout } = await run(['--json', '-e', 'mmap; bogus; stat']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const results = lines.map((line) => JSON.parse(line) as Record<string, any>);
    for (const result of results) {
      for (const field of ['command', 'ok', 'error', 'message', 'vsz', 'rss', 'deltas', 'ours']) expect(result).toHaveProperty(field);
      expect(typeof result.vsz).toBe('number');
      expect(typeof result.rss).toBe('number');
    }
    const [mmap, bogus, stat] = results;
    expect(mmap).toMatchObject({ command: 'mmap', ok: true, error: null, ours: { mapped: 4096, resident: 0 } });
    expect(mmap!.message).toMatch(/^mmap 1 page -> #1 at 0x/);
    // VSZ moves by exactly our page, unless the runtime mapped memory at the same moment: ours is exact.
    expect(mmap!.deltas.vsz === 4096 || mmap!.deltas.oursMapped === 4096).toBe(true);
    expect(mmap!.deltas.oursMapped).toBe(4096);
    expect(bogus).toMatchObject({ command: 'bogus', ok: false });
    expect(bogus!.error).toMatch(/unknown command "bogus"/);
    expect(stat).toMatchObject({ command: 'stat', ok: true, error: null, ours: { mapped: 4096 } });
  });

  it('--script FILE runs a file with comments and blank lines', async () => {
    const file = join(dir, 'lab.memtui');
    writeFileSync(file, ['# map two pages and touch one', 'mmap 2', '', '  # indented comment', 'write #1 hi', 'stat', ''].join('\n'));
    const { code, stdout, stderr } = await run(['--script', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(echoed(stdout)).toEqual(['mmap 2', 'write #1 hi', 'stat']);
    expect(stdout).toMatch(/^mmap 2 pages -> #1/m);
    expect(stdout).toMatch(/ours: 2 pages mapped \(8 KiB\), 1 resident \(4 KiB\)/);
    expect(stdout).not.toContain('comment');
  });

  it('a missing script file is a usage error: exit 2 and a message naming the file', async () => {
    const missing = join(dir, 'no-such-script.txt');
    const { code, stdout, stderr } = await run(['--script', missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`memtui: cannot read the script ${missing}: no such file`);
  });

  it('an unknown flag: exit 2 with the usage', async () => {
    const { code, stdout, stderr } = await run(['--frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/memtui: Unknown option '--frobnicate'/);
    expect(stderr).toContain('Usage:');
    expect(stderr).toContain('-s, --script FILE');
  });

  it('--lesson takes 1 to the number of lessons: one more is exit 2, the last one opens', async () => {
    const beyond = String(lessons.length + 1);
    const { code, stderr } = await run(['--lesson', beyond]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--lesson takes a lesson number from 1 to ${lessons.length}, not "${beyond}"`);
    const last = await run(['--lesson', String(lessons.length), '-e', 'lesson list']);
    expect(last.code).toBe(0);
    expect(last.stdout).toContain(`> ${lessons.length}. ${lessons.at(-1)!.title}`);
  });

  it('commands piped on stdin run as a script, with no raw-mode error', async () => {
    const { code, stdout, stderr } = await run([], 'mmap\nstat\n');
    expect(stderr).not.toMatch(/Raw mode is not supported/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(echoed(stdout)).toEqual(['mmap', 'stat']);
    expect(stdout).toMatch(/^mmap 1 page -> #1/m);
    expect(stdout).toMatch(/ours: 1 page mapped \(4 KiB\), 0 resident/);
  });

  it('a pipe with --json prints JSON Lines too', async () => {
    const { code, stdout } = await run(['--json'], 'mmap\nmunmap #1\n');
    expect(code).toBe(0);
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as { command: string; ok: boolean; ours: { mapped: number } });
    expect(results.map((result) => [result.command, result.ok, result.ours.mapped])).toEqual([['mmap', true, 4096], ['munmap #1', true, 0]]);
  });

  it('--version and --help', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(`memtui ${version}`);
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stderr).toBe('');
    expect(h.stdout).toContain('Usage:');
    // The lesson it points to for grade is the one about the student's own allocator.
    const pointed = Number(/lesson (\d+) walks you through/.exec(h.stdout)?.[1]);
    expect(lessons[pointed - 1]?.title).toBe('Your own allocator');
    // Every flag the parser takes is listed, with its short form.
    for (const [short, long] of [['-e', '--eval'], ['-s', '--script'], ['-j', '--json'], ['-l', '--lesson'], ['-p', '--pid'], ['-n', '--no-color'], ['-h', '--help'], ['-v', '--version']]) {
      expect(h.stdout).toMatch(new RegExp(`^  ${short}, ${long}\\b`, 'm'));
      const same = await run([short, ...(short === '-h' || short === '-v' ? [] : short === '-n' ? ['-e', 'mark'] : short === '-j' ? ['-e', 'mark'] : short === '-l' ? ['1', '-e', 'mark'] : short === '-s' ? ['/nonexistent-script'] : ['mark'])]);
      expect(same.stderr, `${short} is taken`).not.toMatch(/Unknown option/);
    }
  });
});
