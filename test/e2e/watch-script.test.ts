/**
 * The built binary with --pid, without the UI (issue 15): -e, --script and --json on a real C
 * program compiled here, its figures checked against /proc/PID/status, `pages` against the
 * pages the program wrote; the refusals; and the PIDs that cannot be watched (exit 2, one line).
 * Needs `npm run build` first (npm test does it).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CPrograms } from '../target/helpers/c-programs.js';
import { Started } from '../target/helpers/started.js';
import { NOBODY, readerRuntime, removeReaderRuntime, runningAsRoot } from '../target/helpers/unprivileged.js';
import { CLI, REPO } from './pty-harness.js';
import { processStatus, settledStatus } from '../watch/helpers/process-status.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
  delete env.NODE_ENV;
  return env;
}

/** Runs `node dist/cli.js ...args` with stdin closed; as user `uid` when given. */
function run(args: string[], uid?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Another user runs memtui from where that user can reach it (a copy, when the clone is private).
    const identity = uid === undefined ? {} : { uid, gid: uid };
    const runtime = uid === undefined ? { node: process.execPath, root: REPO } : readerRuntime();
    const child = execFile(runtime.node, [join(runtime.root, relative(REPO, CLI)), ...args], { cwd: runtime.root, env: childEnv(), timeout: 30_000, encoding: 'utf8', ...identity },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number' && !error.signal) {
          reject(error);
          return;
        }
        resolve({ code: child.exitCode, stdout, stderr });
      });
    child.stdin!.end();
  });
}

const programs = new CPrograms();
const started = new Started();
let everyFourth: string;
let paused: string;

beforeAll(() => {
  everyFourth = programs.build('every-fourth');
  paused = programs.build('paused');
});
afterEach(() => started.stopAll());
afterAll(() => {
  programs.remove();
  removeReaderRuntime();
});

const jsonLines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('memtui --pid with -e, --script and --json', () => {
  it('--json: stat carries that process\'s vsz and rss in bytes; pages carries the region: 64 pages, 16 present', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const before = await settledStatus(program.pid);
    const { code, stdout, stderr } = await run(['--pid', String(program.pid), '--json', '-e', `stat; pages ${said}; ps`]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [stat, pages, ps] = jsonLines(stdout);
    expect(processStatus(program.pid)).toEqual(before);
    expect(stat).toMatchObject({
      name: 'stat', ok: true, vsz: before.vsz, rss: before.rss, measured: { pid: program.pid, label: 'every-fourth' },
      effect: { kind: 'watch-stat', pid: program.pid, vszBytes: before.vsz, rssBytes: before.rss, sinceMark: null },
    });
    const end = `0x${(BigInt(said) + 64n * 4096n).toString(16)}`;
    expect(pages).toMatchObject({ name: 'pages', ok: true, region: { start: said, end, pages: 64, present: 16, swapped: 0 } });
    expect((pages as { region: unknown }).region).toEqual({ start: said, end, pages: 64, present: 16, swapped: 0 });
    expect(ps).toMatchObject({ name: 'ps', ok: true, effect: { kind: 'ps', vszKiB: before.vsz / 1024, rssKiB: before.rss / 1024 } });
  });

  it('-e in words, and --script: commands that would change memory are refused with why, the rest run, exit 1', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const words = await run(['--pid', String(program.pid), '-e', `mmap; write p0; pages ${said}; alloc 64`]);
    expect(words.code).toBe(1);
    expect(words.stderr).toBe('');
    const refusals = words.stdout.split('\n').filter((line) => line.startsWith('error: '));
    expect(refusals).toEqual(['mmap', 'write', 'alloc'].map((name) => `error: ${name} would change memory, and memtui only watches PID `
      + `${program.pid} (every-fourth): it reads its maps, smaps and pagemap, and never maps or writes its memory. `
      + 'To map pages of memtui\'s own, run memtui without --pid'));
    expect(words.stdout).toContain(`${said} lies in ${said}-0x${(BigInt(said) + 64n * 4096n).toString(16)} rw-p (anonymous), 64 pages (256 KiB): 16 present, 0 swapped, 48 not present`);

    const script = join(programs.folder, 'watch.txt');
    writeFileSync(script, `# a script on a watched process\nstat\nmaps\nmunmap #1\n`);
    const fromFile = await run(['--pid', String(program.pid), '--script', script]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toMatch(new RegExp(`^PID ${program.pid} \\(every-fourth\\): VSZ [\\d,]+ KiB, RSS [\\d,]+ KiB; S \\(sleeping\\)$`, 'm'));
    expect(fromFile.stdout).toMatch(new RegExp(`^/proc/${program.pid}/maps: \\d+ lines`, 'm'));
    expect(fromFile.stdout).toMatch(/^error: munmap would change memory/m);
  });

  it('a process that is gone before memtui starts: one line, exit 2', async () => {
    const { program } = await started.ready([paused]);
    const pid = program.pid;
    program.pressEnter();
    await program.exited;
    const { code, stdout, stderr } = await run(['--pid', String(pid), '-e', 'stat']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`memtui: --pid ${pid}: no process with PID ${pid}: it has exited or never existed; list your processes with \`ps -u $USER\`, or start the program under memtui with \`memtui watch -- PROGRAM\`\n`);
  });

  it('a bad --pid at start: one line saying what to do, exit 2', async () => {
    for (const [pid, said] of [
      ['abc', '"abc" is not a PID: a PID is a positive whole number (`ps -u $USER` lists yours)'],
      ['0', '"0" is not a PID'],
      ['-5', '"-5" is not a PID'],
    ] as const) {
      const { code, stdout, stderr } = await run([`--pid=${pid}`, '-e', 'stat']);
      expect(code, pid).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.split('\n')).toHaveLength(2);
      expect(stderr).toContain(`memtui: --pid ${pid}: ${said}`);
    }
  });

  it('another user\'s process: refused at start with who owns it and what to do, exit 2', async () => {
    // As root the tests read as nobody a process of root's; as a user, PID 1 is root's.
    const { program } = await started.ready([paused]);
    const [pid, uid] = runningAsRoot ? [program.pid, NOBODY] : [1, undefined];
    const { code, stdout, stderr } = await run(['--pid', String(pid), '-e', 'stat'], uid);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^memtui: --pid ${pid}: PID ${pid} \\(\\S+\\) belongs to another user \\(uid 0; memtui runs as uid \\d+\\): `
      + 'only that user or root may read its maps and pagemap\\. Watch a process of your own'));
    expect(stderr.split('\n')).toHaveLength(2);
  });
});

describe('memtui watch: its usage', () => {
  it('--help prints its usage; no program, an unknown option, a bad lesson, and no terminal are usage errors (exit 2, one line)', async () => {
    const help = await run(['watch', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('memtui watch [OPTIONS] -- PROGRAM [ARGS...]');
    const cases: Array<[string[], string]> = [
      [['watch'], 'memtui: watch: no program given: memtui watch -- ./before-you-begin (memtui watch --help)'],
      [['watch', '--frobnicate', '--', 'true'], "memtui: watch: Unknown option '--frobnicate': memtui's options go before --, the program and its arguments after it (memtui watch -- PROGRAM ARGS)"],
      [['watch', '--lesson', '0', '--', 'true'], 'memtui: --lesson takes a lesson number from 1 to'],
      // Its stdin is a pipe here, not a terminal.
      [['watch', '--', 'true'], 'memtui: watch shows the program\'s output and passes your keys to it, so it needs a terminal; from a script, start the program yourself and measure it with memtui --pid PID -e "stat"'],
    ];
    for (const [args, said] of cases) {
      const { code, stdout, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.startsWith(said), stderr).toBe(true);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
