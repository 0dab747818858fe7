/** Splits a command line into words; "double" or 'single' quotes keep spaces inside one word. */
export function tokenize(line: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return { words, error: `a ${quote} quote is not closed` };
  if (inWord) words.push(current);
  return { words };
}

/** A script: lines, and `;` between commands on one line (outside quotes). `# comment` lines are skipped. */
export function splitScript(text: string): string[] {
  const commands: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#(?!\d)|\/\/)/.test(line)) continue;
    let current = '';
    let quote: string | null = null;
    for (const char of line) {
      if (quote) { if (char === quote) quote = null; }
      else if (char === '"' || char === "'") quote = char;
      else if (char === ';') { commands.push(current); current = ''; continue; }
      current += char;
    }
    commands.push(current);
  }
  return commands.map((command) => command.trim()).filter((command) => command !== '');
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
