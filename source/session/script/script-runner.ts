import { formatResult, type Result, resultToJson } from '../../result/index.js';
import { tooLongLine } from '../command/parse-line.js';
import type { Session } from '../session.js';
import { quoteStart } from '../text/quote.js';
import { splitCommands } from '../text/split-commands.js';
import { LineReader, type ScriptLine } from './line-reader.js';

/** Where results go: true when written; false when the output is gone (a closed pipe). */
export interface ScriptOutput {
  write(text: string): boolean | Promise<boolean>;
}

export interface ScriptOptions {
  json: boolean;
  output: ScriptOutput;
  /** Aborted (by a signal): the script stops between two commands. */
  signal?: AbortSignal;
}

export type ScriptEnd = 'end' | 'quit' | 'aborted' | 'output-closed';

export interface ScriptSummary {
  commands: number;
  failed: number;
  ended: ScriptEnd;
  /** 0 when every command succeeded, 1 when one failed (the others still ran). */
  exitCode: 0 | 1;
}

/** Text in chunks: a pipe, a file stream, or one string. */
export type ScriptInput = AsyncIterable<string | Buffer> | string;

/** A macrotask turn: signal handlers and stream events run only between those, never in a chain of promises. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const YIELD_EVERY_MS = 8;

/**
 * Runs commands without the TUI as their lines arrive, printing each result and dropping it:
 * memory stays constant however long the script. It stops at `quit`, when `signal` is aborted
 * (between two commands), or when the output is closed (`memtui | head -3`).
 */
export async function runScript(session: Session, input: ScriptInput, options: ScriptOptions): Promise<ScriptSummary> {
  let commands = 0;
  let failed = 0;
  let lastTurn = Date.now();
  const reader = new LineReader();
  const finish = (ended: ScriptEnd): ScriptSummary => ({ commands, failed, ended, exitCode: failed === 0 ? 0 : 1 });

  /** Runs the commands of one line; the reason to stop, if one came. */
  const runLine = async (line: ScriptLine): Promise<ScriptEnd | null> => {
    const texts = line.tooLong ? [line.text] : splitCommands(line.text);
    for (const text of texts) {
      if (options.signal?.aborted) return 'aborted';
      const result: Result = line.tooLong
        ? await session.reject(quoteStart(text, 80), tooLongLine(text, line.length))
        : await session.run(text);
      commands += 1;
      if (!result.ok) failed += 1;
      const printed = options.json ? `${resultToJson(result)}\n` : `${formatResult(result).join('\n')}\n`;
      if (!(await options.output.write(printed))) return 'output-closed';
      if (result.quit) return 'quit';
      if (Date.now() - lastTurn >= YIELD_EVERY_MS) {
        await turn();
        lastTurn = Date.now();
      }
    }
    return null;
  };

  const chunks: AsyncIterable<string | Buffer> = typeof input === 'string' ? (async function* once() { yield input; })() : input;
  const decoder = new TextDecoder();
  try {
    for await (const chunk of chunks) {
      if (options.signal?.aborted) return finish('aborted');
      for (const line of reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))) {
        const stop = await runLine(line);
        if (stop) return finish(stop);
      }
    }
  } catch (error) {
    // The input was closed under us to stop waiting for it (a signal): that is the end.
    if (!options.signal?.aborted) throw error;
    return finish('aborted');
  }
  const last = reader.end();
  if (last) {
    const stop = await runLine(last);
    if (stop) return finish(stop);
  }
  return finish(options.signal?.aborted ? 'aborted' : 'end');
}

