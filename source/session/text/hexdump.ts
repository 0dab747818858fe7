/**
 * Hexdump lines in xxd's layout: address, 16 bytes as eight groups of two, and the printable
 * ones as text. 73 columns with the log's indent, so a line fits an 80-column terminal.
 */
export function hexdump(bytes: Uint8Array, startAddress: bigint, width = 16): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += width) {
    const row = bytes.subarray(offset, offset + width);
    const pairs: string[] = [];
    for (let at = 0; at < row.length; at += 2) {
      pairs.push(Array.from(row.subarray(at, at + 2), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    }
    const hex = pairs.join(' ').padEnd(Math.ceil(width / 2) * 5 - 1);
    const text = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${(startAddress + BigInt(offset)).toString(16).padStart(12, '0')} ${hex} |${text}|`);
  }
  return lines;
}
