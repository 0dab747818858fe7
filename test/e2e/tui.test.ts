/**
 * The built binary in a real pseudo-terminal, driven like a user: keys, the prompt, help,
 * resizes, q, signals, and lessons 1-3 of the walkthrough. Every assertion reads the screen.
 * Needs `npm run build` first (npm test does it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type PtyApp, startApp, stopAll } from './pty-harness.js';
import { lessons } from '../../source/walkthrough/index.js';

afterEach(stopAll);

const HEADER = /^memtui +PID \d+ +VSZ [\d,]+ KiB/;

async function waitForMode(app: PtyApp, mode: 'KEYS' | 'PROMPT' | 'HELP'): Promise<void> {
  await app.waitFor(() => app.footerMode() === mode, `the footer to show ${mode}`);
}

/**
 * Everything the help overlay holds, read as a student would: PgDn until its last row says
 * it is at the end. A line is read whole even when it sits at the edge of a screen.
 */
async function readScrolled(app: PtyApp): Promise<string> {
  const seen: string[] = [];
  for (let page = 0; page < 20; page += 1) {
    const lines = app.screenLines();
    seen.push(...lines);
    if (!lines.some((line) => /: more lines? below|\d+ more lines? below/.test(line))) break;
    await app.press('pageDown', 80);
    await app.flush();
  }
  return seen.join('\n');
}

/** The whole frame fits: the header on the first row, the footer below it, nothing wrapped. */
function frameFits(app: PtyApp): boolean {
  const lines = app.screenLines();
  return HEADER.test(lines[0]!) && app.footerMode() !== null && app.wrappedRows().length === 0;
}

describe('memtui in a real terminal', () => {
  it('maps, writes, runs typed commands, shows help, follows resizes and quits with q', async () => {
    const app = startApp([], { cols: 100, rows: 30 });
    // The first frame may reach the screen in pieces: wait until the footer is drawn too.
    const first = await app.waitFor(() => app.footerMode() !== null, 'the first whole frame');
    expect(first.split('\n')[0]).toMatch(HEADER);
    expect(app.footerMode()).toBe('KEYS');

    // m maps a page: it shows in the grid as p0, not resident.
    await app.type('m');
    await app.waitForText(/p0 +#1 +0x[0-9a-f]+ +not resident/);
    // w writes it: resident now, and the log says it was the first touch.
    await app.type('w');
    const written = await app.waitForText(/p0 +#1 +0x[0-9a-f]+ +resident/);
    await app.waitForText('first touch');
    expect(written).not.toMatch(/p0 +#1 +0x[0-9a-f]+ +not resident/);

    // ':' opens the prompt; commands typed key by key run on Enter.
    await app.type(':');
    await waitForMode(app, 'PROMPT');
    await app.command('mode b');
    await app.waitForText('part b:');
    await app.command('init');
    await app.waitForText('init_alloc');
    await app.command('alloc 512');
    const allocated = await app.waitForText(/p\d+ +Part B +0x[0-9a-f]+/);
    expect(allocated).toMatch(/alloc 512 -> #2 at 0x[0-9a-f]+/);
    expect(app.footerMode()).toBe('PROMPT');

    // A typo gets a suggestion; the pages stay.
    await app.command('allco 5');
    const typo = await app.waitForText('did you mean alloc');
    expect(typo).toMatch(/p0 +#1/);
    expect(typo).toMatch(/p\d+ +Part B +0x/);

    // Esc goes back to single keys.
    await app.press('esc');
    await waitForMode(app, 'KEYS');

    // ? covers the screen with every key and command; any key closes it without acting.
    await app.type('?');
    await waitForMode(app, 'HELP');
    const help = await readScrolled(app);
    expect(help).toMatch(/Keys \(KEYS mode\)/);
    expect(help).toMatch(/Commands/);
    for (const usage of ['mmap [pages]', 'alloc <size>', 'madvise <target> dontneed', 'policy [first|best|worst|next]']) {
      expect(help).toContain(usage);
    }
    expect(help).toMatch(/\bm +map a page/);
    expect(help).not.toMatch(/p0 +#1/);
    await app.type('x');
    await waitForMode(app, 'KEYS');
    const closed = await app.waitForText(/p0 +#1 +0x[0-9a-f]+ +resident/);
    expect(closed).not.toContain('madvise p0');

    // 80x24: the screen re-lays, header and footer stay, no line is wider than the terminal.
    app.resize(80, 24);
    await app.waitFor(() => frameFits(app) && /p0 +#1/.test(app.screenText()), 'the frame re-laid at 80x24');
    expect(app.screenLines()).toHaveLength(24);
    for (const line of app.screenLines()) expect(line.length).toBeLessThanOrEqual(80);
    expect(app.screenText()).toMatch(/p\d+ +Part B +0x/);

    // Smaller than 80x24: a clear message instead of a broken screen.
    app.resize(60, 15);
    const small = await app.waitForText('Enlarge the terminal');
    expect(small).toContain('60x15');

    // Back to a large terminal: the grid comes back.
    app.resize(120, 40);
    await app.waitFor(() => frameFits(app) && /p0 +#1 +0x[0-9a-f]+ +resident/.test(app.screenText()) && /p\d+ +Part B +0x/.test(app.screenText()),
      'the grid again at 120x40');
    expect(app.screenText()).not.toContain('Enlarge the terminal');

    // q quits: exit status 0, the cursor is back, no error on the screen.
    await app.type('q');
    const status = await app.exit();
    expect(status.exitCode).toBe(0);
    expect(app.cursorShown()).toBe(true);
    expect(app.term.buffer.active.type).toBe('normal');
    expect(app.screenText()).not.toMatch(/Error|stopped on an unexpected error|Raw mode/);
  });

  it('keys typed faster than the screen redraws all land in the prompt, in order', async () => {
    const app = startApp([], { cols: 100, rows: 30 });
    await app.waitFor(() => app.footerMode() !== null, 'the first whole frame');
    // No wait between ':' and the text, 5 ms between keys: a fast typist, or tmux send-keys.
    await app.type(':mmap', 5);
    await app.press('enter');
    await app.waitForText(/p0 +#1 +0x[0-9a-f]+ +not resident/);
    await app.type('write #1 the quick brown fox jumps', 5);
    await app.press('enter');
    await app.waitForText('write #1: 25 B of text "the quick brown fox jumps"');
    // a opens the prompt with "alloc "; the size typed at once goes after it.
    await app.press('esc');
    await app.type('ia512', 5);
    await app.press('enter');
    await app.waitForText(/alloc 512 -> #\d+ at 0x[0-9a-f]+/);
    expect(app.screenText()).not.toMatch(/unknown command|did you mean/);
    // Keys that reach the app as one chunk in KEYS mode (a slow link, type-ahead) still count one by one.
    await app.press('esc');
    await waitForMode(app, 'KEYS');
    await app.send(':mmap 2\r');
    await app.waitForText(/mmap 2 pages -> #\d+/);
    expect(app.footerMode()).toBe('PROMPT');
  });

  it('SIGTERM ends the UI cleanly: exit status 143 (128 + 15), the cursor restored, no crash output', async () => {
    const app = startApp([], { cols: 100, rows: 30 });
    await app.waitFor(() => app.footerMode() !== null, 'the first whole frame');
    await app.type('m');
    await app.waitForText(/p0 +#1/);
    app.child.kill('SIGTERM');
    const status = await app.exit();
    expect(status).toMatchObject({ exitCode: 143 });
    expect(status.signal ?? 0).toBe(0);
    expect(app.cursorShown()).toBe(true);
    expect(app.raw).not.toMatch(/Error|at .*\.js:\d+|stopped on an unexpected error/);
  });

  it('Ctrl-C quits from the prompt with exit status 0', async () => {
    const app = startApp([], { cols: 100, rows: 30 });
    await app.waitFor(() => app.footerMode() !== null, 'the first whole frame');
    await app.type(':');
    await waitForMode(app, 'PROMPT');
    await app.type('mma');
    await app.press('ctrlC');
    const status = await app.exit();
    expect(status.exitCode).toBe(0);
    expect(app.cursorShown()).toBe(true);
    expect(app.raw).not.toContain('Error');
  });

  it('too small to draw, with the prompt open: q quits, as the screen says (it was typed into the hidden prompt)', async () => {
    const app = startApp([], { cols: 80, rows: 24 });
    await app.waitFor(() => app.footerMode() !== null, 'the first whole frame');
    await app.type(':');
    await waitForMode(app, 'PROMPT');
    await app.type('write');
    app.resize(70, 20);
    await app.waitForText('Enlarge the terminal; q quits.');
    await app.type('q');
    const status = await app.exit();
    expect(status.exitCode).toBe(0);
  });

  it('lessons 1 to 3, done by typing their commands, show their progress and complete', async () => {
    const app = startApp(['--lesson', '1'], { cols: 100, rows: 30 });
    await app.waitForText(`Lesson 1/${lessons.length}`);
    await app.waitForText(/\[>\]\[ \]/);
    expect(app.screenText()).toContain('Do (1/2)');

    await app.type(':');
    await waitForMode(app, 'PROMPT');
    // Lesson 1: ps, then maps all.
    await app.command('ps');
    const ps = await app.waitForText(/\[x\]\[>\]/);
    expect(ps).toContain('Seen (1)');
    expect(ps).toContain('Do (2/2)');
    expect(ps).toMatch(/ps -o vsz=,rss= -p \d+/);
    await app.command('maps all');
    const one = await app.waitForText('Lesson complete');
    expect(one).toMatch(/\[x\]\[x\]/);
    expect(one).toContain(`Lesson 1/${lessons.length}`);

    // n (a single key, so Esc first) opens lesson 2.
    await app.press('esc');
    await waitForMode(app, 'KEYS');
    await app.type('n');
    await app.waitForText(`Lesson 2/${lessons.length}`);
    await app.waitForText(/\[>\]\[ \]/);

    // Lesson 2: mmap, then maps.
    await app.type(':');
    await waitForMode(app, 'PROMPT');
    await app.command('mmap');
    const mapped = await app.waitForText(/\[x\]\[>\]/);
    expect(mapped).toContain('Seen (1)');
    expect(mapped).toMatch(/p0 +#1 +0x[0-9a-f]+ +not resident/);
    await app.command('maps');
    const two = await app.waitForText('Lesson complete');
    expect(two).toContain(`Lesson 2/${lessons.length}`);
    expect(two).toMatch(/\[x\]\[x\]/);
    // The maps line that holds our page is marked >> (the log is narrower beside the lesson, so it may wrap).
    expect(two).toMatch(/>> [0-9a-f]+-[0-9a-f]+ rw-p/);

    // Lesson 3: write #1 hello, then stat.
    await app.command('lesson 3');
    await app.waitForText(`Lesson 3/${lessons.length}`);
    await app.waitForText(/\[>\]\[ \]/);
    await app.command('write #1 hello');
    const wrote = await app.waitForText(/\[x\]\[>\]/);
    expect(wrote).toContain('Seen (1)');
    expect(wrote).toMatch(/p0 +#1 +0x[0-9a-f]+ +resident/);
    await app.command('stat');
    const three = await app.waitForText('Lesson complete');
    expect(three).toContain(`Lesson 3/${lessons.length}`);
    expect(three).toMatch(/\[x\]\[x\]/);
    expect(three).toContain('Seen (2)');

    // The lesson list keeps the progress of all three.
    await app.command('lesson list');
    const list = await app.waitForText(/3\. Write into it +done/);
    expect(list).toMatch(/1\. The process you are looking at +done/);
    expect(list).toMatch(/2\. Map one page, touch nothing +done/);

    await app.press('esc');
    await waitForMode(app, 'KEYS');
    await app.type('q');
    expect((await app.exit()).exitCode).toBe(0);
  });
});
