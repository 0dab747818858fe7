import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanPaste, KeyFilter, PASTE_END, PASTE_START } from '../../../source/ui/keyboard/key-filter.js';
import { propertyRuns } from '../../property-runs.js';

const pass = (...chunks: string[]) => {
  const filter = new KeyFilter();
  return chunks.map((chunk) => filter.push(chunk).pass).join('') + filter.flush();
};

describe('the key filter', () => {
  it('passes text and the keys ink names', () => {
    for (const key of ['abc', '\x1b[A', '\x1b[1;5D', '\x1b[5~', '\x1b[3~', '\x1bOP', '\x1b[1;5P', '\x1b[1;6P', '\x1b[15;5~', '\x1b[H', '\x1b[Z', '\x7f', '\r', '\t', '\x03', '\x1bx', 'é😀']) {
      expect(pass(key)).toBe(key);
    }
  });

  it('drops what is not a key: colour codes, mouse reports, unknown sequences, strings, controls, invalid UTF-8', () => {
    expect(pass('a\x1b[0mb\x1b[31mc')).toBe('abc');
    expect(pass('\x1b[<0;1;1M\x1b[M !!x')).toBe('x');
    expect(pass('\x1b[99;99;99X\x1b[?1;2c\x1b]0;title\x07\x1bP1$r\x1b\\y')).toBe('y');
    expect(pass('\x02\x04\x1a\x1c\x9b\ufffdz')).toBe('z');
    // The prompt's line editing keys pass when typed, never inside a paste.
    expect(pass('\x01\x05\x0b\x15\x17')).toBe('\x01\x05\x0b\x15\x17');
    expect(pass('\x1b[200~a\x15b\x1b[201~')).toBe('\x1b[200~ab\x1b[201~');
  });

  it('joins a sequence split between reads, and drops one that never completes', () => {
    expect(pass('\x1b[1;', '5P')).toBe('\x1b[1;5P');
    expect(pass('\x1b[0', 'm!')).toBe('!');
    expect(pass('\x1b[1;5')).toBe('');
  });

  it('passes a lone ESC at once (ink decides whether it is Escape)', () => {
    const filter = new KeyFilter();
    expect(filter.push('\x1b')).toEqual({ pass: '\x1b', waiting: false });
  });

  it('keeps a bracketed paste whole, with the escape codes inside it removed', () => {
    expect(pass(`${PASTE_START}mmap\x1b[31m\r\nstat${PASTE_END}`)).toBe(`${PASTE_START}mmap\r\nstat${PASTE_END}`);
    expect(pass(`${PASTE_START}half`, ` and half${PASTE_END}`)).toBe(`${PASTE_START}half and half${PASTE_END}`);
    expect(cleanPaste('a\x00b\tc\x1b]8;;url\x07d')).toBe('ab\tcd');
  });

  it('whatever the bytes of one read, every escape byte that passes starts a key ink names', () => {
    const key = /\x1b(?:\[[\d;]*[A-FHPQRSZa-e]|\[[235-8]\^|\[(?:[1-8]|1[1-57-9]|2[0134])(?:;\d*)*~|\[\[[A-E]|O[ABCDHFPQRSMa-e]|\[200~[^\x1b]*\x1b\[201~|[^\x00-\x1f\x7f[O\]PX^_]|(?=\x1b)|$)/y;
    const pieces = fc.oneof(fc.string(), fc.constantFrom('\x1b', '\x1b[', '\x1bO', '\x1b]', '\x1b[200~', '\x1b[201~', ';', '5', '~', 'P', 'M', '<', '\x07', '\x00', '\x9b'));
    fc.assert(fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
      const out = pass(parts.join(''));
      for (let at = out.indexOf('\x1b'); at >= 0; at = out.indexOf('\x1b', at + 1)) {
        key.lastIndex = at;
        expect(key.test(out), `escape at ${at} of ${JSON.stringify(out)} from ${JSON.stringify(parts.join(""))}`).toBe(true);
        if (out.startsWith('\x1b[200~', at)) at = out.indexOf('\x1b[201~', at) + 5;
      }
      expect(out).not.toMatch(/[\x00-\x02\x04-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x80-\x9f\ufffd]/);
    }), { numRuns: propertyRuns(3000) });
  });
});
