/** How the screen is split, from the terminal size alone: a pure function the tests drive directly. */
export interface Layout {
  columns: number;
  rows: number;
  tooSmall: boolean;
  /** The right panel (chunk list, or the lesson) sits beside the grid when there is room. */
  sidePanel: boolean;
  sideWidth: number;
  gridWidth: number;
  /** Wide terminals with a lesson open show the chunk list too, between the grid and the lesson. */
  chunkColumn: boolean;
  chunkWidth: number;
  headerRows: number;
  middleRows: number;
  logRows: number;
  /** Mode line and prompt. */
  footerRows: number;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function calculateLayout(columns: number, rows: number, options: { lesson?: boolean } = {}): Layout {
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const headerRows = 2;
  const footerRows = 2;
  // Ink redraws the whole screen when a frame is as tall as the terminal: stay one row below.
  const usable = rows - 1 - headerRows - footerRows;
  const logRows = Math.max(4, Math.floor(usable * 0.3));
  const middleRows = Math.max(0, usable - logRows);
  const chunkColumn = options.lesson === true && columns >= 150;
  const chunkWidth = chunkColumn ? 34 : 0;
  const room = columns - (chunkColumn ? chunkWidth + 1 : 0) - 70;
  const sideWidth = options.lesson ? Math.min(60, Math.max(32, room)) : Math.min(44, Math.max(30, room));
  const sidePanel = columns - (chunkColumn ? chunkWidth + 1 : 0) - sideWidth >= 68;
  const gridWidth = columns - (sidePanel ? sideWidth + 1 : 0) - (chunkColumn ? chunkWidth + 1 : 0);
  return {
    columns, rows, tooSmall, sidePanel, sideWidth: sidePanel ? sideWidth : 0, gridWidth, chunkColumn, chunkWidth,
    headerRows, middleRows, logRows, footerRows,
  };
}
