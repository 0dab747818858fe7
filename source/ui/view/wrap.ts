import type { Line, Segment } from './line.js';

/**
 * Word wrap to `width` columns. A break drops the space it falls on; a word longer than the
 * width is cut. Continuation lines start with `indent` spaces.
 */
export function wrapWords(text: string, width: number, indent = 0): string[] {
  const margin = Math.max(0, Math.min(indent, width - 1));
  const out: string[] = [];
  let current = '';
  const blank = () => current.trim() === '';
  const startNew = () => {
    out.push(current);
    current = ' '.repeat(margin);
  };
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    let rest = word;
    for (;;) {
      // A word cut on a blank line takes at least one character, so a width of 1 still ends.
      const room = blank() ? Math.max(1, width - current.length) : width - current.length - 1;
      if (rest.length <= room) {
        current += (blank() ? '' : ' ') + rest;
        break;
      }
      if (!blank()) {
        startNew();
        continue;
      }
      current += rest.slice(0, room);
      rest = rest.slice(room);
      startNew();
    }
  }
  if (!blank() || out.length === 0) out.push(current);
  return out;
}

/**
 * A line of segments broken into screen lines of at most `width` characters, at spaces where
 * it can, keeping each segment's look; continuation lines are indented so a wrapped message
 * reads as one.
 */
export function wrapLine(line: Line, width: number, indent = 4): Line[] {
  const out: Line[] = [[]];
  let used = 0;
  const newLine = () => {
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
      out[out.length - 1]!.push({ ...segment, text: take } as Segment);
      used += take.length;
      text = text.slice(take.length);
      if (full) newLine();
    }
  }
  if (out.length > 1 && out[out.length - 1]!.length === 1 && out[out.length - 1]![0]!.text.trim() === '') out.pop();
  return out;
}
