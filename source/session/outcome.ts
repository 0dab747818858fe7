import type { Effect } from '../result/index.js';

/** What a command's handler returns: a success with its message and effect, or a refusal that says what to do. */
export type Outcome =
  | { ok: true; message: string; details?: string[]; effect: Effect; quit?: boolean }
  | { ok: false; error: string; details?: string[]; effect?: Effect };

export function fail(error: string, details?: string[]): Outcome {
  return { ok: false, error, details };
}

export function succeed(message: string, effect: Effect, details?: string[]): Outcome {
  return { ok: true, message, effect, details };
}
