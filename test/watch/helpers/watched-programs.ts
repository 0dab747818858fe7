import { expect } from 'vitest';
import { type WatchedProcess, watchProgram } from '../../../source/session/index.js';
import { waitUntil } from '../../target/helpers/wait-until.js';

/** Programs started and watched by a test file (`watchProgram`, as `memtui watch` does), stopped by `stopAll`. */
export class WatchedPrograms {
  readonly #watched: WatchedProcess[] = [];

  async start(command: string[]): Promise<WatchedProcess> {
    const opening = await watchProgram(command);
    if (!opening.ok) throw new Error(opening.message);
    this.#watched.push(opening.watched);
    return opening.watched;
  }

  async stopAll(): Promise<void> {
    for (const watched of this.#watched.splice(0)) {
      watched.program!.stop('SIGKILL');
      await watched.program!.exited;
    }
  }
}

/**
 * Waits for a line of the program's output containing `text` (after line `since`), then until
 * the program sleeps waiting for input (state S): it is paused there, and its figures are still.
 * Returns the matched line's text.
 */
export async function pausedAt(watched: WatchedProcess, text: string | RegExp, since = 0): Promise<string> {
  const said = await watched.program!.waitForOutput(text, { since, timeoutMs: 30_000 });
  expect(said, JSON.stringify(watched.program!.lines())).toMatchObject({ ok: true });
  await waitUntil(`${String(text)}: the program waiting for input`, () => {
    const reading = watched.target.sample();
    if (!reading.ok) throw new Error(reading.problem.message);
    return reading.sample.state.startsWith('S');
  });
  return said.ok ? said.line.text : '';
}
