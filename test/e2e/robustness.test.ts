/**
 * Nothing stops memtui (issue 11), each finding of the adversarial trial as a test on the built
 * binary: scripts stream from a pipe, signals stop a script between two commands, a closed or
 * full output ends quietly, an address-space limit refuses mappings before the runtime starves,
 * and a line too long is refused at once.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO } from './pty-harness.js';

const folder = mkdtempSync(join(tmpdir(), 'memtui-robust-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
  delete env.NODE_ENV;
  return env;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const memtui = `${shellQuote(process.execPath)} ${shellQuote(CLI)}`;

/** A shell line, as a user would type it; its stdout, stderr and status. */
function sh(line: string) {
  return spawnSync('bash', ['-c', line], { cwd: REPO, env: childEnv(), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

function script(name: string, lines: Iterable<string>): string {
  const path = join(folder, name);
  writeFileSync(path, `${[...lines].join('\n')}\n`);
  return path;
}

const repeat = (line: string, count: number) => Array.from({ length: count }, () => line);

/** The child's output so far, and its exit. */
function start(args: string[], stdin: 'pipe' | 'ignore' = 'ignore') {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: childEnv(), stdio: [stdin, 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const results = (text: string) => (text.match(/^> /gm) ?? []).length;
/** The peak RSS of a running process, kB. */
const hwm = (child: ChildProcess) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);

describe('scripts stream', () => {
  it('yes stat | memtui | head -3 prints three lines and ends at once (141: the reader went away)', () => {
    const result = sh(`set -o pipefail; yes stat | ${memtui} | head -3; echo "status \${PIPESTATUS[1]}"`);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)[0]).toBe('> stat');
    expect(lines.at(-1)).toBe('status 141');
    expect(lines).toHaveLength(4);
    expect(result.stderr).toBe('');
  });

  it('memory stays flat however long the script: 60,000 results through a pipe', async () => {
    const run = start(['--json'], 'pipe');
    const writeMore = async (count: number) => {
      for (let sent = 0; sent < count; sent += 1000) {
        if (!run.child.stdin!.write(`${repeat('help mmap', 1000).join('\n')}\n`)) await new Promise((resolve) => run.child.stdin!.once('drain', resolve));
      }
    };
    await writeMore(10_000);
    await until(() => results(run.stdout().replaceAll('{"command"', '\n> ')) >= 9_000, '10,000 results');
    const early = hwm(run.child);
    await writeMore(50_000);
    // Read while it still waits for more: once stdin ends it exits, and its status goes with it.
    await until(() => results(run.stdout().replaceAll('{"command"', '\n> ')) >= 60_000, '60,000 results', 60_000);
    const late = hwm(run.child);
    run.child.stdin!.end();
    expect((await run.exited).code).toBe(0);
    // Each result is written and dropped: 50,000 more results leave the peak within a few MiB.
    expect(late - early).toBeLessThan(24 * 1024);
  });

  it('a 5 MB line is refused at once, quoting only its start', () => {
    const path = script('huge.txt', ['x'.repeat(5 * 1024 * 1024), 'stat']);
    const result = sh(`${memtui} --script ${shellQuote(path)}`);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/error: a command line of 5,242,880 characters is longer than the 8,192 taken \("x{40}\.\.\."\)/);
    expect(result.stdout).toMatch(/^> stat$/m);
    expect(result.stdout.length).toBeLessThan(4096);
  });
});

describe('signals stop a script between two commands, and say which', () => {
  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} during a 50,000-line script: exit ${status}, no stack trace, the rest not run`, async () => {
      const path = script(`long-${signal}.txt`, repeat('mmap; munmap p0; stat', 50_000));
      const run = start(['--script', path]);
      await until(() => results(run.stdout()) >= 30, 'the script to be running');
      run.child.kill(signal);
      const exit = await run.exited;
      expect(exit.code).toBe(status);
      expect(run.stderr()).toBe('');
      expect(results(run.stdout())).toBeLessThan(150_000);
    });
  }

  it('SIGTERM while waiting for input on a pipe ends it at once', async () => {
    const run = start([], 'pipe');
    run.child.stdin!.write('stat\n');
    await until(() => results(run.stdout()) >= 1, 'the first result');
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(143);
    expect(run.stderr()).toBe('');
  });

  it('a script of 10,000 mmaps is stopped by SIGINT like any other', async () => {
    const run = start(['--script', script('mmaps.txt', repeat('mmap', 10_000))]);
    await until(() => results(run.stdout()) >= 100, 'the mmaps to be running');
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
  });
});

describe('the output closed or full', () => {
  it('memtui -e ... | head -1: no stack trace, status 141', () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = sh(`${memtui} -e "${repeat('help', 200).join('; ')}" | head -1; echo "status \${PIPESTATUS[0]}"`);
      expect(result.stdout).toBe('> help\nstatus 141\n');
      expect(result.stderr).toBe('');
    }
  });

  it('stdout on /dev/full: one line saying so, status 3', () => {
    const result = sh(`${memtui} -e "mmap; stat; stat" > /dev/full`);
    expect(result.status).toBe(3);
    expect(result.stderr).toBe('memtui: cannot write the output: ENOSPC (no space left on device, write)\n');
  });
});

describe('an address-space limit (ulimit -v)', () => {
  it('under 1.2 GB, 60 x mmap 1024: the ones that would starve the runtime are refused, and the script goes on', () => {
    const path = script('limit.txt', [...repeat('mmap 1024', 60), ...repeat('stat; run test_alloc; maps', 50), 'stat']);
    const result = sh(`ulimit -v 1200000; ${memtui} --script ${shellQuote(path)}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const refusals = result.stdout.match(/error: mmap 1024: the address-space limit \(ulimit -v, 1,200,000 KiB\) leaves [\d,]+ KiB above the current VSZ, and memtui keeps 131,072 KiB of it/g) ?? [];
    expect(refusals.length).toBeGreaterThan(10);
    expect(results(result.stdout)).toBe(60 + 150 + 1);
    expect(result.stdout).toMatch(/run test_alloc: every check passed/);
    // The last command, after all that, still ran and answered.
    expect(result.stdout.split('\n> ').at(-1)).toMatch(/^stat\nVSZ [\d,]+ KiB, RSS [\d,]+ KiB; ours: /);
  });

  it('the screen under a limit too low to start says what it needs in one line (status 2)', () => {
    const result = sh(`ulimit -v 1100000; script -qec ${shellQuote(`${memtui}`)} /dev/null < /dev/null`);
    expect(result.status).toBe(2);
    expect(result.stdout.replace(/\r/g, '').trim()).toMatch(/^memtui: the screen needs an address-space limit of at least 1,500,000 KiB \(ulimit -v 1500000\); this one is 1,100,000 KiB: raise it/);
  });
});
