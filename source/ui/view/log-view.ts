import { describeDelta, type Result } from '../../result/index.js';
import type { ResultLog } from '../../session/index.js';
import { type Line, seg } from './line.js';
import { wrapLine, wrapWords } from './wrap.js';

/** A result as the log shows it: the command, what happened (and what the kernel saw), then details. */
export function resultLines(result: Result): Line[] {
  const lines: Line[] = [[seg(`> ${result.line}`, { tone: 'muted' })]];
  if (result.ok) {
    // A watched process's figures do not move by a command of memtui's: its change is not shown per result.
    const watched = result.measured !== undefined && !result.measured.ours;
    const measured = result.delta && result.effect.kind !== 'none' && !watched ? `  [${describeDelta(result.delta)}]` : '';
    lines.push([seg(result.message), seg(measured, { tone: 'muted' })]);
  } else {
    lines.push([seg('error: ', { tone: 'bad', bold: true }), seg(result.error ?? '')]);
  }
  for (const detail of result.details) lines.push([seg(`  ${detail}`, { tone: 'muted' })]);
  return lines;
}

export interface LogWindow {
  lines: Line[];
  /** How far back the log can scroll at this size: every line can be reached, no further. */
  maxScroll: number;
  /** The scroll the window shows (the one asked, within bounds). */
  scroll: number;
  /** Lines one PgUp or PgDn moves: a screen of what is visible. */
  page: number;
}

export const WELCOME = 'Welcome. Everything on this screen is this process, measured live from /proc. Press n to start the guided lab at lesson 1 (l lists the lessons), m to map a page, i to start an allocator, : to type a command, ? for every key.';

/** The log's first words while watching another process: what the screen is, and the keys of the lab's experiment. */
export function watchWelcome(label: string, pid: number, program: boolean): string {
  const keys = program
    ? 'k marks a baseline, Enter goes to the program (> types a line for it), s shows its VSZ and RSS since the mark;'
    : 'k marks a baseline, s shows its VSZ and RSS since the mark;';
  return `Watching ${label}, PID ${pid}: everything above is that process, read from /proc every second. ${keys} `
    + `arrows select a mapping, ${program ? 'v' : 'Enter or v'} counts its pages. ? lists every key.`;
}

/**
 * The log as screen lines at one width, each result wrapped once and kept until the width
 * changes; a window shows `height` rows ending `scroll` lines above the newest. When scrolled
 * back, the top row says so and how to return.
 */
export class LogLines {
  #width = 0;
  #wrapped = new WeakMap<Result, Line[]>();

  #linesOf(result: Result, width: number): Line[] {
    if (width !== this.#width) {
      this.#width = width;
      this.#wrapped = new WeakMap();
    }
    let lines = this.#wrapped.get(result);
    if (!lines) this.#wrapped.set(result, (lines = resultLines(result).flatMap((line) => wrapLine(line, width))));
    return lines;
  }

  window(log: ResultLog, height: number, wantedScroll: number, width: number, welcome = WELCOME): LogWindow {
    const entries = log.entries();
    if (entries.length === 0) {
      return { lines: wrapWords(welcome, width).map((text) => [seg(text)]), maxScroll: 0, scroll: 0, page: Math.max(1, height - 1) };
    }
    let total = 0;
    for (const result of entries) total += this.#linesOf(result, width).length;
    const scrolledRows = Math.max(1, height - 1);
    const maxScroll = Math.max(0, total - scrolledRows);
    const scroll = Math.max(0, Math.min(wantedScroll, maxScroll));
    const rows = scroll > 0 ? scrolledRows : height;
    // Collect from the newest backwards: only what the window needs.
    const needed = rows + scroll;
    const tail: Line[] = [];
    for (let index = entries.length - 1; index >= 0 && tail.length < needed; index -= 1) {
      const lines = this.#linesOf(entries[index]!, width);
      for (let line = lines.length - 1; line >= 0 && tail.length < needed; line -= 1) tail.push(lines[line]!);
    }
    tail.reverse();
    const shown = tail.slice(Math.max(0, tail.length - needed), tail.length - scroll);
    const banner: Line[] = scroll > 0
      ? [[seg(` log scrolled back ${scroll} of ${maxScroll} lines: PgDn or a command returns `, { inverse: true })]]
      : [];
    return { lines: [...banner, ...shown.slice(-rows)], maxScroll, scroll, page: scrolledRows };
  }
}
