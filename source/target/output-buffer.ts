/** Where a line came from: the program's stdout or stderr, or the input memtui sent it (as a terminal would echo it). */
export type OutputStream = 'stdout' | 'stderr' | 'input';

/**
 * One line of a program's transcript; `complete` is false while its newline has not come yet
 * (a prompt), and turns true when it comes, when input is sent (as Enter ends a terminal line), or
 * when the stream ends.
 */
export interface OutputLine {
  /** 1, 2, 3, ... in the order lines began, across both streams. */
  seq: number;
  stream: OutputStream;
  text: string;
  complete: boolean;
}

/**
 * The last `keep` lines of a program's stdout and stderr, in the order they began. A line without
 * its newline yet is kept as an incomplete line that grows; a line longer than `maxLineChars` is
 * cut into several, so memory stays bounded whatever the program prints.
 */
export class OutputBuffer {
  readonly keep: number;
  readonly maxLineChars: number;
  #lines: OutputLine[] = [];
  #open = new Map<OutputStream, OutputLine>();
  #seq = 0;
  #dropped = 0;

  constructor(keep = 500, maxLineChars = 4096) {
    this.keep = Math.max(1, keep);
    this.maxLineChars = maxLineChars;
  }

  /** Adds text (already decoded) and returns the lines it began or extended. */
  append(stream: OutputStream, text: string): OutputLine[] {
    const touched = new Set<OutputLine>();
    const pieces = text.split('\n');
    pieces.forEach((piece, index) => {
      const ends = index < pieces.length - 1;
      if (piece === '' && !ends) return;
      let line = this.#open.get(stream) ?? this.#begin(stream, touched);
      let rest = piece;
      while (line.text.length + rest.length > this.maxLineChars) {
        const room = this.maxLineChars - line.text.length;
        line.text += rest.slice(0, room);
        rest = rest.slice(room);
        this.#close(stream, line, touched);
        line = this.#begin(stream, touched);
      }
      line.text += rest;
      touched.add(line);
      if (ends) {
        line.text = line.text.replace(/\r$/, '');
        this.#close(stream, line, touched);
      }
    });
    return [...touched];
  }

  /** Completes the incomplete lines of stdout and stderr (Enter was sent: a terminal moves on to the next line). */
  breakLines(): OutputLine[] {
    return [this.finish('stdout'), this.finish('stderr')].filter((line) => line !== null);
  }

  /** The stream ended: its incomplete line, if any, is all there will be. */
  finish(stream: OutputStream): OutputLine | null {
    const line = this.#open.get(stream);
    if (!line) return null;
    line.complete = true;
    this.#open.delete(stream);
    return line;
  }

  /** The kept lines, oldest first. */
  lines(): OutputLine[] {
    return this.#lines.slice(-this.keep);
  }

  /** The seq of the newest line (0 before any output). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** Lines no longer kept. */
  get dropped(): number {
    return this.#dropped + Math.max(0, this.#lines.length - this.keep);
  }

  #begin(stream: OutputStream, touched: Set<OutputLine>): OutputLine {
    this.#seq += 1;
    const line: OutputLine = { seq: this.#seq, stream, text: '', complete: false };
    this.#open.set(stream, line);
    this.#lines.push(line);
    // Trim in batches: the array holds between keep and 1.5 x keep lines.
    if (this.#lines.length > this.keep + (this.keep >> 1)) {
      const excess = this.#lines.length - this.keep;
      this.#lines.splice(0, excess);
      this.#dropped += excess;
    }
    touched.add(line);
    return line;
  }

  #close(stream: OutputStream, line: OutputLine, touched: Set<OutputLine>): void {
    line.complete = true;
    this.#open.delete(stream);
    touched.add(line);
  }
}
