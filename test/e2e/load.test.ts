/**
 * `load` in the built binary, in a real pseudo-terminal at 80x24 (and 120x40): the student's
 * allocator compiled with the real gcc and run in a real driver process. Every assertion reads
 * the screen: the header measuring the driver (its VSZ as its own /proc says), the grid drawing
 * their page and chunks, the chunk list and the d key freeing through their dealloc, a crash
 * reported in the log with memtui's own screen coming back, and q ending the driver too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readStatus } from '../../source/proc/index.js';
import { waitUntil } from '../target/helpers/wait-until.js';
import { type PtyApp, startApp, stopAll } from './pty-harness.js';

afterEach(stopAll);

const DRIVER_HEADER = /^memtui +measuring (\S+), PID (\d+) +VSZ ([\d,]+) KiB +RSS [\d,]+ KiB$/;
const OWN_HEADER = /^memtui +PID \d+ +VSZ [\d,]+ KiB/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The PID in the header while it measures a driver. */
function driverPid(app: PtyApp): number {
  const match = DRIVER_HEADER.exec(app.screenLines()[0]!);
  if (!match) throw new Error(`the header does not measure a driver:\n${app.screenText()}`);
  return Number(match[2]);
}

/** The rows of the grid below the page's label: its 8 rows of 64 cells. */
function gridRows(app: PtyApp): string[] {
  const lines = app.screenLines();
  const label = lines.findIndex((line) => /^[> ]p0 +alloc\.c +0x[0-9a-f]+/.test(line));
  return label < 0 ? [] : lines.slice(label + 1, label + 9).map((line) => line.slice(0, 66));
}

/** Waits for a log line that may wrap at the terminal's width: wrapped rows are read joined. */
function waitForLog(app: PtyApp, pattern: RegExp): Promise<string> {
  return app.waitFor((text) => pattern.test(text.replace(/\n\s*/g, ' ')), String(pattern));
}

function fitsIn(app: PtyApp): boolean {
  return app.footerMode() !== null && app.wrappedRows().length === 0 && app.screenLines().every((line) => line.length <= app.cols);
}

describe('load in a real terminal', () => {
  it('80x24: load example, init, alloc, free with d, the driver measured; unload, a crash, and q end the driver', async () => {
    const app = startApp([], { cols: 80, rows: 24 });
    await app.waitFor(() => app.footerMode() === 'KEYS', 'the first whole frame');
    await app.type(':');
    await app.command('load example');
    await app.waitFor((_, lines) => DRIVER_HEADER.test(lines[0]!), 'the header to measure the driver');
    const pid = driverPid(app);
    expect(pid).not.toBe(app.child.pid);
    expect(app.screenLines()[1]).toMatch(/^ours: 0 pages \(0 KiB\) mapped, 0 \(0 KiB\) resident \| your alloc\.c, Part A/);
    expect(app.screenText()).toContain('Press i (or type init) to call your init_alloc.');

    await app.command('init');
    await app.waitForText(/>p0 +alloc\.c +0x[0-9a-f]+ +not resident +\(8 B units\)/);
    await app.waitFor((_, lines) => /^ours: 1 page \(4 KiB\) mapped, 0 \(0 KiB\) resident/.test(lines[1]!), 'ours: one page');
    // The header's VSZ is the driver's own, as its /proc/PID/status says (live, so read until they agree).
    await app.waitFor((_, lines) => DRIVER_HEADER.exec(lines[0]!)?.[3] === readStatus(pid).vmSizeKiB.toLocaleString('en-US'), 'the header VSZ to be the driver\'s VmSize');

    await app.command('alloc 512');
    await app.waitForText(/>p0 +alloc\.c +0x[0-9a-f]+ +resident/);
    await app.command('alloc 1024');
    await app.waitForText(/alloc\(1024\) -> #2 at 0x[0-9a-f]+ \(p0, offset 512\)/);
    let rows = gridRows(app);
    expect(rows[0]).toBe(`  ${'A'.repeat(64)}`); // #1: 512 B = 64 units of 8 B
    expect(rows.slice(1, 3)).toEqual([`  ${'B'.repeat(64)}`, `  ${'B'.repeat(64)}`]); // #2: 1024 B
    expect(rows[3]).toBe(`  ${'.'.repeat(64)}`);

    // Tab selects in their chunk list (it takes the grid's place at 80 columns); d frees the first.
    await app.press('esc');
    await app.waitFor(() => app.footerMode() === 'KEYS', 'KEYS mode');
    await app.press('tab');
    const list = await app.waitForText('alloc.c chunks (Tab: back to pages)');
    expect(list).toMatch(/>A #1 +[0-9a-f]+ +p0\+0 +512 used/);
    expect(list).toMatch(/ B #2 +[0-9a-f]+ +p0\+512 +1024 used/);
    await app.type('d');
    await app.waitForText('dealloc(#1) returned: 512 B at p0+0 are free again');
    await app.press('tab');
    await app.waitFor(() => gridRows(app)[0] === `  ${'.'.repeat(64)}`, 'the freed chunk drawn as free space');
    expect(gridRows(app)[1]).toBe(`  ${'B'.repeat(64)}`);
    expect(fitsIn(app)).toBe(true);

    // A command about memtui's own memory says why not, and nothing changes.
    await app.type(':');
    await app.command('mmap');
    await waitForLog(app, /error: alloc\.c is loaded \(PID \d+\), and the screen measures its process: mmap acts on memtui's own pages/);

    // unload: memtui's own header and grid again; the driver is gone.
    await app.command('unload');
    await app.waitFor((_, lines) => OWN_HEADER.test(lines[0]!), 'memtui\'s own header');
    await app.waitForText('No page is mapped yet.');
    await waitUntil('the unloaded driver to be gone', () => !alive(pid));

    // A crash of their code is a result in the log; memtui stays, and its own screen comes back.
    await app.command('load test/fixtures/student/alloc-crash-dealloc-null.c');
    await app.waitFor((_, lines) => DRIVER_HEADER.test(lines[0]!), 'the header to measure the crashing one');
    const crashing = driverPid(app);
    await app.command('init');
    await app.waitForText(/>p0 +alloc-crash-dealloc-null\.c/);
    await app.command('alloc 64');
    await app.waitForText('alloc(64) -> #1');
    await app.command('free 0x0');
    await waitForLog(app, /error: dealloc\(NULL\) crashed with SIGSEGV: .* in dealloc \(alloc-crash-dealloc-null\.c:\d+\)/);
    await app.waitFor((_, lines) => OWN_HEADER.test(lines[0]!), 'memtui\'s own header after the crash');
    expect(app.screenText()).toContain('No page is mapped yet.');
    expect(alive(crashing)).toBe(false);
    expect(app.exited).toBeNull();

    // q quits memtui and ends a driver still loaded.
    await app.command('load example');
    await app.waitFor((_, lines) => DRIVER_HEADER.test(lines[0]!), 'the example loaded again');
    const last = driverPid(app);
    await app.press('esc');
    await app.waitFor(() => app.footerMode() === 'KEYS', 'KEYS mode');
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
    await waitUntil('the driver to end with memtui', () => !alive(last));
  });

  it('120x40: the grid and their chunk list side by side; the header fits', async () => {
    const app = startApp([], { cols: 120, rows: 40 });
    await app.waitFor(() => app.footerMode() === 'KEYS', 'the first whole frame');
    await app.type(':');
    await app.command('load example');
    await app.waitFor((_, lines) => DRIVER_HEADER.test(lines[0]!), 'the header to measure the driver');
    await app.command('init');
    await app.command('alloc 256');
    const screen = await app.waitForText(/A #1 +[0-9a-f]+ +p0\+0 +256 used/);
    expect(screen).toMatch(/>p0 +alloc\.c +0x[0-9a-f]+ +resident +\(8 B units\) +alloc\.c chunks \(Tab: select one\)/);
    expect(screen).toMatch(/free 3840 B in 1 stretch/);
    expect(fitsIn(app)).toBe(true);
    await app.press('esc');
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
  });
});
