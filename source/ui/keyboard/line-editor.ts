import type { KeyPress } from './key-press.js';

/** The prompt's line: its text, and the cursor as a position in it (0 = before the first character). */
export interface Line {
  value: string;
  cursor: number;
}

export const emptyLine: Line = { value: '', cursor: 0 };

export const lineAtEnd = (value: string): Line => ({ value, cursor: value.length });

/**
 * What ink-text-input 6 does with a key, reproduced step for step, because it keeps its cursor
 * to itself and the prompt needs to know where it is (to scroll a long line sideways, to put a
 * paste at the cursor, to correct it). Its quirks are kept on purpose: Left at the start moves
 * the cursor to -1 and Right at the end past the end (it clamps using the position before the
 * key), and after a change of value it moves the cursor to the end when the cursor lies past the
 * new text's last character. `correctedCursor` says when the prompt must put it back.
 */
export function textInputStep(line: Line, key: KeyPress): Line {
  if (key.upArrow || key.downArrow || (key.ctrl && key.input === 'c') || key.tab || key.return) return line;
  const { value, cursor } = line;
  let nextValue = value;
  let nextCursor = cursor;
  if (key.leftArrow) nextCursor -= 1;
  else if (key.rightArrow) nextCursor += 1;
  else if (key.backspace || key.delete) {
    if (cursor > 0) {
      nextValue = value.slice(0, cursor - 1) + value.slice(cursor);
      nextCursor -= 1;
    }
  } else {
    nextValue = value.slice(0, cursor) + key.input + value.slice(cursor);
    nextCursor += key.input.length;
  }
  if (cursor < 0) nextCursor = 0;
  if (cursor > value.length) nextCursor = value.length;
  return nextValue === value ? { value, cursor: nextCursor } : afterNewValue(nextCursor, nextValue);
}

/** ink-text-input's effect on a new value: a cursor past the last character goes to the end. */
export function afterNewValue(cursor: number, value: string): Line {
  return { value, cursor: cursor > value.length - 1 ? value.length : cursor };
}

/** The cursor where it should be, when ink-text-input's own arithmetic left it outside the line. */
export function correctedCursor(line: Line): number | null {
  if (line.cursor < 0) return 0;
  if (line.cursor > line.value.length) return line.value.length;
  return null;
}

/** The same editing with the cursor kept inside the line: for keys the prompt handles itself. */
export function editLine(line: Line, key: KeyPress): Line {
  const next = textInputStep(line, key);
  const corrected = correctedCursor(next);
  return corrected === null ? next : { ...next, cursor: corrected };
}

/** Text inserted at the cursor; the cursor goes after it. */
export function insertText(line: Line, text: string): Line {
  return { value: line.value.slice(0, line.cursor) + text + line.value.slice(line.cursor), cursor: line.cursor + text.length };
}

/**
 * A line that holds line breaks (a paste of several lines): each complete line is split off to
 * run, and what follows the last break stays, with the cursor where it was relative to the end.
 */
export function splitCompleteLines(line: Line): { complete: string[]; rest: Line } {
  const parts = line.value.split(/\r\n|\r|\n/);
  if (parts.length === 1) return { complete: [], rest: line };
  const rest = parts.pop()!;
  const fromEnd = line.value.length - line.cursor;
  return { complete: parts, rest: { value: rest, cursor: Math.max(0, rest.length - Math.min(fromEnd, rest.length)) } };
}

/** The part of a long line a prompt of `width` columns shows: it ends just after the cursor when the cursor would leave it. */
export function visibleWindow(line: Line, width: number): { start: number } {
  const room = Math.max(1, width);
  const cursor = Math.max(0, Math.min(line.cursor, line.value.length));
  return { start: Math.max(0, Math.min(cursor + 1, line.value.length + 1) - room) };
}
