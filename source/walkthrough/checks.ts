import { type Effect, kib, type Result } from '../result/index.js';
import type { Verdict } from './lesson.js';

/** The newest result whose effect is of `kind` (and passes `where`), among a step's results. */
export function latest<K extends Effect['kind']>(
  results: readonly Result[], kind: K, where: (effect: Extract<Effect, { kind: K }>, result: Result) => boolean = () => true,
): { result: Result; effect: Extract<Effect, { kind: K }> } | undefined {
  for (let index = results.length - 1; index >= 0; index -= 1) {
    const result = results[index]!;
    if (result.effect.kind === kind && where(result.effect as Extract<Effect, { kind: K }>, result)) {
      return { result, effect: result.effect as Extract<Effect, { kind: K }> };
    }
  }
  return undefined;
}

/** A change in bytes as the lessons write it: "+4 KiB", "-8 KiB". */
export function change(bytes: number): string {
  return kib(bytes, { signed: true });
}

/** VSZ moved by `vsz` while our mapped bytes moved by `ours`: the part that is not ours, said plainly. */
export function runtimeCaveat(vsz: number, ours: number, what = 'VSZ'): string | undefined {
  if (vsz === ours) return undefined;
  return `${what} moved ${change(vsz)}, not ${change(ours)}: the JavaScript runtime (V8) mapped or unmapped memory of its own in the same instant. Our own part was exactly ${change(ours)}.`;
}

export const waiting: Verdict = { passed: false };
