/**
 * One line of a script or the prompt as the commands in it: `;` separates commands (outside
 * quotes); a line that starts with `#` followed by a non-digit, or with `//`, is a comment.
 */
export function splitCommands(line: string): string[] {
  if (/^\s*(#(?!\d)|\/\/)/.test(line)) return [];
  const commands: string[] = [];
  let start = 0;
  let quote: string | null = null;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quote) { if (char === quote) quote = null; }
    else if (char === '"' || char === "'") quote = char;
    else if (char === ';') {
      commands.push(line.slice(start, index));
      start = index + 1;
    }
  }
  commands.push(line.slice(start));
  return commands.map((command) => command.trim()).filter((command) => command !== '');
}

/** A whole script text as its commands, line by line. */
export function splitScript(text: string): string[] {
  return text.split(/\r?\n/).flatMap(splitCommands);
}
