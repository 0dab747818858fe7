import { type CommandSpec, type Session, watchedOf } from '../../session/index.js';
import { computeLayout, type Layout, type Rect } from '../layout/layout.js';
import { type ChunkPanel, labChunkPanel, summaryFitting } from './chunk-panel.js';
import { type GridSource, gridWindow, labGrid } from './grid-view.js';
import { helpText } from './help-view.js';
import { lessonText, scrolledText } from './lesson-view.js';
import { fitLine, fitLines, type Line, seg } from './line.js';
import { type LogLines, watchWelcome } from './log-view.js';
import { programPaneLines, programRowsWanted } from './program-pane.js';

/** What the screen shows of the keyboard's state (see keyboard-reducer.ts). */
export interface ScreenInput {
  columns: number;
  rows: number;
  keyMode: 'keys' | 'prompt' | 'help' | 'input';
  /** The page the user selected (a page name), and the chunk (id and its place in the list). */
  selectedPage: number | null;
  selectedChunk: { id: number | null; index: number };
  focus: 'pages' | 'chunks';
  logScroll: number;
  lessonScroll: number;
  helpScroll: number;
}

/** The selection as the screen resolves it, and the bounds of everything that scrolls. */
export interface ScreenFacts {
  /** The page drawn as selected: the one chosen, or its nearest neighbour when it is gone. */
  page: number | null;
  /** How commands name the selected grid item when it is a watched process's mapping (its start address); undefined for pages of ours. */
  region: string | null | undefined;
  /** True when a program memtui started is running: Enter and > go to it. */
  programRunning: boolean;
  /** The chunk selected in the list, among `chunkIds` (address order). */
  chunk: number | null;
  chunkIds: number[];
  logPage: number;
  maxLogScroll: number;
  maxLessonScroll: number;
  maxHelpScroll: number;
  /** Identifies the lesson step shown: when it changes, the lesson panel scrolls back to its top. */
  lessonKey: string | null;
}

export interface Screen {
  layout: Layout;
  /** Every row between the header and the footer, exactly `columns` wide at most. */
  body: Line[];
  facts: ScreenFacts;
}

/** The item to draw as selected: the one asked for if it still exists, else the nearest one. */
export function resolvePage(source: GridSource, wanted: number | null): number | null {
  const first = source.first();
  if (first === null) return null;
  if (wanted === null) return first;
  if (source.has(wanted)) return wanted;
  return source.resolve?.(wanted) ?? source.step(wanted, 1) ?? source.step(wanted, -1) ?? first;
}

/** The chunk to draw as selected: the one asked for if it is still live, else the one now at its place. */
export function resolveChunk(chunkIds: readonly number[], wanted: { id: number | null; index: number }): number | null {
  if (chunkIds.length === 0) return null;
  if (wanted.id !== null && chunkIds.includes(wanted.id)) return wanted.id;
  return chunkIds[Math.max(0, Math.min(wanted.index, chunkIds.length - 1))]!;
}

/** Rows the grid would take to show every item, counted only as far as `cap` (a long list is not walked). */
function gridRowsWanted(source: GridSource, cap: number): number {
  if (source.first() === null) return Math.max(2, source.empty().length);
  let rows = 0;
  for (let name = source.first(); name !== null; name = source.step(name, 1)) {
    rows += source.rows(name);
    if (rows > cap) return cap + 1;
  }
  return Math.max(2, rows);
}

/** Whether the process measured now refuses this command (a watched one refuses read, run, load...). */
function refusedNow(session: Session, spec: CommandSpec): boolean {
  const handling = session.subject.handle?.(spec);
  return handling !== undefined && 'refuse' in handling;
}

/**
 * The one view model: from the session, the keyboard's state and the terminal size, every row
 * of the body, built for what is visible only. The layout decides the boxes; each box is
 * filled with its lines; the rows are the boxes side by side.
 */
export function buildScreen(session: Session, input: ScreenInput, logLines: LogLines, grid: GridSource = labGrid(session.lab), chunks: ChunkPanel = labChunkPanel(session.lab)): Screen {
  const { walkthrough } = session;
  const { columns, rows } = input;
  const page = resolvePage(grid, input.selectedPage);
  grid.select?.(page);
  const watched = watchedOf(session.subject);
  const chunkIds = watched ? [] : chunks.ids;
  const chunk = resolveChunk(chunkIds, input.selectedChunk);
  const lesson = walkthrough.active ? walkthrough.view() : null;
  const typing = input.keyMode === 'prompt' || input.keyMode === 'input';
  // Nothing to draw: the grid's message, whole.
  const selectedRows = page === null ? Math.max(2, grid.empty().length) : grid.rows(page);
  const layout = computeLayout({
    columns, rows,
    lesson: lesson !== null,
    help: input.keyMode === 'help',
    chunkListFocused: input.focus === 'chunks',
    gridRowsWanted: gridRowsWanted(grid, rows),
    gridRowsNeeded: selectedRows + (page !== null && (grid.step(page, 1) !== null || grid.step(page, -1) !== null) ? 1 : 0),
    chunkListRowsWanted: chunks.rowsWanted,
    lessonRowsAt: (width) => (lesson ? lessonText(lesson, width, typing).length : 0),
    // A watched process: no chunk list of ours to show; a program memtui started has its pane.
    ...(watched ? { chunkList: false, programRowsWanted: watched.program ? programRowsWanted(watched, columns) : null } : {}),
  });
  const bodyTop = layout.header.height;
  const bodyRows = layout.footer.top - bodyTop;
  const boxes: Array<{ rect: Rect; lines: readonly Line[] }> = [];
  const facts: ScreenFacts = {
    page, chunk, chunkIds, logPage: 1, maxLogScroll: 0, maxLessonScroll: 0, maxHelpScroll: 0,
    // Only a grid of another process's mappings names its items by address.
    region: grid.addressOf ? (page === null ? null : grid.addressOf(page)) : undefined,
    programRunning: watched?.program ? watched.program.exit === null : false,
    lessonKey: lesson ? `${lesson.number}:${lesson.steps.findIndex((step) => step.status !== 'done')}` : null,
  };

  if (layout.help) {
    const help = scrolledText(helpText(session.registry, layout.help.width, { watching: watched !== null, program: watched?.program != null, refused: (spec) => refusedNow(session, spec) }), layout.help.width, layout.help.height, input.helpScroll, 'arrows or PgUp/PgDn scroll, Esc closes');
    facts.maxHelpScroll = help.maxScroll;
    boxes.push({ rect: layout.help, lines: help.lines });
  }
  const highlight = input.focus === 'chunks' ? chunk : null;
  if (layout.grid) boxes.push({ rect: layout.grid, lines: gridWindow(grid, page, layout.grid.height, highlight).lines });
  if (layout.chunkList) boxes.push({ rect: layout.chunkList, lines: chunks.lines(chunk, input.focus === 'chunks', layout.chunkList.width, layout.chunkList.height) });
  if (layout.program && watched) boxes.push({ rect: layout.program, lines: programPaneLines(watched, layout.program.width, layout.program.height) });
  // A watched process's grid says what it shows in this line; else the chunk panel's figures.
  const status = grid.status?.();
  if (layout.stats) boxes.push({ rect: layout.stats, lines: [status ?? [seg(summaryFitting(chunks.summary, layout.stats.width), { tone: 'muted' })]] });
  if (layout.lesson && lesson) {
    const shown = scrolledText(lessonText(lesson, layout.lesson.width, typing), layout.lesson.width, layout.lesson.height, input.lessonScroll, typing ? 'Esc, then [ ] scroll' : '[ ] scroll');
    facts.maxLessonScroll = shown.maxScroll;
    boxes.push({ rect: layout.lesson, lines: shown.lines });
  }
  if (layout.log && layout.log.height > 0) {
    const welcome = watched ? watchWelcome(watched.label, watched.pid, watched.program !== null) : undefined;
    const window = logLines.window(session.log, layout.log.height, input.logScroll, layout.log.width, welcome);
    facts.logPage = window.page;
    facts.maxLogScroll = window.maxScroll;
    boxes.push({ rect: layout.log, lines: window.lines });
  }
  return { layout, body: compose(boxes, bodyTop, bodyRows), facts };
}

/** The boxes side by side, row by row: each row's pieces in column order, padded to their box's width. */
function compose(boxes: Array<{ rect: Rect; lines: readonly Line[] }>, top: number, height: number): Line[] {
  const rows: Array<Array<{ left: number; width: number; line: Line }>> = Array.from({ length: height }, () => []);
  for (const { rect, lines } of boxes) {
    const fitted = fitLines(lines.map((line) => fitLine(line, rect.width)), rect.height);
    for (let row = 0; row < rect.height; row += 1) {
      const at = rect.top - top + row;
      if (at >= 0 && at < height) rows[at]!.push({ left: rect.left, width: rect.width, line: fitted[row]! });
    }
  }
  return rows.map((pieces) => {
    pieces.sort((a, b) => a.left - b.left);
    const line: Line = [];
    let column = 0;
    for (const piece of pieces) {
      if (piece.left > column) line.push(seg(' '.repeat(piece.left - column)));
      const length = piece.line.reduce((sum, segment) => sum + segment.text.length, 0);
      line.push(...piece.line);
      column = piece.left + length;
      // Pad to the box's width only when another box follows on this row.
      if (piece !== pieces[pieces.length - 1] && length < piece.width) {
        line.push(seg(' '.repeat(piece.width - length)));
        column = piece.left + piece.width;
      }
    }
    return line;
  });
}

