import type { Effect } from './result.js';

export type Outcome =
  | { ok: true; message: string; details?: string[]; effect: Effect; quit?: boolean }
  | { ok: false; error: string; details?: string[]; effect?: Effect };

export function fail(error: string, details?: string[]): Outcome {
  return { ok: false, error, details };
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
