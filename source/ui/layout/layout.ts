/** A box of the screen, in rows and columns from the top left. */
export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** What the content asks of the layout; the layout decides, and never draws. */
export interface LayoutRequest {
  columns: number;
  rows: number;
  /** The walkthrough is open. */
  lesson: boolean;
  /** The help overlay covers the body. */
  help: boolean;
  /** Narrow screens show the chunk list in the grid's place while it has the focus. */
  chunkListFocused: boolean;
  /** Rows the grid would use to show every page (and its "more pages" line). */
  gridRowsWanted: number;
  /** Rows the selected page takes whole, with the "more pages" line when there are others. */
  gridRowsNeeded: number;
  /** Rows the chunk list would use. */
  chunkListRowsWanted: number;
  /** Rows the lesson's text takes at a given width. */
  lessonRowsAt(width: number): number;
  /**
   * The pane of a program memtui started (`watch --`): the rows its output would fill (title
   * included); absent or null, no pane.
   */
  programRowsWanted?: number | null;
  /** False when the chunk list has nothing to show (a watched process): its place goes to others. Default true. */
  chunkList?: boolean;
}

export interface Layout {
  columns: number;
  rows: number;
  tooSmall: boolean;
  arrangement: 'narrow' | 'side' | 'three-columns';
  header: Rect;
  footer: Rect;
  grid: Rect | null;
  /** One line of the current part's figures under the grid, where no chunk list is beside it. */
  stats: Rect | null;
  chunkList: Rect | null;
  lesson: Rect | null;
  log: Rect | null;
  help: Rect | null;
  /** The program's pane (`watch --`): its output, and the line typed for it. */
  program: Rect | null;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
export const HEADER_ROWS = 2;
export const FOOTER_ROWS = 2;
/** The grid's width: 64 cells and an indent of 2. */
export const GRID_COLUMNS = 66;
const SIDE_MIN = 32;
const CHUNK_COLUMN = 34;
/** The program pane in a column of its own, or under the grid: a title and at least two lines of output, at most seven. */
const PANE_MIN = 3;
const PANE_MAX = 8;

/** Rows for the program pane where it shares a column: what it wants, within [PANE_MIN, PANE_MAX] and the room. */
function paneRows(wanted: number | null, room: number): number {
  if (wanted === null) return 0;
  return Math.max(0, Math.min(Math.max(PANE_MIN, Math.min(wanted, PANE_MAX)), room));
}

/**
 * Whether the log shows more across the whole width under a band of columns (`wideRows` rows)
 * than under the grid's column beside a lesson kept whole-height (`narrowRows` rows of
 * `narrowWidth`): the text it holds, in cells. A short grid beside a long lesson leaves the
 * log more room under the grid.
 */
function logWiderThanTaller(columns: number, wideRows: number, narrowWidth: number, narrowRows: number): boolean {
  return columns * wideRows >= narrowWidth * narrowRows;
}

const rect = (top: number, left: number, width: number, height: number): Rect => ({ top, left, width, height: Math.max(0, height) });

/**
 * How the screen is split, from its size and what the content asks: one pure function, the
 * only place where rows and columns are counted. Components draw into the boxes it returns.
 */
export function computeLayout(request: LayoutRequest): Layout {
  const { columns, rows } = request;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  // Ink redraws the whole screen when a frame is as tall as the terminal: stay one row below.
  const bodyTop = HEADER_ROWS;
  const body = Math.max(0, rows - 1 - HEADER_ROWS - FOOTER_ROWS);
  const header = rect(0, 0, columns, HEADER_ROWS);
  const footer = rect(bodyTop + body, 0, columns, FOOTER_ROWS);
  const base = { columns, rows, tooSmall, header, footer, grid: null, stats: null, chunkList: null, lesson: null, log: null, help: null, program: null };
  if (request.help) return { ...base, arrangement: 'narrow', help: rect(bodyTop, 0, columns, body) };

  const chunkList = request.chunkList !== false;
  const pane = request.programRowsWanted ?? null;
  // The middle column holds the chunk list, or the program's pane when there is no chunk list.
  const middle = chunkList || pane !== null;
  const threeColumns = request.lesson && middle && columns >= GRID_COLUMNS + 1 + CHUNK_COLUMN + 1 + 40;
  const sideWidth = request.lesson ? Math.min(60, columns - GRID_COLUMNS - 1 - (threeColumns ? CHUNK_COLUMN + 1 : 0)) : Math.min(44, columns - GRID_COLUMNS - 1);
  // Nothing for a side column to hold: the grid takes the width.
  const side = sideWidth >= SIDE_MIN && (middle || request.lesson);
  if (!side) return narrow(request, base, bodyTop, body);

  const leftWidth = columns - sideWidth - 1 - (threeColumns ? CHUNK_COLUMN + 1 : 0);
  const logFloor = Math.max(3, Math.floor(body * 0.25));
  const grid = Math.min(request.gridRowsWanted, Math.max(request.gridRowsNeeded, body - logFloor));
  const layout: Layout = {
    ...base,
    arrangement: threeColumns ? 'three-columns' : 'side',
    grid: rect(bodyTop, 0, leftWidth, grid),
    log: rect(bodyTop + grid, 0, leftWidth, body - grid),
  };
  if (threeColumns) {
    // The three columns as tall as the tallest needs (within the log's floor), and the log the
    // whole width under them, where its lines wrap least; unless the log shows more under the
    // grid alone, or the lesson would scroll: then the lesson keeps the whole height.
    const middleWanted = chunkList ? request.chunkListRowsWanted : Math.max(PANE_MIN, pane ?? 0);
    const lessonWanted = request.lessonRowsAt(sideWidth);
    const bandRows = Math.min(body - logFloor, Math.max(grid, middleWanted, lessonWanted));
    const tall = lessonWanted > body - logFloor || !logWiderThanTaller(columns, body - bandRows, leftWidth, body - grid);
    const band = tall ? body : bandRows;
    const column = rect(bodyTop, leftWidth + 1, CHUNK_COLUMN, band);
    if (chunkList) layout.chunkList = column;
    else layout.program = column;
    layout.grid = rect(bodyTop, 0, leftWidth, tall ? grid : band);
    layout.lesson = rect(bodyTop, leftWidth + 1 + CHUNK_COLUMN + 1, sideWidth, band);
    layout.log = tall ? rect(bodyTop + grid, 0, leftWidth, body - grid) : rect(bodyTop + band, 0, columns, body - band);
  } else if (request.lesson) {
    // The lesson takes the side, as tall as it needs and at least as tall as the left column
    // (the grid, or the chunk list after Tab; its line of figures; a watched program's pane),
    // and the log the whole width under them; unless, as with three columns, the log shows more
    // under the left column alone, or the lesson would scroll.
    const listInstead = chunkList && request.chunkListFocused;
    const room = body - logFloor;
    const gridWanted = listInstead ? request.chunkListRowsWanted : request.gridRowsWanted;
    const gridNeeded = listInstead ? Math.min(request.chunkListRowsWanted, 8) : request.gridRowsNeeded;
    const program = chunkList ? 0 : paneRows(pane, room - 1 - Math.min(gridNeeded, room - 1));
    const gridRows = Math.min(gridWanted, Math.max(gridNeeded, room - 1 - program));
    const leftRows = gridRows + 1 + program;
    const lessonWanted = request.lessonRowsAt(sideWidth);
    const tall = lessonWanted > room || !logWiderThanTaller(columns, body - Math.max(leftRows, lessonWanted), leftWidth, body - leftRows);
    const band = tall ? body : Math.max(leftRows, lessonWanted);
    layout.lesson = rect(bodyTop, leftWidth + 1, sideWidth, band);
    layout.grid = listInstead ? null : rect(bodyTop, 0, leftWidth, gridRows);
    layout.chunkList = listInstead ? rect(bodyTop, 0, leftWidth, gridRows) : null;
    layout.stats = rect(bodyTop + gridRows, 0, leftWidth, 1);
    layout.program = chunkList || pane === null ? null : rect(bodyTop + gridRows + 1, 0, leftWidth, program);
    layout.log = tall ? rect(bodyTop + leftRows, 0, leftWidth, body - leftRows) : rect(bodyTop + band, 0, columns, body - band);
  } else if (chunkList) {
    layout.chunkList = rect(bodyTop, leftWidth + 1, sideWidth, body);
  } else {
    layout.program = rect(bodyTop, leftWidth + 1, sideWidth, body);
  }
  return layout;
}

/**
 * 80 to ~100 columns: one column, top to bottom: the grid (or the chunk list), a line of
 * figures, the program's pane (watch --), the lesson, the log.
 */
function narrow(request: LayoutRequest, base: Omit<Layout, 'arrangement'>, top: number, body: number): Layout {
  const { columns } = request;
  const stats = 1;
  const chunkFocus = request.chunkListFocused && request.chunkList !== false;
  const pane = request.programRowsWanted ?? null;
  const lessonWanted = request.lesson ? request.lessonRowsAt(columns) : 0;
  // With a lesson open the log keeps three rows: enough for a short result whole.
  const logFloor = request.lesson ? 3 : Math.max(3, Math.floor(body * 0.25));
  const gridWanted = chunkFocus ? request.chunkListRowsWanted : request.gridRowsWanted;
  const gridNeeded = chunkFocus ? Math.min(request.chunkListRowsWanted, 8) : request.gridRowsNeeded;
  const lessonFloor = Math.min(5, lessonWanted);
  // The pane gets its rows after the selected page (whole), the lesson's floor and the log's.
  const program = paneRows(pane, body - stats - Math.min(gridNeeded, body - stats) - lessonFloor - logFloor);
  // The lesson may take what the grid leaves (beyond the selected page, whole) and the log's floor.
  const lessonRows = request.lesson ? Math.max(Math.min(lessonWanted, body - stats - program - logFloor - gridNeeded), lessonFloor) : 0;
  const grid = Math.max(0, Math.min(gridWanted, Math.max(gridNeeded, body - stats - program - lessonRows - logFloor)));
  const log = body - grid - stats - program - lessonRows;
  return {
    ...base,
    arrangement: 'narrow',
    grid: chunkFocus ? null : rect(top, 0, columns, grid),
    chunkList: chunkFocus ? rect(top, 0, columns, grid) : null,
    stats: rect(top + grid, 0, columns, stats),
    program: pane === null ? null : rect(top + grid + stats, 0, columns, program),
    lesson: request.lesson ? rect(top + grid + stats + program, 0, columns, lessonRows) : null,
    log: rect(top + grid + stats + program + lessonRows, 0, columns, Math.max(0, log)),
  };
}
