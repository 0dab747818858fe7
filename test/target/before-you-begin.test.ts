import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ABSENT, PAGE_PRESENT, type LaunchedProgram, type Target, type TargetSample, openTarget, pageState } from '../../source/target/index.js';
import { CPrograms, EXAMPLES } from './helpers/c-programs.js';
import { Started } from './helpers/started.js';
import { waitUntil } from './helpers/wait-until.js';

const programs = new CPrograms();
const started = new Started();
let beforeYouBegin: string;

beforeAll(() => {
  beforeYouBegin = programs.build(join(EXAMPLES, 'before-you-begin.c'));
});
afterEach(() => started.stopAll());
afterAll(() => programs.remove());

/** Waits for the prompt of `step`, then until the program sleeps in getchar (state S), and samples it there. */
async function pausedAt(program: LaunchedProgram, target: Target, step: string, since: number): Promise<TargetSample> {
  const prompt = await program.waitForOutput(`[${step}] press Enter to go on`, { since, timeoutMs: 30_000 });
  expect(prompt, JSON.stringify(program.lines())).toMatchObject({ ok: true });
  return waitUntil(`${step}: the program waiting for input`, () => {
    const reading = target.sample();
    if (!reading.ok) throw new Error(reading.problem.message);
    return reading.sample.state.startsWith('S') && reading.sample;
  });
}

describe('the lab\'s before-you-begin program, driven through the launcher and watched through /proc', () => {
  it('VSZ +4096 exactly after the mmap, RSS +4 KiB after the write, the page absent then present', async () => {
    const program = await started.start([beforeYouBegin]);
    const said = await program.waitForOutput(/^PID (\d+) \(page size (\d+) bytes\)$/, { timeoutMs: 30_000 });
    if (!said.ok) throw new Error(said.message);
    // Under stdbuf the program is exec'd by stdbuf: same process, same PID.
    expect(Number(said.match![1])).toBe(program.pid);
    const opened = openTarget(program.pid);
    if (!opened.ok) throw new Error(opened.problem.message);
    const { target } = opened;
    const page = Number(said.match![2]);
    expect(page).toBe(target.pageBytes);

    const before = await pausedAt(program, target, '1/3 before mmap', 0);
    // A small C program: a VSZ of a few MB, not Node's gigabytes.
    expect(before.vszBytes).toBeLessThan(64 << 20);

    let since = program.lastSeq;
    expect(program.pressEnter()).toEqual({ ok: true, seq: since });
    const mapped = await program.waitForOutput(/^mapped 4096 bytes at (0x[0-9a-f]+); nothing written yet$/, { since, timeoutMs: 30_000 });
    if (!mapped.ok) throw new Error(mapped.message);
    const address = BigInt(mapped.match![1]!);
    const afterMmap = await pausedAt(program, target, '2/3 after mmap', since);
    expect(afterMmap.vszBytes - before.vszBytes).toBe(page);
    expect(afterMmap.rssAnonBytes - before.rssAnonBytes).toBe(0);
    const untouched = target.presence(address, address + BigInt(page));
    expect(untouched).toMatchObject({ ok: true, pages: 1, present: 0, absent: 1 });
    if (untouched.ok) expect(pageState(untouched.states, 0)).toBe(PAGE_ABSENT);
    const holding = target.regionHolding(address);
    expect(holding.ok).toBe(true);
    if (!holding.ok) return;
    // The page may have joined a neighbouring anonymous mapping (one VMA): match by range.
    expect(BigInt(holding.region.start) <= address && address + BigInt(page) <= BigInt(holding.region.end)).toBe(true);

    since = program.lastSeq;
    program.pressEnter();
    expect(await program.waitForOutput(`wrote one byte at ${mapped.match![1]}`, { since, timeoutMs: 30_000 })).toMatchObject({ ok: true });
    const afterWrite = await pausedAt(program, target, '3/3 after the write', since);
    expect(afterWrite.vszBytes - afterMmap.vszBytes).toBe(0);
    expect(afterWrite.rssBytes - afterMmap.rssBytes).toBe(4096);
    expect(afterWrite.rssAnonBytes - afterMmap.rssAnonBytes).toBe(4096);
    const written = target.presence(address, address + BigInt(page));
    expect(written).toMatchObject({ ok: true, pages: 1, present: 1, absent: 0, changed: 1, seenBefore: true });
    if (written.ok) expect(pageState(written.states, 0)).toBe(PAGE_PRESENT);

    since = program.lastSeq;
    program.pressEnter();
    expect(await program.waitForOutput('unmapped the page; bye', { since, timeoutMs: 30_000 })).toMatchObject({ ok: true });
    expect(await program.exited).toEqual({ code: 0, signal: null, signalNumber: null, message: 'before-you-begin exited with status 0' });
    await waitUntil('the watch to see the exit', () => !target.sample().ok);
    expect(target.ended?.kind).toBe('exited');
    expect(program.pressEnter()).toEqual({ ok: false, message: 'before-you-begin has ended (before-you-begin exited with status 0): the input was not sent' });
  });
});
