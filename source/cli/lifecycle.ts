import type { Session } from '../session/index.js';
import { EXIT, type HandledSignal, signalNumbers } from './exit-status.js';

/**
 * The one exit path. SIGINT, SIGTERM and SIGHUP stop what runs (a script between two
 * commands, the UI at once) and the exit status says which (128 + N); a second signal forces
 * the exit. Whatever way the process ends, the session is disposed once: every page is unmapped.
 */
export class Lifecycle {
  readonly abort = new AbortController();
  #signal: HandledSignal | null = null;
  #stoppers: Array<() => void> = [];
  readonly #session: Session;

  constructor(session: Session) {
    this.#session = session;
    process.on('exit', () => session.dispose());
    for (const name of Object.keys(signalNumbers) as HandledSignal[]) {
      process.on(name, () => this.#onSignal(name));
    }
  }

  get signal(): HandledSignal | null { return this.#signal; }

  /** Called on the first signal: stops the UI, or the wait for more script input. */
  onStop(stop: () => void): void {
    this.#stoppers.push(stop);
  }

  #onSignal(name: HandledSignal): void {
    if (this.#signal !== null) {
      // A second signal while the first is being honoured: leave now.
      this.#session.dispose();
      process.exit(128 + signalNumbers[name]);
    }
    this.#signal = name;
    this.abort.abort(name);
    for (const stop of this.#stoppers) stop();
  }

  /** The status to exit with: 128 + the signal when one came, else the given one. */
  status(normal: number): number {
    return this.#signal === null ? normal : 128 + signalNumbers[this.#signal];
  }

  /** For an error memtui did not expect: the pages are given back and the reason said, never a hang. */
  failHard(error: unknown, before?: () => void): never {
    try { before?.(); } catch { /* the terminal may already be gone */ }
    this.#session.dispose();
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`memtui stopped on an unexpected error (every page was unmapped): ${text}\n`);
    process.exit(EXIT.internal);
  }
}
