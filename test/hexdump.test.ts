import { describe, expect, it } from 'vitest';
import { hexdump } from '../source/session/text/hexdump.js';

describe('hexdump', () => {
  it('prints address, bytes in pairs and the printable text, within 73 columns', () => {
    const bytes = new TextEncoder().encode('hello world, and more than sixteen');
    const lines = hexdump(bytes, 0x7f0000001000n);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('7f0000001000 6865 6c6c 6f20 776f 726c 642c 2061 6e64 |hello world, and|');
    expect(lines[2]).toMatch(/^7f0000001020 656e +\|en\|$/);
    for (const line of lines) expect(line.length + 2).toBeLessThanOrEqual(73);
  });

  it('shows bytes that are not printable as dots', () => {
    expect(hexdump(new Uint8Array([0, 0x41, 0xff]), 0n)[0]).toMatch(/^000000000000 0041 ff +\|\.A\.\|$/);
  });
});
