/** Classic hexdump lines: address, 16 bytes in hex, and the printable ones as text. */
export function hexdump(bytes: Uint8Array, startAddress: bigint, width = 16): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += width) {
    const row = bytes.subarray(offset, offset + width);
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const text = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${(startAddress + BigInt(offset)).toString(16).padStart(12, '0')}  ${hex.padEnd(width * 3 - 1)}  |${text}|`);
  }
  return lines;
}
