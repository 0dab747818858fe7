import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readStat, setProcRoot } from '../../source/proc/index.js';
import { type LaunchedProgram, type Target, openTarget } from '../../source/target/index.js';
import { CPrograms } from './helpers/c-programs.js';
import { Started } from './helpers/started.js';

const programs = new CPrograms();
const started = new Started();
let paused: string;
const LAST_PID = '/proc/sys/kernel/ns_last_pid';

beforeAll(() => {
  paused = programs.build('paused');
});
afterEach(async () => {
  setProcRoot('/proc');
  await started.stopAll();
});
afterAll(() => programs.remove());

function open(pid: number): Target {
  const opened = openTarget(pid);
  if (!opened.ok) throw new Error(opened.problem.message);
  return opened.target;
}

function mayWriteLastPid(): boolean {
  try {
    accessSync(LAST_PID, constants.W_OK);
    return process.geteuid?.() === 0;
  } catch {
    return false;
  }
}

/** A stat line with the fields memtui reads: state, ppid, starttime (field 22), vsize, rss. */
function statLine(pid: number, comm: string, startTicks: number): string {
  const fields = Array.from({ length: 50 }, () => '0');
  fields[0] = 'S'; // field 3
  fields[1] = '1'; // field 4, ppid
  fields[19] = String(startTicks); // field 22
  return `${pid} (${comm}) ${fields.join(' ')}\n`;
}

/** A /proc root holding one process, PID 4242, whose stat can be rewritten. */
function fakeProc(): { root: string; rewriteStat: (comm: string, startTicks: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'memtui-proc-'));
  mkdirSync(join(root, 'self'));
  mkdirSync(join(root, '4242'));
  writeFileSync(join(root, '4242', 'status'), 'Name:\tfirst\nState:\tS (sleeping)\nPid:\t4242\nUid:\t0\t0\t0\t0\nVmSize:\t  2600 kB\nVmRSS:\t  1200 kB\n');
  writeFileSync(join(root, '4242', 'maps'), '7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n');
  const rewriteStat = (comm: string, startTicks: number): void => writeFileSync(join(root, '4242', 'stat'), statLine(4242, comm, startTicks));
  rewriteStat('first', 1000);
  return { root, rewriteStat };
}

/**
 * Causes real PID reuse: ns_last_pid (proc(5): "the last PID allocated in this namespace", root
 * only) is set to one below the freed PID, so the next process started gets it. Another process
 * may take it first, or the new one may start in the same clock tick as the old one (start times
 * are in 1/100 s, and then no one can tell them apart): either way, try again.
 */
async function reuse(pid: number, startTicks: number): Promise<LaunchedProgram> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    writeFileSync(LAST_PID, String(pid - 1));
    const { program } = await started.ready([paused]);
    if (program.pid === pid && readStat(pid).startTicks !== startTicks) return program;
    program.stop('SIGKILL');
    await program.exited;
  }
  throw new Error(`PID ${pid} was not handed out again in 500 tries`);
}

describe('PID reuse: the watched PID now names another process', () => {
  it(mayWriteLastPid()
    ? 'caused for real: the process exits, its PID is handed to a new one through ns_last_pid; memtui says so and reads nothing of the stranger'
    : 'through a redirected /proc root (ns_last_pid needs root): the start time changes under the same PID', async () => {
    if (!mayWriteLastPid()) {
      const { root, rewriteStat } = fakeProc();
      setProcRoot(root);
      const target = open(4242);
      expect(target.sample()).toMatchObject({ ok: true });
      rewriteStat('stranger', 2000);
      expect(target.sample()).toMatchObject({ ok: false, problem: { kind: 'pid-reused', pid: 4242 } });
      rmSync(root, { recursive: true });
      return;
    }
    const { program: first, said } = await started.ready([paused]);
    expect(said).toBe(String(first.pid));
    const target = open(first.pid);
    expect(target.sample()).toMatchObject({ ok: true, sample: { pid: first.pid } });
    first.pressEnter();
    await first.exited;

    const second = await reuse(first.pid, target.identity.startTicks);
    expect(second.pid).toBe(first.pid);
    const after = target.sample();
    expect(after).toEqual({
      ok: false,
      problem: {
        kind: 'pid-reused', pid: first.pid,
        message: `PID ${first.pid} (paused) has exited, and PID ${first.pid} now names another process (paused, started later): `
          + `memtui stopped watching rather than show a stranger's memory. Open PID ${first.pid} again to watch the new process`,
      },
    });
    expect(target.regions()).toEqual(after);
    expect(target.regionHolding('0x1000')).toEqual(after);
    // Opening the PID again watches the new process.
    const again = open(first.pid);
    expect(again.identity.startTicks).not.toBe(target.identity.startTicks);
    expect(again.sample()).toMatchObject({ ok: true });
  });

  it('through a redirected /proc root: reuse seen between two readings ends watching for good, and the stranger\'s name is given', () => {
    const { root, rewriteStat } = fakeProc();
    setProcRoot(root);
    const target = open(4242);
    expect(target.identity).toEqual({ pid: 4242, startTicks: 1000, name: 'first', parentPid: 1 });
    expect(target.sample()).toMatchObject({ ok: true, sample: { vszBytes: 2600 * 1024, rssBytes: 1200 * 1024 } });
    rewriteStat('stranger', 1001);
    const after = target.sample();
    expect(after).toMatchObject({ ok: false, problem: { kind: 'pid-reused', message: expect.stringContaining('now names another process (stranger, started later)') } });
    // Even if the files looked right again, the target stays ended: it never reads the PID again.
    rewriteStat('first', 1000);
    expect(target.sample()).toEqual(after);
    expect(target.ended).toEqual(!after.ok && after.problem);
    rmSync(root, { recursive: true });
  });
});
