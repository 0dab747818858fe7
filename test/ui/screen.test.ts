/**
 * The view model on a real session (real mmap, real mincore): what each region of the screen
 * shows, at the sizes terminals open at, and that everything can be reached by scrolling.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../source/session/index.js';
import { initialUiState } from '../../source/ui/keyboard/keyboard-reducer.js';
import type { Line } from '../../source/ui/view/line.js';
import { LogLines } from '../../source/ui/view/log-view.js';
import { chunkGlyph } from '../../source/ui/view/page-view.js';
import { buildScreen, type Screen, type ScreenInput } from '../../source/ui/view/screen.js';
import { lessons } from '../../source/walkthrough/index.js';

const sessions: Session[] = [];
afterEach(() => { for (const session of sessions.splice(0)) session.dispose(); });

async function sessionWith(...lines: string[]): Promise<Session> {
  const session = new Session();
  sessions.push(session);
  for (const line of lines) {
    const result = await session.run(line);
    if (!result.ok) throw new Error(`${line}: ${result.error}`);
  }
  return session;
}

const text = (line: Line) => line.map((segment) => segment.text).join('');

function screen(session: Session, columns: number, rows: number, extra: Partial<ScreenInput> = {}, log = new LogLines()): Screen {
  const ui = initialUiState;
  return buildScreen(session, {
    columns, rows, keyMode: ui.mode, selectedPage: ui.selectedPage, selectedChunk: ui.selectedChunk, focus: ui.focus,
    logScroll: 0, lessonScroll: 0, helpScroll: 0, ...extra,
  }, log);
}

const bodyText = (view: Screen) => view.body.map(text);

describe('the grid', () => {
  it('draws a Part A page whole (8 rows) at 80x24, with a lesson open', async () => {
    const session = await sessionWith('mmap', 'mmap', 'init', 'alloc 64', 'lesson 5');
    const view = screen(session, 80, 24, { selectedPage: 2 });
    const lines = bodyText(view);
    const label = lines.findIndex((line) => /^>p2 +Part A/.test(line));
    expect(label).toBeGreaterThanOrEqual(0);
    expect(lines.slice(label + 1, label + 9).every((line) => /^ {2}[A-Za-z.]{64}$/.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith(`Lesson 5/${lessons.length}`))).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(view.body).toHaveLength(24 - 5);
  });

  it('with many pages, shows the selected one and names those left out; the frame costs the pages shown', async () => {
    const session = await sessionWith('mmap 1024', 'mmap 1024');
    const view = screen(session, 80, 24, { selectedPage: 1500 });
    const lines = bodyText(view);
    expect(lines.some((line) => line.startsWith('>p1500 '))).toBe(true);
    expect(lines.some((line) => /p0\.\.p\d+ above, p\d+\.\.p2047 below - arrows select/.test(line))).toBe(true);
    expect(view.facts.page).toBe(1500);
  });

  it('a page label is never cut: where the grid is narrowest the cell size is left out', async () => {
    const session = await sessionWith('mmap', 'mmap 16', 'mmap 1024', 'write p8');
    for (const [columns, rows, lesson] of [[80, 24, false], [100, 30, true], [120, 40, true], [160, 50, false]] as const) {
      if (lesson) await session.run('lesson 3');
      else await session.run('lesson hide');
      for (const selectedPage of [8, 1000]) {
        const lines = bodyText(screen(session, columns, rows, { selectedPage }));
        const label = lines.find((line) => line.startsWith(`>p${selectedPage} `))!;
        expect(label, `${columns}x${rows}`).toMatch(new RegExp(`^>p${selectedPage} +#\\d+ \\(page \\d+ of \\d+\\) +0x[0-9a-f]+ +(not )?resident( +\\(64 B blocks\\))?( |$)`));
        expect(label.slice(0, 66).trimEnd().endsWith('~')).toBe(false);
      }
    }
  });

  it('a page that is gone: the screen selects its neighbour, and says when nothing is mapped any more', async () => {
    const session = await sessionWith('mmap', 'mmap', 'mmap');
    await session.run('munmap p1');
    expect(screen(session, 80, 24, { selectedPage: 1 }).facts.page).toBe(2);
    await session.run('munmap p0');
    await session.run('munmap p2');
    const lines = bodyText(screen(session, 80, 24, { selectedPage: 1 }));
    expect(lines[0]).toBe('No page of ours is mapped now.');
  });

  it('tells any two chunks side by side apart without colour: the same letter twice becomes lowercase', () => {
    expect(chunkGlyph(1, null)).toBe('A');
    expect(chunkGlyph(27, 'A')).toBe('a');
    expect(chunkGlyph(53, 'a')).toBe('A');
    expect(chunkGlyph(2, 'A')).toBe('B');
  });

  it('draws chunks 1 and 27 side by side as A and a', async () => {
    const session = await sessionWith('init', 'alloc 8');
    // Ids 2 to 26 go to raw mappings, so the next chunk is #27, whose letter is A again.
    for (let id = 2; id <= 26; id += 1) await session.run('mmap');
    const result = await session.run('alloc 8');
    expect(result.effect).toMatchObject({ kind: 'alloc', chunk: { id: 27, offset: 8 } });
    const lines = bodyText(screen(session, 120, 40, { selectedPage: session.lab.heapPageName('a', 0) }));
    const grid = lines.find((line) => /^ {2}[A-Za-z]{2}\./.test(line))!;
    expect(grid.slice(2, 5)).toBe('Aa.');
  });
});

describe('the log', () => {
  it('every line can be reached: the scroll limit is what is drawn, and a page is the rows shown', async () => {
    const session = await sessionWith('mmap', 'write p0 0x41', 'read p0 4096');
    const log = new LogLines();
    const first = screen(session, 80, 24, {}, log);
    expect(first.facts.maxLogScroll).toBeGreaterThanOrEqual(250);
    const seen = new Set<string>();
    for (let scroll = 0; scroll <= first.facts.maxLogScroll + first.facts.logPage; scroll += first.facts.logPage) {
      const view = screen(session, 80, 24, { logScroll: scroll }, log);
      for (const line of bodyText(view)) seen.add(line.trim());
    }
    // Every hexdump row, from the first offset to the last, was on screen at some scroll.
    for (let offset = 0; offset < 4096; offset += 16) {
      const address = (session.lab.pages.named(0)!.span.base + BigInt(offset)).toString(16).padStart(12, '0');
      expect([...seen].some((line) => line.startsWith(address)), `offset ${offset}`).toBe(true);
    }
    expect([...seen].some((line) => line.startsWith('> mmap'))).toBe(true);
  });

  it('at 120x40 and 160x50 no row is blank while the log has lines not shown', async () => {
    const session = await sessionWith('mmap', 'write p0 0x41', 'read p0 4096');
    for (const [columns, rows] of [[120, 40], [160, 50]] as const) {
      const lines = bodyText(screen(session, columns, rows));
      const blank = lines.filter((line) => line.trim() === '');
      expect(blank, `${columns}x${rows}`).toEqual([]);
    }
  });
});

describe('the lesson and help panels', () => {
  it('a lesson too long for its box scrolls, and its last row says how and how much is left', async () => {
    const session = await sessionWith('init', 'lesson 1', 'ps');
    const view = screen(session, 80, 24, {});
    expect(view.facts.maxLessonScroll).toBeGreaterThan(0);
    expect(bodyText(view).some((line) => /^\[ \] scroll: \d+ more lines? below/.test(line))).toBe(true);
    const end = screen(session, 80, 24, { lessonScroll: view.facts.maxLessonScroll });
    expect(bodyText(end).some((line) => /^\[ \] scroll: end/.test(line))).toBe(true);
  });

  it('help holds every command and key, reachable by scrolling', async () => {
    const session = await sessionWith();
    const first = screen(session, 80, 24, { keyMode: 'help' });
    const seen = new Set<string>();
    for (let scroll = 0; scroll <= first.facts.maxHelpScroll; scroll += 1) for (const line of bodyText(screen(session, 80, 24, { keyMode: 'help', helpScroll: scroll }))) seen.add(line);
    const all = [...seen].join('\n');
    for (const spec of session.registry.all()) expect(all).toContain(session.registry.usage(spec));
    for (const binding of session.registry.keys()) expect(all).toMatch(new RegExp(`\\s${binding.key.replace(/[[\]]/g, '\\$&')} +${binding.label.replace(/[()]/g, '\\$&')}`));
  });
});

describe('the free-space line under the grid', () => {
  it('shows its figures whole at every size: a shorter wording, never a cut one', async () => {
    const session = await sessionWith('mmap', 'init', 'alloc 104', 'alloc 304', 'alloc 56', 'free #2', 'lesson 5');
    const seen: string[] = [];
    for (const [columns, rows] of [[80, 24], [100, 30], [120, 40], [160, 50]] as const) {
      for (const lessonOpen of [true, false]) {
        if (!lessonOpen) await session.run('lesson off');
        const lines = bodyText(screen(session, columns, rows));
        if (lessonOpen === false) await session.run('lesson 5');
        // The line starts its row; a lesson may stand to its right, two spaces or more away.
        const summary = lines.find((line) => /^ ?(Part )?A: free \d+ B/.test(line));
        if (summary === undefined) continue;
        seen.push(summary.trim());
        expect(summary).toMatch(/largest 3632 B(, fragmentation \d+%)?(, first fit)?( {2,}|$)/);
      }
    }
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('the chunk list in its own column (160x50 with a lesson)', () => {
  it('says every figure whole, for Part A and a Part B of four pages', async () => {
    for (const lines of [
      ['part a', 'init', 'alloc 512', 'alloc 1024', 'alloc 64', 'free #1', 'lesson 5'],
      ['part b', 'init', 'alloc 4096', 'alloc 4096', 'alloc 4096', 'alloc 256', 'alloc 256', 'free #4', 'lesson 6'],
    ]) {
      const session = await sessionWith(...lines);
      const view = bodyText(screen(session, 160, 50, { focus: 'chunks' }));
      const head = view.find((line) => line.includes(' chunks (Tab: back to pages)'));
      expect(head).toBeDefined();
      const column = head!.search(/Part [AB] chunks/);
      const rows = view.map((line) => line.slice(column, column + 34));
      expect(rows.some((row) => /^largest \d+ B, fragmentation \d+%/.test(row))).toBe(true);
      for (const row of rows) expect(row.trimEnd().endsWith('~'), row).toBe(false);
    }
  });
});


describe('nothing is cut', () => {
  it('at 80x24, 100x30, 120x40 and 160x50, in each state a student meets, no line of any box ends cut (~)', async () => {
    const states = [
      [], ['mmap'], ['mmap 3', 'write p1'], ['part a', 'init', 'alloc 512', 'alloc 1024', 'free #1'],
      ['part b', 'init', 'alloc 256', 'alloc 4096', 'alloc 4096'], ['lesson 1'], ['lesson 5', 'part a', 'init', 'alloc 64'],
      ['lesson 8'], ['lesson 9'], ['mark', 'mmap 1024', 'mmap 1024', 'write p5'],
    ];
    const cut: string[] = [];
    for (const lines of states) {
      const session = await sessionWith(...lines);
      for (const [columns, rows] of [[80, 24], [100, 30], [120, 40], [160, 50]] as const) {
        for (const focus of ['pages', 'chunks'] as const) {
          for (const line of bodyText(screen(session, columns, rows, { focus }))) {
            if (line.includes('~')) cut.push(`${lines.join('; ') || '(start)'} at ${columns}x${rows}, ${focus}: ${line}`);
          }
        }
      }
    }
    expect(cut).toEqual([]);
  });
});
