/**
 * What the screen is made of: lines of segments, each with a look. Colours are named by what
 * they mean; the theme turns them into terminal colours, or into none at all (NO_COLOR).
 */
export type Tone =
  | 'muted' | 'good' | 'warn' | 'bad' | 'written'
  | 'chunk0' | 'chunk1' | 'chunk2' | 'chunk3' | 'chunk4' | 'chunk5' | 'chunk6' | 'chunk7';

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}

export type Line = Segment[];

export const seg = (text: string, look: Omit<Segment, 'text'> = {}): Segment => ({ text, ...look });

export function lineLength(line: Line): number {
  let length = 0;
  for (const segment of line) length += segment.text.length;
  return length;
}

/** The line cut to `width` characters (a cut line ends in '~' so the cut shows). */
export function fitLine(line: Line, width: number): Line {
  if (lineLength(line) <= width) return line;
  const out: Line = [];
  let room = width - 1;
  for (const segment of line) {
    if (room <= 0) break;
    const text = segment.text.slice(0, room);
    out.push({ ...segment, text });
    room -= text.length;
  }
  out.push({ text: '~' });
  return out;
}

/** Exactly `height` lines: cut, or filled with empty lines. */
export function fitLines(lines: readonly Line[], height: number): Line[] {
  const out = lines.slice(0, Math.max(0, height));
  while (out.length < height) out.push([]);
  return out;
}
