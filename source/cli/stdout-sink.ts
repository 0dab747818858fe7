import type { ScriptOutput } from '../session/index.js';

/** How the output ended, when it did: closed by its reader (EPIPE), or another write error. */
export type SinkFailure = { kind: 'closed' } | { kind: 'failed'; code: string; message: string };

/**
 * Script results go to stdout through here: writes wait when the pipe is full (so a slow reader
 * slows memtui, and memory stays flat), and a reader that goes away (`| head -1`) or a full
 * disk ends the script quietly, with no stack trace.
 */
export class StdoutSink implements ScriptOutput {
  failure: SinkFailure | null = null;
  readonly #stream: NodeJS.WriteStream;

  constructor(stream: NodeJS.WriteStream = process.stdout) {
    this.#stream = stream;
    stream.on('error', (error: NodeJS.ErrnoException) => this.#fail(error));
  }

  #fail(error: NodeJS.ErrnoException): void {
    if (this.failure) return;
    this.failure = error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED'
      ? { kind: 'closed' }
      : { kind: 'failed', code: error.code ?? 'error', message: error.message };
  }

  write(text: string): boolean | Promise<boolean> {
    if (this.failure) return false;
    let ok: boolean;
    try {
      ok = this.#stream.write(text);
    } catch (error) {
      this.#fail(error as NodeJS.ErrnoException);
      return false;
    }
    if (ok) return this.failure === null;
    return new Promise((resolve) => {
      const done = () => {
        this.#stream.off('drain', done);
        this.#stream.off('error', done);
        this.#stream.off('close', done);
        resolve(this.failure === null);
      };
      this.#stream.once('drain', done);
      this.#stream.once('error', done);
      this.#stream.once('close', done);
    });
  }

  /** Waits until what was written has left (or the output failed). */
  async flush(): Promise<void> {
    if (this.failure || this.#stream.writableLength === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.#stream.once('drain', done);
      this.#stream.once('error', done);
      this.#stream.once('close', done);
    });
  }
}
