import type { Word } from '../command/param.js';

/** Splits a command line into words; "double" or 'single' quotes keep spaces inside one word. */
export function tokenize(line: string): { words: Word[]; error?: string } {
  const words: Word[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  let quoted = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
      quoted = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push({ text: current, quoted });
      current = '';
      inWord = false;
      quoted = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return { words, error: `a ${quote} quote is not closed` };
  if (inWord) words.push({ text: current, quoted });
  return { words };
}

/** Edit distance, for "did you mean" on a mistyped command. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
