/**
 * Word wrap to `width` columns. Ink's own wrap keeps the space it breaks at as the first
 * character of the next line; this one drops it, and cuts a word only when it is longer than
 * the width.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') { lines.push(line); line = ''; }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else { lines.push(line); line = rest; }
  }
  if (line !== '') lines.push(line);
  return lines;
}
