import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTarget } from '../../source/target/index.js';
import { CPrograms } from './helpers/c-programs.js';
import { Started } from './helpers/started.js';
import { waitUntil } from './helpers/wait-until.js';

const programs = new CPrograms();
const started = new Started();
let paused: string;
let zombieChild: string;

beforeAll(() => {
  paused = programs.build('paused');
  zombieChild = programs.build('zombie-child');
});
afterEach(() => started.stopAll());
afterAll(() => programs.remove());

describe('a watched process that exits', () => {
  it('exits mid-watch: every method reports it as a value, and keeps saying so', async () => {
    const { program } = await started.ready([paused, '3']);
    const opened = openTarget(program.pid);
    if (!opened.ok) throw new Error(opened.problem.message);
    const { target } = opened;
    const first = target.sample();
    expect(first).toMatchObject({ ok: true, sample: { pid: program.pid, name: 'paused', sinceLast: null } });
    const second = target.sample();
    expect(second).toMatchObject({ ok: true, sample: { sinceLast: { vszBytes: expect.any(Number), rssBytes: expect.any(Number) } } });
    const regions = target.regions();
    expect(regions.ok).toBe(true);
    const [someRegion] = regions.ok ? regions.regions : [];

    program.pressEnter();
    // Sample the way the UI does, until the kernel's account says it is gone.
    const ended = await waitUntil('the sample to report the exit', () => {
      const sample = target.sample();
      return sample.ok ? null : sample;
    });
    expect(ended.problem.kind).toBe('exited');
    // Seen as a zombie when the sample came before the launcher (its parent) collected the status.
    expect(ended.problem.message).toMatch(new RegExp(`^PID ${program.pid} \\(paused\\) has exited: its memory is gone(; it stays a zombie .*)?\\. Start it again`));
    expect(target.ended).toEqual(ended.problem);
    const readings = [target.sample(), target.regions(), target.presence(someRegion!.start, someRegion!.end), target.regionHolding(someRegion!.start)];
    for (const reading of readings) {
      expect(reading).toEqual({ ok: false, problem: ended.problem });
    }
    // The launcher, its parent, knows the status.
    expect(await program.exited).toMatchObject({ code: 3, signal: null, message: 'paused exited with status 3' });
    expect(openTarget(program.pid)).toMatchObject({ ok: false, problem: { kind: 'no-such-process' } });
  });

  it('a process killed while its parent does not reap it is a zombie: reported as exited, with the parent named', async () => {
    const { program: parent, said } = await started.start([zombieChild]).then(async (program) => {
      const line = await program.waitForOutput(/^child (\d+)$/, { timeoutMs: 30_000 });
      return { program, said: line.ok ? line.match![1]! : '' };
    });
    const childPid = Number(said);
    const opened = openTarget(childPid);
    if (!opened.ok) throw new Error(opened.problem.message);
    const { target } = opened;
    expect(target.identity.parentPid).toBe(parent.pid);
    // Alive (running into pause(), or already sleeping there), not yet a zombie.
    expect(target.sample()).toMatchObject({ ok: true, sample: { state: expect.not.stringMatching(/^Z/) } });

    process.kill(childPid, 'SIGKILL');
    const ended = await waitUntil('the zombie to be seen', () => {
      const sample = target.sample();
      return sample.ok ? null : sample;
    });
    expect(ended.problem).toEqual({
      kind: 'exited', pid: childPid,
      message: `PID ${childPid} (zombie-child) has exited: its memory is gone; it stays a zombie (no memory, only its exit status) `
        + `until its parent, PID ${parent.pid}, collects that status. Start it again to watch it anew (\`memtui watch -- PROGRAM\` also reports how it ended)`,
    });
    // Opening a zombie says the same.
    expect(openTarget(childPid)).toMatchObject({ ok: false, problem: { kind: 'exited', message: expect.stringContaining('zombie') } });
    parent.pressEnter();
    expect(await parent.exited).toMatchObject({ code: 0 });
  });
});
