/**
 * The screen at every size (issue 10), in a real terminal, read as a student reads it: every
 * lesson walked to its end at 80x24 with every text read in full (scrolling the panel with the
 * keys it shows), a 4 KiB hexdump read from its newest line to its oldest, a Part A page whole
 * beside a lesson, no colour at all with NO_COLOR, and no blank row while the log has more.
 */
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { wrapWords } from '../../source/ui/view/wrap.js';
import { lessons } from '../../source/walkthrough/index.js';
import { lessonScripts, watchLessonNumber, watchLessonPauses } from '../support/lesson-scripts.js';
import { CPrograms, EXAMPLES } from '../target/helpers/c-programs.js';
import { type PtyApp, startApp, stopAll } from './pty-harness.js';

afterEach(stopAll);
const programs = new CPrograms();
afterAll(() => programs.remove());

async function inKeys(app: PtyApp): Promise<void> {
  if (app.footerMode() !== 'KEYS') await app.press('esc', 60);
  await app.waitFor(() => app.footerMode() === 'KEYS', 'KEYS mode');
}

/**
 * Types a command and waits for its result to be drawn: the prompt is empty again, and the
 * screen has stopped changing (at 80x24 with a lesson open, the log's few rows may show the end
 * of a long result only, so the command's own line is not always there to wait for).
 */
async function run(app: PtyApp, line: string): Promise<void> {
  await inKeys(app);
  await app.type(':');
  await app.waitFor(() => app.footerMode() === 'PROMPT', 'the prompt');
  await app.command(line);
  await app.waitFor((_text, lines) => lines.some((row) => /^: ?$/.test(row.trimEnd())), 'the prompt emptied by Enter');
  // A slow command (load compiles a file) says "running" in the footer until it is done: the
  // screen must be still and say nothing is running.
  for (;;) {
    await app.settled();
    if (!/ running: /.test(app.screenText())) return;
    await app.waitFor((text) => !/ running: /.test(text), 'the command to finish', 30_000);
  }
}

/** Every line the lesson panel can show now: read, then ] until its last row says the end. */
async function readLesson(app: PtyApp, seen: Set<string>): Promise<void> {
  await inKeys(app);
  for (let page = 0; page < 30; page += 1) {
    await app.flush();
    const lines = app.screenLines();
    for (const line of lines) seen.add(line.trimEnd());
    if (!lines.some((line) => /^\[ \] scroll: \d+ more lines? below/.test(line))) return;
    await app.type(']', 60);
  }
}

describe('at 80x24, every text a lesson has can be read in full', () => {
  for (const lesson of lessons) {
    it(`lesson ${lesson.number}: every step's task, what to watch and why`, async () => {
      // The watch lesson runs in `memtui watch` on the lab's before-you-begin program.
      const watch = lesson.number === watchLessonNumber;
      const args = watch
        ? ['watch', '--lesson', String(lesson.number), '--', programs.build(join(EXAMPLES, 'before-you-begin.c'))]
        : ['--lesson', String(lesson.number)];
      const app = startApp(args, { cols: 80, rows: 24 });
      await app.waitForText(`Lesson ${lesson.number}/${lessons.length}`);
      const seen = new Set<string>();
      await readLesson(app, seen);
      let pauses = 0;
      let mapped = '{mapped}';
      for (const line of lessonScripts[lesson.number]!) {
        await run(app, line.replace('{mapped}', mapped));
        // input sends Enter to the program: wait for its next pause (and, after the mmap, its address).
        if (watch && line === 'input') {
          const text = await app.waitForText(watchLessonPauses[pauses++]!);
          mapped = /mapped 4096 bytes at (0x[0-9a-f]+)/.exec(text)?.[1] ?? mapped;
          await app.settled();
        }
        await readLesson(app, seen);
      }
      expect([...seen].some((line) => line.startsWith(`Lesson complete. ${lesson.number < lessons.length ? 'Press n' : 'That was the last lesson.'}`))).toBe(true);
      lesson.steps.forEach((step, index) => {
        const paragraphs = [`Do (${index + 1}/${lesson.steps.length}): ${step.task}`, `Watch: ${step.watch}`, `Why: ${step.why}`];
        for (const text of paragraphs) {
          for (const line of wrapWords(text, 80)) expect(seen.has(line.trimEnd()), `step ${index + 1}: "${line}" was never on screen`).toBe(true);
        }
      });
      await inKeys(app);
      await app.type('q');
      expect((await app.exit()).exitCode).toBe(0);
    });
  }
});

describe('the log and the grid at 80x24', () => {
  it('a 4096-byte hexdump, scrolled with PgUp from the newest line to the oldest, shows every offset', async () => {
    const app = startApp([], { cols: 80, rows: 24 });
    await app.waitFor(() => app.footerMode() === 'KEYS', 'the first frame');
    await run(app, 'mmap');
    const base = /mmap 1 page -> #1 at 0x([0-9a-f]+)/.exec(app.screenText())![1]!;
    await run(app, 'write p0 0x41');
    await run(app, 'read p0 4096');
    await inKeys(app);
    const seen = new Set<string>();
    /** How far back the log is scrolled, by its banner (0 at the newest line). */
    const scrolled = (lines: string[]) => {
      const banner = lines.find((line) => /log scrolled back \d+ of \d+ lines/.test(line));
      const [, at, limit] = banner ? /scrolled back (\d+) of (\d+)/.exec(banner)! : ['', '0', '-1'];
      return { at: Number(at), limit: Number(limit) };
    };
    for (let page = 0; page < 200; page += 1) {
      await app.flush();
      const lines = app.screenLines();
      for (const line of lines) seen.add(line.trim());
      const { at, limit } = scrolled(lines);
      if (at === limit) break;
      // Each PgUp's frame is read before the next key: wait for the log to have moved (a busy
      // machine may draw it later than any fixed pause).
      await app.press('pageUp', 0);
      await app.waitFor((_text, now) => scrolled(now).at > at, `the log to scroll back past ${at} lines`);
    }
    const start = BigInt(`0x${base}`);
    const missing: number[] = [];
    for (let offset = 0; offset < 4096; offset += 16) {
      const address = (start + BigInt(offset)).toString(16).padStart(12, '0');
      if (![...seen].some((line) => line.startsWith(`${address} 4141`))) missing.push(offset);
    }
    expect(missing).toEqual([]);
    expect([...seen]).toContain('> mmap');
  });

  it('a Part A page is drawn whole, all 8 rows, while a lesson is open', async () => {
    const app = startApp(['--lesson', '5'], { cols: 80, rows: 24 });
    await app.waitForText('Lesson 5/');
    await run(app, 'init');
    await run(app, 'alloc 512');
    const lines = app.screenLines();
    const label = lines.findIndex((line) => /^>p0 +Part A +0x[0-9a-f]+/.test(line));
    expect(label).toBeGreaterThanOrEqual(0);
    expect(lines.slice(label + 1, label + 9)).toEqual([`  ${'A'.repeat(64)}`, ...Array.from({ length: 7 }, () => `  ${'.'.repeat(64)}`)]);
    expect(lines.some((line) => line.startsWith('Lesson 5/'))).toBe(true);
  });
});

describe('colour', () => {
  const colourCode = /\x1b\[(?:[0-9;]*;)?(3[0-79]|4[0-79]|9[0-7]|10[0-7]|38;5;\d+|38;2;[\d;]+)m/;

  it('with NO_COLOR, no colour code at all; the letters alone tell chunks apart', async () => {
    const app = startApp([], { cols: 100, rows: 30, noColor: true });
    await app.waitFor(() => app.footerMode() === 'KEYS', 'the first frame');
    await run(app, 'init');
    await run(app, 'alloc 64');
    await run(app, 'alloc 64');
    await app.waitForText(`${'A'.repeat(8)}${'B'.repeat(8)}`);
    expect(app.raw).not.toMatch(colourCode);
  });

  it('--no-color does the same; without either, chunks are coloured', async () => {
    const plain = startApp(['--no-color'], { cols: 100, rows: 30 });
    await plain.waitFor(() => plain.footerMode() === 'KEYS', 'the first frame');
    await run(plain, 'init');
    await run(plain, 'alloc 64');
    expect(plain.raw).not.toMatch(colourCode);
    const coloured = startApp([], { cols: 100, rows: 30 });
    await coloured.waitFor(() => coloured.footerMode() === 'KEYS', 'the first frame');
    await run(coloured, 'init');
    await run(coloured, 'alloc 64');
    await coloured.flush();
    expect(coloured.raw).toMatch(colourCode);
  });
});

describe('large terminals', () => {
  for (const [cols, rows] of [[120, 40], [160, 50]] as const) {
    it(`at ${cols}x${rows}, no row between the header and the footer is blank while the log has lines not shown`, async () => {
      const app = startApp([], { cols, rows });
      await app.waitFor(() => app.footerMode() === 'KEYS', 'the first frame');
      await run(app, 'mmap');
      await run(app, 'write p0 0x41');
      await run(app, 'read p0 4096');
      await inKeys(app);
      const lines = app.screenLines();
      const footer = lines.findIndex((line) => /^ (KEYS|PROMPT|HELP) /.test(line));
      expect(lines.slice(2, footer).filter((line) => line.trim() === '')).toEqual([]);
    });
  }
});
