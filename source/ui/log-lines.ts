import { describeDelta } from '../proc/index.js';
import type { Result } from '../session/index.js';
import type { Line } from './grid-lines.js';

/** A result as the log shows it: the command, what happened (and what the kernel saw), then details. */
export function resultLines(result: Result): Line[] {
  const lines: Line[] = [[{ text: `> ${result.line}`, color: 'gray' }]];
  if (result.ok) {
    const measured = result.delta && result.effect.kind !== 'none' ? `  [${describeDelta(result.delta)}]` : '';
    lines.push([{ text: result.message }, { text: measured, color: 'gray' }]);
  } else {
    lines.push([{ text: 'error: ', color: 'red', bold: true }, { text: result.error ?? '' }]);
  }
  for (const detail of result.details) lines.push([{ text: `  ${detail}`, color: 'gray' }]);
  return lines;
}

/** Breaks a line into screen lines of at most `width` characters at spaces, keeping each segment's look. */
export function wrapLine(line: Line, width: number): Line[] {
  const indent = 4;
  const out: Line[] = [[]];
  let used = 0;
  const newLine = () => {
    // Continuation lines are indented so a wrapped message reads as one.
    out.push([{ text: ' '.repeat(indent) }]);
    used = indent;
  };
  for (const segment of line) {
    let text = segment.text;
    while (text.length > 0) {
      if (used >= width) newLine();
      let take = text.slice(0, width - used);
      let full = false;
      if (take.length < text.length) {
        const space = take.lastIndexOf(' ');
        if (space > 0 && used + space > width / 2) take = take.slice(0, space + 1);
        full = true;
      }
      out[out.length - 1]!.push({ ...segment, text: take });
      used += take.length;
      text = text.slice(take.length);
      if (full) newLine();
    }
  }
  return out;
}

/** The log window: `height` screen lines ending `scroll` lines above the newest. */
export function logWindow(results: readonly Result[], height: number, scroll: number, width = 10_000): { lines: Line[]; maxScroll: number } {
  // Only the newest results can be on screen; flattening a 1000-entry log on every frame is waste.
  const lines: Line[] = [];
  for (let index = results.length - 1; index >= 0 && lines.length < height + scroll + 200; index -= 1) {
    lines.unshift(...resultLines(results[index]!).flatMap((line) => wrapLine(line, width)));
  }
  const maxScroll = Math.max(0, lines.length - height);
  const offset = Math.min(scroll, maxScroll);
  return { lines: lines.slice(Math.max(0, lines.length - height - offset), lines.length - offset), maxScroll };
}
