import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Readable, type Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readStat, readStatus } from '../../source/proc/index.js';
import { openTarget } from '../../source/target/index.js';
import { CPrograms } from './helpers/c-programs.js';
import { Started } from './helpers/started.js';
import { NOBODY, readerUid, removeReaderRuntime, runningAsRoot, UnprivilegedReader } from './helpers/unprivileged.js';

const programs = new CPrograms();
const started = new Started();
const children: ChildProcessByStdio<Writable, Readable, null>[] = [];
let reader: UnprivilegedReader;
let nonDumpable: string;
let paused: string;

beforeAll(async () => {
  nonDumpable = programs.build('non-dumpable');
  paused = programs.build('paused');
  reader = await UnprivilegedReader.create(programs.folder);
});
afterEach(async () => {
  await started.stopAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => {
  programs.remove();
  removeReaderRuntime();
});

function numericPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

/** A process of a user other than the reader: this test process when the reader is nobody, else the first found. */
function someoneElsesPid(): number {
  if (runningAsRoot) return process.pid;
  const pid = numericPids().find((candidate) => {
    try { return readStatus(candidate).uids[0] !== readerUid; } catch { return false; }
  });
  if (pid === undefined) throw new Error('no process of another user on this machine to be refused');
  return pid;
}

/** Starts the program as the reader's user (nobody when the tests run as root) and waits for its "ready" line. */
async function startAsReader(program: string, args: string[]): Promise<number> {
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'inherit'], ...(runningAsRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${program} exited with ${code} before it was ready: ${output}`)));
  });
  expect(output).toMatch(/^ready /);
  return child.pid!;
}

describe('why a process cannot be watched, said as a value', () => {
  it('not a PID', () => {
    for (const input of ['abc', 0, -5, 1.5, '12abc', '']) {
      expect(openTarget(input as number | string)).toMatchObject({
        ok: false, problem: { kind: 'not-a-pid', message: expect.stringMatching(/is not a PID: a PID is a positive whole number/) },
      });
    }
  });

  it('a PID that does not exist: never used, and one whose process has exited', async () => {
    const never = 4_194_304 + 7; // above the highest pid_max Linux allows
    expect(openTarget(never)).toEqual({
      ok: false,
      problem: {
        kind: 'no-such-process', pid: never,
        message: `no process with PID ${never}: it has exited or never existed; list your processes with \`ps -u $USER\`, or start the program under memtui with \`memtui watch -- PROGRAM\``,
      },
    });
    const { program } = await started.ready([paused]);
    program.pressEnter();
    await program.exited;
    expect(openTarget(program.pid)).toMatchObject({ ok: false, problem: { kind: 'no-such-process', pid: program.pid } });
    expect(openTarget(String(program.pid))).toMatchObject({ ok: false, problem: { kind: 'no-such-process' } });
  });

  it('a kernel thread has no user memory', () => {
    const kthreadd = numericPids().find((pid) => readStat(pid).comm === 'kthreadd');
    expect(kthreadd).toBeDefined();
    expect(openTarget(kthreadd!)).toEqual({
      ok: false,
      problem: { kind: 'kernel-thread', pid: kthreadd, message: `PID ${kthreadd} (kthreadd) is a kernel thread: it has no user memory to watch; pick a process of your own (\`ps -u $USER\`)` },
    });
  });

  it(`another user's process is refused by the kernel (EACCES), and the message says whose it is (reader uid ${readerUid})`, async () => {
    const pid = someoneElsesPid();
    const owner = readStatus(pid).uids[0];
    const { uid, outcome } = await reader.open(pid);
    expect(uid).toBe(readerUid);
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'other-user', pid } });
    if (outcome.ok) return;
    expect(outcome.problem.message).toMatch(new RegExp(
      `^PID ${pid} \\(.+\\) belongs to another user \\(uid ${owner}; memtui runs as uid ${readerUid}\\): only that user or root may read its maps and pagemap\\. `
      + `Watch a process of your own \\(\`ps -u \\$USER\`\\), or run memtui as that user or as root \\(sudo memtui --pid ${pid}\\)$`,
    ));
  });

  it('a process of the same user that made itself non-dumpable (prctl) is refused, and named as such; the same program left dumpable is not', async () => {
    const refused = await startAsReader(nonDumpable, []);
    const { outcome } = await reader.open(refused);
    expect(outcome).toEqual({
      ok: false,
      problem: {
        kind: 'not-dumpable', pid: refused,
        message: `PID ${refused} (non-dumpable) is yours but not dumpable: it called prctl(PR_SET_DUMPABLE, 0), or it runs a setuid, setgid or `
          + 'file-capability program, and the kernel then lets only root read its maps and pagemap. '
          + `Remove the prctl call while you do the lab, or watch it as root (sudo memtui --pid ${refused})`,
      },
    });
    const control = await startAsReader(nonDumpable, ['stay']);
    const allowed = await reader.open(control);
    expect(allowed.outcome).toMatchObject({ ok: true, sample: { ok: true, sample: { pid: control, name: 'non-dumpable' } } });
  });
});

describe('hidepid on /proc (a redirected /proc root: mounting one is not for tests to do)', () => {
  function fakeProc(options: string): string {
    const root = join(programs.folder, `proc-${options.replace(/\W/g, '-')}`);
    mkdirSync(join(root, 'self'), { recursive: true });
    writeFileSync(join(root, 'mounts'), `sysfs /sys sysfs rw 0 0\nproc ${root} proc rw,nosuid,relatime,${options} 0 0\n`);
    for (const path of [root, join(root, 'self'), join(root, 'mounts')]) chmodSync(path, 0o755);
    return root;
  }

  it('hidepid=invisible: another user\'s existing process is hidden, and the message says so and names the exempt group', async () => {
    const root = fakeProc('hidepid=invisible,gid=27');
    const pid = someoneElsesPid(); // exists for real: kill(pid, 0) answers EPERM to the reader
    const { outcome } = await reader.open(pid, root);
    expect(outcome).toEqual({
      ok: false,
      problem: {
        kind: 'hidepid', pid,
        message: `PID ${pid} belongs to another user, and ${root} here is mounted with hidepid=invisible (hidepid=2), which hides other users' processes from /proc: `
          + 'watch a process of your own (`ps -u $USER`), run memtui as that process\'s user or ask the administrator to add you to group 27 (the gid= of /proc)',
      },
    });
  });

  it('hidepid=invisible: a PID that does not exist is still "no such process", with the hiding mentioned', async () => {
    const root = fakeProc('hidepid=2');
    const never = 4_194_304 + 9;
    const { outcome } = await reader.open(never, root);
    expect(outcome).toMatchObject({
      ok: false, problem: { kind: 'no-such-process', message: expect.stringContaining(`(${root} is mounted with hidepid=invisible: other users' processes are hidden too)`) },
    });
  });

  it('hidepid=noaccess: the files of another user\'s /proc/PID are refused, status too', async () => {
    const root = fakeProc('hidepid=noaccess');
    const pid = someoneElsesPid();
    mkdirSync(join(root, String(pid)));
    chmodSync(join(root, String(pid)), 0o755);
    for (const file of ['stat', 'status', 'maps']) writeFileSync(join(root, String(pid), file), 'refused', { mode: 0o000 });
    const { outcome } = await reader.open(pid, root);
    expect(outcome).toMatchObject({
      ok: false, problem: { kind: 'hidepid', pid, message: expect.stringContaining('mounted with hidepid=noaccess (hidepid=1), which refuses every file of another user\'s /proc/PID') },
    });
  });
});
