import { formatResult, type Result, resultToJson } from './result.js';
import type { Session } from './session.js';
import { splitScript } from './tokenize.js';

export interface ScriptOptions {
  json: boolean;
  write: (text: string) => void;
}

/**
 * Runs commands without the TUI, printing each result as it comes. Exit status: 0 when every
 * command succeeded, 1 when one failed (the others still ran). `quit` stops the script.
 */
export function runScript(session: Session, text: string, options: ScriptOptions): { exitCode: number; results: Result[] } {
  const results: Result[] = [];
  for (const line of splitScript(text)) {
    const result = session.run(line);
    results.push(result);
    options.write(options.json ? `${resultToJson(result)}\n` : `${formatResult(result).join('\n')}\n`);
    if (result.quit) break;
  }
  return { exitCode: results.every((result) => result.ok) ? 0 : 1, results };
}
