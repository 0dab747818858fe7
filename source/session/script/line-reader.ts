import { MAX_LINE_LENGTH } from '../command/parse-line.js';

/** A line as read: its text, or, for a line too long to run, its start and its full length. */
export type ScriptLine = { text: string; tooLong?: false } | { text: string; tooLong: true; length: number };

/**
 * Cuts text that arrives in chunks into lines, in constant memory: a line longer than
 * MAX_LINE_LENGTH keeps only its start (it will be refused, quoting that start), however long
 * it grows. `\r\n` and `\n` end a line; a last line without one is ended by `end()`.
 */
export class LineReader {
  #current = '';
  #overflow = 0;

  /** The complete lines in this chunk (and those it completes). */
  push(chunk: string): ScriptLine[] {
    const lines: ScriptLine[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const piece = chunk.slice(start, newline < 0 ? chunk.length : newline);
      this.#append(piece);
      if (newline < 0) break;
      lines.push(this.#take());
      start = newline + 1;
    }
    return lines;
  }

  /** The last line, when the text did not end with a line break. */
  end(): ScriptLine | null {
    return this.#current === '' && this.#overflow === 0 ? null : this.#take();
  }

  #append(piece: string): void {
    const room = MAX_LINE_LENGTH + 1 - this.#current.length;
    if (piece.length <= room) this.#current += piece;
    else {
      this.#current += piece.slice(0, Math.max(0, room));
      this.#overflow += piece.length - Math.max(0, room);
    }
  }

  #take(): ScriptLine {
    let text = this.#current;
    const overflow = this.#overflow;
    this.#current = '';
    this.#overflow = 0;
    if (text.endsWith('\r') && overflow === 0) text = text.slice(0, -1);
    return overflow === 0 && text.length <= MAX_LINE_LENGTH ? { text } : { text, tooLong: true, length: text.length + overflow };
  }
}
