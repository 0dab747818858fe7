import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findProgram, launchProgram, openTarget } from '../../source/target/index.js';
import { CPrograms } from './helpers/c-programs.js';
import { Started } from './helpers/started.js';
import { waitUntil } from './helpers/wait-until.js';

const programs = new CPrograms();
const started = new Started();
let buffered: string;
let crash: string;
let paused: string;

beforeAll(() => {
  buffered = programs.build('buffered');
  crash = programs.build('crash');
  paused = programs.build('paused');
});
afterEach(() => started.stopAll());
afterAll(() => programs.remove());

/** Waits until the program sleeps (state S): blocked reading its input. */
async function waitingForInput(pid: number): Promise<void> {
  const opened = openTarget(pid);
  if (!opened.ok) throw new Error(opened.problem.message);
  await waitUntil('the program to wait for input', () => {
    const sample = opened.target.sample();
    return sample.ok && sample.sample.state.startsWith('S');
  });
}

describe('launchProgram: output captured, input forwarded, the end reported', () => {
  it('under stdbuf a C program\'s printf shows while it waits; stderr is captured apart; the exit status is reported', async () => {
    const program = await started.start([buffered]);
    expect(program.lineBuffering).toEqual({ applied: true, note: 'line-buffered: memtui runs it under stdbuf -oL -eL, so each line shows when printed' });
    const line = await program.waitForOutput('before the pause', { timeoutMs: 30_000 });
    expect(line).toMatchObject({ ok: true, line: { seq: 1, stream: 'stdout', text: 'before the pause', complete: true } });
    expect(program.exit).toBeNull();
    program.pressEnter();
    const report = await program.exited;
    expect(report).toEqual({ code: 0, signal: null, signalNumber: null, message: 'buffered exited with status 0' });
    expect(program.lines()).toEqual([
      { seq: 1, stream: 'stdout', text: 'before the pause', complete: true },
      { seq: 2, stream: 'input', text: '', complete: true }, // the Enter sent
      { seq: 3, stream: 'stderr', text: 'on stderr', complete: true },
    ]);
  });

  it('without stdbuf the same printf stays in the program\'s buffer until it exits (what docs/watch.md warns of)', async () => {
    const program = await started.start([buffered], { lineBuffered: false });
    expect(program.lineBuffering.applied).toBe(false);
    expect(program.lineBuffering.note).toMatch(/^not line-buffered \(asked so\): .*fflush\(stdout\)/);
    await waitingForInput(program.pid);
    // It has printed (printf returned) and now waits in getchar: the line is still in its buffer.
    expect(program.lines()).toEqual([]);
    program.pressEnter();
    await program.exited;
    expect(program.lines().map((line) => line.text)).toEqual(expect.arrayContaining(['before the pause', 'on stderr']));
  });

  it('when stdbuf is not on PATH, the note says what that means', async () => {
    const program = await started.start([buffered], { env: { ...process.env, PATH: programs.folder } });
    expect(program.lineBuffering).toEqual({
      applied: false,
      note: 'stdbuf is not on PATH, so a C program\'s printf output to memtui arrives in 4 KiB blocks: it shows when the block fills, '
        + 'the program calls fflush(stdout), or it exits (install coreutils, or add fflush(stdout) after printf)',
    });
    program.pressEnter();
    expect(await program.exited).toMatchObject({ code: 0 });
  });

  it('a prompt without a newline shows at once as an incomplete line; text and Enter reach the program, and the transcript shows them', async () => {
    const program = await started.start(['sh', '-c', 'printf "Name? "; read name; echo "hello $name"']);
    const prompt = await program.waitForOutput('Name? ', { timeoutMs: 30_000 });
    expect(prompt).toMatchObject({ ok: true, line: { seq: 1, text: 'Name? ', complete: false } });
    const sent = program.send('Ada');
    expect(sent).toEqual({ ok: true, seq: 1 });
    expect(program.pressEnter()).toEqual({ ok: true, seq: 2 });
    expect(await program.waitForOutput(/^hello/, { since: sent.ok ? sent.seq : 0, timeoutMs: 30_000 })).toMatchObject({ ok: true, line: { seq: 3, text: 'hello Ada' } });
    expect(await program.exited).toMatchObject({ code: 0 });
    // As a terminal shows it: the prompt, what was typed, the answer.
    expect(program.lines()).toEqual([
      { seq: 1, stream: 'stdout', text: 'Name? ', complete: true },
      { seq: 2, stream: 'input', text: 'Ada', complete: true },
      { seq: 3, stream: 'stdout', text: 'hello Ada', complete: true },
    ]);
  });

  it('keeps only the last N lines, and cuts a line without end into bounded pieces', async () => {
    const counting = await started.start(['seq', '1', '2000'], { keepLines: 100 });
    await counting.exited;
    const lines = counting.lines();
    expect(lines).toHaveLength(100);
    expect(lines[0]).toMatchObject({ seq: 1901, text: '1901' });
    expect(lines.at(-1)).toMatchObject({ seq: 2000, text: '2000', complete: true });

    const long = await started.start(['printf', '%s', 'x'.repeat(10_000)]);
    await long.exited;
    expect(long.lines().map((line) => [line.text.length, line.complete])).toEqual([[4096, true], [4096, true], [1808, true]]);
  });

  it('a program killed by a signal: the signal, its number and what it means', async () => {
    const program = await started.start([crash]);
    expect(await program.exited).toEqual({
      code: null, signal: 'SIGSEGV', signalNumber: 11,
      message: 'crash was killed by signal SIGSEGV (11): it touched memory it may not (segmentation fault: an unmapped address, or a write to read-only memory)',
    });
    expect(program.lines().map((line) => line.text)).toEqual(['about to crash']);
    expect(program.stop()).toBe(false);
  });

  it('stop() and end of input end a program; waiting for output that never comes says why', async () => {
    const stopped = await started.start([paused]);
    await stopped.waitForOutput('ready', { timeoutMs: 30_000 });
    const never = stopped.waitForOutput('never printed', { timeoutMs: 60_000 });
    expect(stopped.stop()).toBe(true);
    expect(await stopped.exited).toMatchObject({ signal: 'SIGTERM', message: 'paused was killed by signal SIGTERM (15): asked to stop (kill, or memtui stopping it)' });
    expect(await never).toEqual({ ok: false, reason: 'exited', message: 'paused ended (paused was killed by signal SIGTERM (15): asked to stop (kill, or memtui stopping it)) without printing "never printed"' });

    const ended = await started.start([paused, '4']);
    ended.endInput();
    expect(await ended.exited).toMatchObject({ code: 4 });

    const silent = await started.start([paused]);
    expect(await silent.waitForOutput(/never/, { timeoutMs: 50 })).toMatchObject({ ok: false, reason: 'timeout', message: 'paused printed nothing matching /never/ in time' });
  });
});

describe('finding the program, as execvp does, with a message when it cannot', () => {
  it('says what is wrong: not on PATH, not compiled, not executable, a folder, in this folder without ./', async () => {
    expect(await launchProgram(['no-such-program-here'])).toEqual({ ok: false, message: 'no program named no-such-program-here on PATH (check the spelling, or give its path)' });
    expect(await launchProgram(['./missing'], { cwd: programs.folder })).toEqual({ ok: false, message: './missing: no such file (did you compile it? gcc -o ./missing ./missing.c)' });
    writeFileSync(join(programs.folder, 'notes.txt'), 'not a program');
    chmodSync(join(programs.folder, 'notes.txt'), 0o644);
    expect(await launchProgram(['./notes.txt'], { cwd: programs.folder })).toEqual({ ok: false, message: './notes.txt is not executable: chmod +x ./notes.txt, or let gcc -o make it' });
    mkdirSync(join(programs.folder, 'folder'));
    expect(await launchProgram(['./folder'], { cwd: programs.folder })).toEqual({ ok: false, message: './folder is a folder, not a program' });
    expect(await launchProgram(['paused'], { cwd: programs.folder })).toEqual({ ok: false, message: 'no program named paused on PATH: to run the one in this folder, write ./paused' });
    expect(await launchProgram([])).toMatchObject({ ok: false, message: expect.stringContaining('no program given') });
    expect(findProgram('sh')).toMatchObject({ ok: true, path: expect.stringMatching(/\/sh$/) });
  });
});
