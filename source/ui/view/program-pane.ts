import type { OutputLine, WatchedProcess } from '../../session/index.js';
import { type Line, seg, type Tone } from './line.js';

// ECMA-48 escape sequences (CSI, OSC and the rest) and control characters: a program's colours
// or cursor moves must not reach memtui's own screen.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|.)?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** A line of the program's output as plain printable text: escapes and controls dropped, tabs to 8 columns. */
export function printable(text: string): string {
  const plain = text.replace(ESCAPES, '').replace(CONTROLS, '');
  if (!plain.includes('\t')) return plain;
  let out = '';
  for (const char of plain) out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  return out;
}

/** A transcript line cut into rows of `width` (the program's spacing kept, so no word wrap). */
function rowsOf(line: OutputLine, width: number): Line[] {
  const text = line.stream === 'input' ? `> ${line.text === '' ? '(Enter)' : printable(line.text)}` : printable(line.text);
  const tone: Tone | undefined = line.stream === 'stderr' ? 'warn' : line.stream === 'input' ? 'muted' : undefined;
  const rows: Line[] = [];
  for (let at = 0; at < Math.max(1, text.length); at += Math.max(1, width)) rows.push([seg(text.slice(at, at + width), { tone })]);
  return rows;
}

/**
 * The pane of a program memtui started: a title with its state (running, or how it ended),
 * then the newest lines of its output that fit, oldest at the top, as a terminal shows them.
 * Only the lines that fit are cut into rows.
 */
export function programPaneLines(watched: WatchedProcess, width: number, height: number): Line[] {
  const { program } = watched;
  if (!program || height <= 0) return [];
  const exit = program.exit;
  const name = seg(` ${watched.label}, PID ${watched.pid} `, { bold: true, inverse: true });
  const state = exit
    ? seg(exit.message, { tone: exit.signal || exit.code !== 0 ? 'bad' : 'good', bold: true })
    // Not "running:", which the footer says of a command that has not answered yet.
    : seg('running; Enter and > go to it', { tone: 'muted' });
  // The name and its state on one line when they fit, else one below the other.
  const head: Line[] = name.text.length + 1 + state.text.length <= width ? [[name, seg(' '), state]] : [[name], [state]];
  if (!program.lineBuffering.applied) head.push([seg(program.lineBuffering.note, { tone: 'warn' })]);
  const room = height - head.length;
  const lines = program.lines();
  const rows: Line[] = [];
  for (let index = lines.length - 1; index >= 0 && rows.length < room; index -= 1) rows.unshift(...rowsOf(lines[index]!, width));
  if (lines.length === 0 && room > 0) rows.push([seg(exit ? '(it printed nothing)' : '(no output yet)', { tone: 'muted' })]);
  return [...head, ...rows.slice(Math.max(0, rows.length - room))];
}

/** Rows the pane would fill: its title and its output (so the layout gives it no more than that). */
export function programRowsWanted(watched: WatchedProcess, width: number): number {
  const { program } = watched;
  if (!program) return 0;
  let rows = program.lineBuffering.applied ? 1 : 2;
  for (const line of program.lines().slice(-8)) rows += rowsOf(line, width).length;
  return Math.max(rows, 2);
}
