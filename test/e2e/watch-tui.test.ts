/**
 * memtui --pid and memtui watch in a real terminal (issue 15), on C programs compiled here with
 * gcc: the built binary in a pty, read the way a user sees it. The 64-page program seen page by
 * page (16 present, then 20 with the 4 new ones counted as changed), a process exiting mid-watch,
 * the lab's before-you-begin program driven through watch with its VSZ and RSS deltas checked
 * (and its lesson done), a line typed for a program, a crash reported with its signal, and quit
 * stopping the program. Needs `npm run build` first (npm test does it).
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readStat } from '../../source/proc/index.js';
import { lessons } from '../../source/walkthrough/index.js';
import { CPrograms, EXAMPLES } from '../target/helpers/c-programs.js';
import { Started } from '../target/helpers/started.js';
import { waitUntil } from '../target/helpers/wait-until.js';
import { type PtyApp, startApp, stopAll } from './pty-harness.js';

const programs = new CPrograms();
const started = new Started();
let everyFourth: string;
let paused: string;

beforeAll(() => {
  everyFourth = programs.build('every-fourth');
  paused = programs.build('paused');
});
afterEach(async () => {
  await stopAll();
  await started.stopAll();
});
afterAll(() => programs.remove());

const WATCH_HEADER = /^memtui +PID (\d+) +VSZ [\d,]+ KiB +RSS [\d,]+ KiB +watching /;

/** The PID the header shows. */
async function watchedPid(app: PtyApp): Promise<number> {
  const text = await app.waitFor((_text, lines) => WATCH_HEADER.test(lines[0]!) && app.footerMode() !== null, 'the header of a watched process');
  return Number(WATCH_HEADER.exec(text.split('\n')[0]!)![1]);
}

/** Waits until the process sleeps (state S): paused in a read of its input, its figures still. */
function sleeping(pid: number): Promise<boolean> {
  return waitUntil(`PID ${pid} waiting for input`, () => readStat(pid).state === 'S');
}

/** The index N of the selected mapping (>mN) on screen. */
function selectedIndex(app: PtyApp): number | null {
  const match = /^>m(\d+) /m.exec(app.screenText());
  return match ? Number(match[1]) : null;
}

/** Presses Down, each time once the selection has moved, until the selected mapping's label matches (a start address: that mapping). */
async function selectMapping(app: PtyApp, start: string | RegExp): Promise<void> {
  const selected = typeof start === 'string' ? new RegExp(`^>m\\d+ +${start} `, 'm') : start;
  for (let moves = 0; moves < 60; moves += 1) {
    if (selected.test(app.screenText())) return;
    const from = selectedIndex(app);
    await app.press('down');
    await app.waitFor(() => selectedIndex(app) !== from, `the selection to move from m${from}`);
  }
  throw new Error(`the mapping at ${start} never got selected; the screen was:\n${app.screenText()}`);
}

describe('memtui --pid in a real terminal', () => {
  it('80x24: the 64-page mapping, 16 of 64 present; 4 more written are counted and marked; memory-changing keys are refused', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const app = startApp(['--pid', String(program.pid)], { cols: 80, rows: 24 });
    expect(await watchedPid(app)).toBe(program.pid);
    expect(app.screenLines()[0]).toMatch(/watching every-fourth$/);
    await selectMapping(app, said);
    let lines = (await app.waitForText('64 pages: 16 present, 0 swapped, 48 not present')).split('\n');
    let counts = lines.findIndex((line) => line.startsWith('  64 pages:'));
    expect(lines[counts - 1]).toMatch(new RegExp(`^>m\\d+ +${said} rw-p +256 KiB RSS +64 KiB anonymous`));
    expect(lines[counts + 1]).toBe(`  ${'#...'.repeat(16)}`);

    const since = program.lastSeq;
    program.pressEnter();
    expect(await program.waitForOutput('touched 4 more', { since, timeoutMs: 30_000 })).toMatchObject({ ok: true });
    lines = (await app.waitForText(/64 pages: 20 present, 0 swapped, 44 not present; 4 changed \d+ s ago \(marked\)/, 15_000)).split('\n');
    counts = lines.findIndex((line) => line.startsWith('  64 pages:'));
    expect(lines[counts + 1]).toBe(`  ${'##..'.repeat(4)}${'#...'.repeat(12)}`);

    // m and w would change memory: refused, and the screen says why.
    await app.type('m');
    await app.waitForText(/error: mmap would change memory, and memtui only watches PID \d+\s+\(every-fourth\): it\s+reads/);
    await app.type('s');
    await app.waitForText(new RegExp(`PID ${program.pid} \\(every-fourth\\): VSZ [\\d,]+ KiB, RSS [\\d,]+ KiB; S \\(sleeping\\)`));
    // Enter counts the selected mapping's pages in the log.
    await app.press('enter');
    await app.waitForText(`${said} lies in ${said}-`);
    for (const line of app.screenLines()) expect(line.length).toBeLessThanOrEqual(80);
    expect(app.wrappedRows()).toEqual([]);
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
  });

  it('the process exits mid-watch: the screen says so, commands say so, nothing crashes, q leaves with 0', async () => {
    const { program } = await started.ready([paused, '5']);
    const app = startApp(['--pid', String(program.pid)], { cols: 100, rows: 30 });
    await watchedPid(app);
    program.pressEnter();
    await app.waitForText(new RegExp(`PID ${program.pid} \\(paused\\) has exited: its memory is gone`), 15_000);
    expect(app.screenLines()[1]).toMatch(new RegExp(`^PID ${program.pid} \\(paused\\) has exited`));
    // The grid says it whole, down to what to do (wrapped, not cut).
    await app.waitFor(() => app.screenLines().map((line) => line.trim()).join(' ')
      .includes('Start it again to watch it anew (`memtui watch -- PROGRAM` also reports how it ended)'), 'the whole message in the grid');
    await app.type('s');
    await app.waitForText(new RegExp(`error: PID ${program.pid} \\(paused\\) has exited`));
    await app.type('?');
    await app.waitFor(() => app.footerMode() === 'HELP', 'help');
    await app.press('esc');
    await app.waitFor(() => app.footerMode() === 'KEYS', 'keys again');
    await app.type('q');
    const status = await app.exit();
    expect(status.exitCode).toBe(0);
    expect(app.raw).not.toMatch(/Error|TypeError|stopped on an unexpected error/);
  });
});

describe('memtui watch -- PROGRAM in a real terminal', () => {
  it('the lab\'s before-you-begin program at 80x24: VSZ +4 KiB after its mmap, RSS +4 KiB after its write, the lesson done, the exit reported', async () => {
    const program = programs.build(join(EXAMPLES, 'before-you-begin.c'));
    const lesson = lessons.find((entry) => entry.title.startsWith('Watch a C program'))!;
    const app = startApp(['watch', '--lesson', String(lesson.number), '--', program], { cols: 80, rows: 24 });
    const pid = await watchedPid(app);
    await app.waitForText('[1/3 before mmap] press Enter to go on');
    expect(app.screenText()).toContain(`PID ${pid} (page size 4096 bytes)`);
    expect(app.screenText()).toContain(`Lesson ${lesson.number}/${lessons.length}: Watch a C program`);
    await sleeping(pid);
    await app.type('k');
    await app.waitForText('since mark: VSZ +0 KiB, RSS +0 KiB');

    // Enter goes to the program: it maps one page and pauses.
    await app.press('enter');
    const mapped = await app.waitForText(/mapped 4096 bytes at (0x[0-9a-f]+); nothing written yet/);
    const address = /mapped 4096 bytes at (0x[0-9a-f]+)/.exec(mapped)![1]!;
    await app.waitForText('[2/3 after mmap] press Enter to go on');
    await sleeping(pid);
    await app.type('s');
    // The lesson's check passed on that stat: VSZ +4096 B exactly since the mark.
    await app.waitForText('[x][x][>][ ]');
    expect(app.screenLines()[1]).toMatch(/^since mark: VSZ \+4 KiB, RSS \+0 KiB \| state S/);

    // The page, found as the lesson says: the mapping marked new (or grown by 4 KiB), selected with the arrows; v counts its pages.
    // maps is read once a second: the line under the grid names the mapping once it has been read since the mmap.
    await app.waitForText(/changed \d+ s ago: m\d+ (new|\+4 KiB)/);
    await selectMapping(app, /^>m\d+ +0x[0-9a-f]+ +rw-p .*(new|\+4 KiB)$/m);
    const selected = app.screenLines().find((line) => line.startsWith('>m'))!;
    const start = BigInt(/0x[0-9a-f]+/.exec(selected)![0]);
    expect(start <= BigInt(address)).toBe(true);
    await app.type('v');
    await app.waitForText('[x][x][x][>]');
    const now = app.screenLines();
    const cells = now[now.findIndex((line) => line.startsWith('>m')) + 2]!;
    // The page the program mapped, its cell: not present.
    expect(cells[2 + Number((BigInt(address) - start) / 4096n)]).toBe('.');
    // Enter again: it writes one byte into the page.
    await app.press('enter');
    await app.waitForText('[3/3 after the write] press Enter to go on');
    await sleeping(pid);
    await app.type('s');
    await app.waitForText('[x][x][x][x]');
    expect(app.screenLines()[1]).toMatch(/^since mark: VSZ \+4 KiB, RSS \+4 KiB \| state S/);
    // In the grid, that page is present now, and it alone is marked as changed.
    const written = await app.waitForText(/ present, 0 swapped, \d+ not present; 1 changed \d+ s ago \(marked\)/, 15_000);
    const rows = written.split('\n');
    const label = rows.findIndex((line) => line.startsWith('>m'));
    expect(rows[label + 2]![2 + Number((BigInt(address) - start) / 4096n)]).toBe('#');

    // The last Enter: it unmaps the page and exits; memtui says how.
    await app.press('enter');
    await app.waitForText('unmapped the page; bye');
    await app.waitForText('before-you-begin exited with status 0');
    for (const line of app.screenLines()) expect(line.length).toBeLessThanOrEqual(80);
    await app.type('q');
    const status = await app.exit();
    expect(status.exitCode).toBe(0);
    expect(app.raw).toContain(`memtui watched PID ${pid}: before-you-begin exited with status 0`);
  });

  it('> types a line for the program (Enter sends it, ; is its own text); Esc, then Enter alone sends an empty line', async () => {
    const program = programs.build(join(import.meta.dirname, '../watch/programs/echo-lines.c'));
    const app = startApp(['watch', '--', program], { cols: 100, rows: 30 });
    await watchedPid(app);
    await app.waitForText(/\bready$/m);
    await app.type('>');
    await app.waitFor(() => app.footerMode() === 'INPUT', 'the INPUT mode');
    await app.command('hello; world');
    await app.waitForText('got: [hello; world]');
    expect(app.footerMode()).toBe('INPUT');
    await app.press('esc');
    await app.waitFor(() => app.footerMode() === 'KEYS', 'single keys');
    await app.press('enter');
    await app.waitForText('got: []');
    await app.type('>');
    await app.waitFor(() => app.footerMode() === 'INPUT', 'the INPUT mode');
    await app.command('quit');
    await app.waitForText('echo-lines exited with status 0');
    await app.type('x');
    await app.waitFor(() => app.footerMode() === 'KEYS', 'single keys once the program is gone');
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
  });

  it('a program killed by a signal: the pane says which and what it means', async () => {
    const program = programs.build(join(import.meta.dirname, '../watch/programs/crash-on-enter.c'));
    const app = startApp(['watch', '--', program], { cols: 100, rows: 30 });
    const pid = await watchedPid(app);
    await app.waitForText(/\bready$/m);
    await sleeping(pid);
    await app.press('enter');
    await app.waitForText('crash-on-enter was killed by signal SIGSEGV (11): it touched memory it may not');
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
    expect(app.raw).toContain(`memtui watched PID ${pid}: crash-on-enter was killed by signal SIGSEGV (11)`);
  });

  it('q while the program runs: memtui stops it (SIGTERM) and says so; the PID is gone', async () => {
    const app = startApp(['watch', '--', paused], { cols: 80, rows: 24 });
    const pid = await watchedPid(app);
    await app.waitForText(`ready ${pid}`);
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
    expect(app.raw).toContain(`memtui watched PID ${pid}: paused was killed by signal SIGTERM (15): asked to stop (kill, or memtui stopping it)`);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('a program that is not there: one line, exit 2', async () => {
    const app = startApp(['watch', '--', './no-such-program'], { cols: 160, rows: 24 });
    expect((await app.exit()).exitCode).toBe(2);
    expect(app.screenText()).toContain('memtui: ./no-such-program: no such file (did you compile it? gcc -o ./no-such-program ./no-such-program.c)');
  });
});
