/**
 * The keyboard's front door: what a terminal sends is cut into keys, and whatever is not a key
 * (a pasted colour code, a mouse report, an unknown escape sequence, a control byte, a byte of
 * invalid UTF-8) is dropped here, before ink sees it. Everything that passes is a key ink knows
 * by name or plain text, so no input can reach a handler as garbage, and none is lost.
 *
 * Sequences follow ECMA-48: CSI is ESC [ params intermediates final, SS3 is ESC O final, OSC,
 * DCS, SOS, PM and APC are strings ended by BEL or ST (ESC \).
 */

const ESC = '\x1b';
export const PASTE_START = `${ESC}[200~`;
export const PASTE_END = `${ESC}[201~`;

// The keys below are exactly those ink 7's parse-keypress names (xterm, rxvt and the Linux
// console forms); a sequence it does not name would reach handlers as typed text.
/** CSI finals: arrows, Clear, Home/End, F1-F4, Shift-Tab, rxvt's Shift+arrows. */
const keyFinals = new Set(['A', 'B', 'C', 'D', 'E', 'F', 'H', 'P', 'Q', 'R', 'S', 'Z', 'a', 'b', 'c', 'd', 'e']);
/** `ESC [ N ~` (and rxvt's `ESC [ N ^`): Home Insert Delete End PgUp PgDn (1-8), F1-F12 (11-24). */
const tildeKeys = new Set([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24]);
const caretKeys = new Set([2, 3, 5, 6, 7, 8]);
/** SS3 finals: arrows, Home/End, F1-F4, the keypad's Enter, rxvt's Ctrl+arrows. */
const ss3Finals = new Set(['A', 'B', 'C', 'D', 'H', 'F', 'P', 'Q', 'R', 'S', 'M', 'a', 'b', 'c', 'd', 'e']);

type Scan =
  | { kind: 'key'; text: string; end: number }
  | { kind: 'drop'; end: number }
  | { kind: 'paste'; text: string; end: number }
  | { kind: 'incomplete' };

function isCsiKey(params: string, intermediates: string, final: string): boolean {
  // Private parameters (`<` of SGR mouse, `?` of reports) and intermediates never name a key.
  if (intermediates !== '' || !/^[\d;]*$/.test(params)) return false;
  if (final === '~') return tildeKeys.has(Number(params.split(';')[0]));
  if (final === '^') return caretKeys.has(Number(params));
  return keyFinals.has(final);
}

/** Scans the escape sequence starting at `start` (where text[start] is ESC). */
function scanEscape(text: string, start: number): Scan {
  const next = text[start + 1];
  if (next === undefined) return { kind: 'incomplete' };
  if (next === '[') {
    // The Linux console's F1-F5: ESC [ [ A..E.
    if (text[start + 2] === '[') {
      const final = text[start + 3];
      if (final === undefined) return { kind: 'incomplete' };
      if (/[A-E]/.test(final)) return { kind: 'key', text: text.slice(start, start + 4), end: start + 4 };
      return { kind: 'drop', end: final === ESC ? start + 3 : start + 4 };
    }
    let index = start + 2;
    while (index < text.length && /[0-?]/.test(text[index]!)) index += 1;
    const paramsEnd = index;
    while (index < text.length && /[ -/]/.test(text[index]!)) index += 1;
    if (index >= text.length) return { kind: 'incomplete' };
    const final = text[index]!;
    const end = index + 1;
    if (!/[@-~]/.test(final)) return { kind: 'drop', end: index };
    const sequence = text.slice(start, end);
    if (sequence === PASTE_START) {
      const close = text.indexOf(PASTE_END, end);
      if (close < 0) return { kind: 'incomplete' };
      return { kind: 'paste', text: text.slice(end, close), end: close + PASTE_END.length };
    }
    // X10 mouse reports carry three raw bytes after ESC [ M.
    if (sequence === `${ESC}[M`) return text.length >= end + 3 ? { kind: 'drop', end: end + 3 } : { kind: 'incomplete' };
    const params = text.slice(start + 2, paramsEnd);
    const intermediates = text.slice(paramsEnd, index);
    return isCsiKey(params, intermediates, final) ? { kind: 'key', text: sequence, end } : { kind: 'drop', end };
  }
  if (next === 'O') {
    const final = text[start + 2];
    if (final === undefined) return { kind: 'incomplete' };
    if (ss3Finals.has(final)) return { kind: 'key', text: text.slice(start, start + 3), end: start + 3 };
    return { kind: 'drop', end: final === ESC ? start + 2 : start + 3 };
  }
  if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
    // A string: ends at BEL or ST. Never a key.
    for (let index = start + 2; index < text.length; index += 1) {
      if (text[index] === '\x07') return { kind: 'drop', end: index + 1 };
      if (text[index] === ESC && text[index + 1] === '\\') return { kind: 'drop', end: index + 2 };
      if (text[index] === ESC && text[index + 1] === undefined) return { kind: 'incomplete' };
    }
    return { kind: 'incomplete' };
  }
  if (next === ESC) {
    // ESC ESC: Escape, then whatever follows (some terminals send Alt+arrow as ESC ESC [ A).
    return { kind: 'key', text: ESC, end: start + 1 };
  }
  // ESC followed by a printable character: Alt (meta) with that key. Control characters after
  // ESC are not keys.
  const codePoint = text.codePointAt(start + 1)!;
  const width = codePoint > 0xffff ? 2 : 1;
  if (codePoint >= 0x20 && codePoint !== 0x7f && !isDroppedCodePoint(codePoint)) {
    return { kind: 'key', text: text.slice(start, start + 1 + width), end: start + 1 + width };
  }
  return { kind: 'key', text: ESC, end: start + 1 };
}

/** Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-U, Ctrl-W: the prompt's line editing, as shells have it (typed, never pasted). */
const LINE_EDITING: readonly number[] = [0x01, 0x05, 0x0b, 0x15, 0x17];

/**
 * Control bytes a key can be: Ctrl-C (quit), Tab, Enter (CR or LF), Backspace (BS or DEL).
 * Every other C0 and C1 control, and U+FFFD (what invalid UTF-8 decodes to), is dropped.
 */
function isDroppedCodePoint(codePoint: number): boolean {
  if (codePoint < 0x20) return ![0x03, 0x08, 0x09, 0x0a, 0x0d].includes(codePoint);
  if (codePoint >= 0x80 && codePoint < 0xa0) return true;
  return codePoint === 0xfffd;
}

/** Pasted text keeps its characters, tabs and line ends; escape sequences and controls inside it go. */
export function cleanPaste(text: string): string {
  let out = '';
  for (let index = 0; index < text.length;) {
    if (text[index] === ESC) {
      const scan = scanEscape(text, index);
      index = scan.kind === 'incomplete' ? text.length : scan.end;
      continue;
    }
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    if (codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x09 || !isDroppedCodePoint(codePoint)) {
      out += text.slice(index, index + width);
    }
    index += width;
  }
  return out;
}

export interface FilterOutput {
  /** What ink may see: plain text, keys it names, and bracketed pastes with clean contents. */
  pass: string;
  /** True when an incomplete sequence is held back, to be completed by the next read or dropped by `flush`. */
  waiting: boolean;
}

/** Stateful over chunks: a sequence split between two reads is held until it completes. */
export class KeyFilter {
  #pending = '';

  push(chunk: string): FilterOutput {
    const text = this.#pending + chunk;
    this.#pending = '';
    let pass = '';
    // An Escape key (ESC alone) is unambiguous only before another escape sequence or at the
    // end of what ink reads; before anything else ink would join the two into one key.
    let escapeKey = false;
    const append = (piece: string) => {
      if (escapeKey && piece.startsWith(ESC)) pass += ESC;
      escapeKey = false;
      pass += piece;
    };
    let index = 0;
    while (index < text.length) {
      const char = text[index]!;
      if (char === ESC) {
        // A lone ESC at the end of a read goes on at once: ink itself waits a moment for what
        // may follow it, and joins it with the next read into a key, or calls it Escape.
        if (index === text.length - 1) {
          append(ESC);
          break;
        }
        const scan = scanEscape(text, index);
        if (scan.kind === 'incomplete') {
          this.#pending = text.slice(index);
          break;
        }
        // Escape pressed twice in a row is still Escape: one is kept, until what follows shows
        // whether it may stand alone.
        if (scan.kind === 'key' && scan.text === ESC) escapeKey = true;
        else if (scan.kind === 'key') append(scan.text);
        else if (scan.kind === 'paste') append(`${PASTE_START}${cleanPaste(scan.text)}${PASTE_END}`);
        index = scan.end;
        continue;
      }
      const codePoint = text.codePointAt(index)!;
      const width = codePoint > 0xffff ? 2 : 1;
      if (!isDroppedCodePoint(codePoint) || LINE_EDITING.includes(codePoint)) append(text.slice(index, index + width));
      index += width;
    }
    if (escapeKey) pass += ESC;
    // A held paste can be long; an unclosed one is bounded so that a stray start marker cannot
    // swallow the keyboard: past 1 MiB it is released as plain text.
    if (this.#pending.startsWith(PASTE_START) && this.#pending.length > 1 << 20) {
      pass += cleanPaste(this.#pending.slice(PASTE_START.length));
      this.#pending = '';
    }
    return { pass, waiting: this.#pending !== '' };
  }

  /**
   * Called when no more bytes came for a moment: an incomplete sequence was cut off and is
   * dropped (an unclosed paste is kept as a paste).
   */
  flush(): string {
    const pending = this.#pending;
    this.#pending = '';
    if (pending.startsWith(PASTE_START)) return `${PASTE_START}${cleanPaste(pending.slice(PASTE_START.length))}${PASTE_END}`;
    return '';
  }
}
