/** Text from the user quoted in a message: its start only, so a pasted megabyte is not echoed back. */
export function quoteStart(text: string, max = 40): string {
  if (text.length <= max) return text;
  // Counted in code points (an emoji is one), looking at no more of the text than needed.
  const head = text.slice(0, max * 2 + 2);
  const chars = [...head];
  if (head.length === text.length && chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}...`;
}
