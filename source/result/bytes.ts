/** Byte counts as people read them: KiB (1024 B) with thousands separators, "+" on a signed change. */
export function kib(bytes: number, options: { signed?: boolean } = {}): string {
  const text = (bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `${options.signed && bytes >= 0 ? '+' : ''}${text} KiB`;
}

/** "1 page", "3 pages". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}
