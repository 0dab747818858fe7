/**
 * The view model of a watched process on real C programs: the grid's items are its mappings
 * (maps, each one's RSS from smaps), the selected one drawn page by page from pagemap, and
 * pagemap read for that mapping only; a program memtui started has its pane.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RegionPages, Session, watchPid, type WatchedProcess } from '../../source/session/index.js';
import { initialUiState } from '../../source/ui/keyboard/keyboard-reducer.js';
import { gridFor } from '../../source/ui/view/grid-for.js';
import type { Line } from '../../source/ui/view/line.js';
import { LogLines } from '../../source/ui/view/log-view.js';
import { cellLines, cellRows, MAX_CELLS, pagesPerCell } from '../../source/ui/view/region-grid.js';
import { buildScreen, type Screen, type ScreenInput } from '../../source/ui/view/screen.js';
import { CPrograms } from '../target/helpers/c-programs.js';
import { Started } from '../target/helpers/started.js';
import { pausedAt, WatchedPrograms } from '../watch/helpers/watched-programs.js';

const programs = new CPrograms();
const started = new Started();
const watching = new WatchedPrograms();
const sessions: Session[] = [];
let everyFourth: string;

beforeAll(() => {
  everyFourth = programs.build('every-fourth');
});
afterEach(async () => {
  for (const session of sessions.splice(0)) session.dispose();
  await started.stopAll();
  await watching.stopAll();
});
afterAll(() => programs.remove());

const text = (line: Line) => line.map((segment) => segment.text).join('');

function screen(session: Session, columns: number, rows: number, extra: Partial<ScreenInput> = {}): Screen {
  const ui = initialUiState;
  return buildScreen(session, {
    columns, rows, keyMode: ui.mode, selectedPage: ui.selectedPage, selectedChunk: ui.selectedChunk, focus: ui.focus,
    logScroll: 0, lessonScroll: 0, helpScroll: 0, ...extra,
  }, new LogLines(), gridFor(session));
}

function watchedSession(watched: WatchedProcess): Session {
  const session = new Session();
  sessions.push(session);
  session.setSubject(watched);
  return session;
}

/** Counts the pagemap readings the screen asks for, by mapping. */
function countPagemapReads(watched: WatchedProcess): string[] {
  const asked: string[] = [];
  const pagesOf = watched.pagesOf.bind(watched);
  watched.pagesOf = (region, maxAgeMs): RegionPages => {
    asked.push(region.start);
    return pagesOf(region, maxAgeMs);
  };
  return asked;
}

describe('the grid of a watched process (--pid)', () => {
  it('80x24: the 64-page mapping selected is drawn page by page, 16 present of 64; its neighbours are one line each', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const opening = watchPid(program.pid);
    if (!opening.ok) throw new Error(opening.message);
    const session = watchedSession(opening.watched);
    const asked = countPagemapReads(opening.watched);
    const selectedPage = Number(BigInt(said) / 4096n);
    const view = screen(session, 80, 24, { selectedPage });
    const body = view.body.map(text);
    expect(view.facts).toMatchObject({ page: selectedPage, region: said, programRunning: false, chunkIds: [] });
    const label = body.findIndex((line) => line.startsWith('>m'));
    expect(body[label]).toMatch(new RegExp(`^>m\\d+ +${said} rw-p +256 KiB RSS +64 KiB anonymous$`));
    expect(body[label + 1]).toBe('  64 pages: 16 present, 0 swapped, 48 not present');
    expect(body[label + 2]).toBe(`  ${'#...'.repeat(16)}`);
    expect(body[label + 3]).toMatch(/^ {2}# present {2}\. not present {2}s swapped/);
    // Its neighbours: the guard pages the program put around it (---p, nothing present).
    expect(body[label - 1]).toMatch(/^ m\d+ +0x[0-9a-f]+ ---p +4 KiB RSS +0 KiB anonymous$/);
    expect(body[label + 4]).toMatch(/^ m\d+ +0x[0-9a-f]+ ---p +4 KiB RSS +0 KiB anonymous$/);
    // pagemap was read for the selected mapping only, once.
    expect(asked).toEqual([said]);
    for (const line of view.body) expect(text(line).length).toBeLessThanOrEqual(80);
    // A second frame within the second reuses the reading.
    screen(session, 80, 24, { selectedPage });
    expect(asked).toEqual([said, said]);
  });

  it('a selection whose mapping is gone resolves to the mapping that now holds its page', async () => {
    const { program, said } = await started.ready([everyFourth]);
    const opening = watchPid(program.pid);
    if (!opening.ok) throw new Error(opening.message);
    const session = watchedSession(opening.watched);
    // A page in the middle of the 64-page mapping names no mapping's start: the mapping holding it is drawn.
    const inside = Number(BigInt(said) / 4096n) + 7;
    expect(screen(session, 100, 30, { selectedPage: inside }).facts.region).toBe(said);
  });

  it('the help and the footer of --pid name its keys; the log welcomes with what the screen is', async () => {
    const { program } = await started.ready([everyFourth]);
    const opening = watchPid(program.pid);
    if (!opening.ok) throw new Error(opening.message);
    const session = watchedSession(opening.watched);
    const body = screen(session, 100, 30).body.map(text).join('\n');
    expect(body).toContain(`Watching every-fourth, PID ${program.pid}: everything above is that process, read from /proc every second.`);
    expect(body).toMatch(/\d+ mappings; all read every second/);
    // The help lists the keys that work here: not those of commands this process refuses.
    const help = screen(session, 100, 30, { keyMode: 'help' }).body.map(text).join('\n');
    expect(help).toMatch(/ v +pages of the selected mapping/);
    expect(help).toMatch(/ M +maps: its regions/);
    for (const refused of ['r +read', 't +switch Part A', 'm +map a page', 'w +write', 'a +alloc']) expect(help).not.toMatch(new RegExp(`(^|  )${refused}`, 'm'));
  });
});

describe('the program pane (watch --)', () => {
  it('shows the title, the output as printed and the Enter sent; at 80x24 and at 120x40', async () => {
    const watched = await watching.start([programs.build('paused')]);
    await pausedAt(watched, /^ready /);
    const session = watchedSession(watched);
    for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
      const view = screen(session, columns, rows);
      expect(view.layout.program).not.toBeNull();
      expect(view.facts.programRunning).toBe(true);
      const body = view.body.map(text).join('\n');
      const pane = view.body.map((line) => text(line).slice(view.layout.program!.left).trimEnd());
      if (columns === 80) {
        // 80 wide: the name and the state on one line.
        expect(pane).toContain(` ${watched.label}, PID ${watched.pid}  running; Enter and > go to it`);
      } else {
        // In the side column (44 wide), one below the other.
        const at = pane.indexOf(` ${watched.label}, PID ${watched.pid}`);
        expect(pane[at + 1]).toBe('running; Enter and > go to it');
      }
      expect(body).toContain(`ready ${watched.pid}`);
    }
    watched.program!.pressEnter();
    await watched.program!.exited;
    const body = screen(session, 80, 24).body.map(text).join('\n');
    expect(body).toContain(` ${watched.label}, PID ${watched.pid}  paused exited with status 0`);
    expect(body).toContain('> (Enter)');
  });
});

describe('cells of a mapping', () => {
  it('one page a cell up to 256 pages; above, several pages a cell, at most four rows', () => {
    expect([pagesPerCell(1), pagesPerCell(MAX_CELLS), pagesPerCell(MAX_CELLS + 1), pagesPerCell(262_144)]).toEqual([1, 1, 2, 1024]);
    expect([cellRows(1), cellRows(64), cellRows(65), cellRows(MAX_CELLS), cellRows(262_144)]).toEqual([1, 1, 2, 4, 4]);
  });

  it('# present, . not, s swapped, + a cell partly present; a changed page is drawn inverse', () => {
    const states = Uint8Array.from([1, 0, 2, 1 | 0x80]);
    const [row] = cellLines(states);
    expect(text(row!)).toBe('  #.s#');
    expect(row!.at(-1)).toMatchObject({ text: '#', inverse: true, tone: 'warn' });
    const many = new Uint8Array(MAX_CELLS * 2);
    many[0] = 1;
    many[2] = 1;
    many[3] = 1;
    const rows = cellLines(many).map(text);
    expect(rows).toHaveLength(4);
    expect(rows[0]!.slice(0, 5)).toBe('  +#.');
  });
});
