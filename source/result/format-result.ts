import { describeDelta } from './measurement.js';
import type { Result } from './result.js';

/** A result as a script prints it: the line, what happened and what the kernel saw, then the details. */
export function formatResult(result: Result): string[] {
  const head = result.ok ? result.message : `error: ${result.error}`;
  // A watched process is not changed by memtui's commands: its delta is not said per result (--json keeps it).
  const watched = result.measured !== undefined && !result.measured.ours;
  const measured = result.ok && result.delta && result.effect.kind !== 'none' && !watched ? ` - ${describeDelta(result.delta)}` : '';
  return [`${result.line === '' ? '' : `> ${result.line}\n`}${head}${measured}`, ...result.details.map((line) => `  ${line}`)];
}

/**
 * JSON Lines: one object per result; byte counts as numbers, addresses as hex strings. `pages`
 * adds "region" (the mapping holding the address); a result measured on another process adds
 * "measured" ({pid, label}): its vsz and rss are that process's.
 */
export function resultToJson(result: Result): string {
  return JSON.stringify({
    command: result.line,
    name: result.command,
    ok: result.ok,
    error: result.error,
    message: result.message,
    details: result.details,
    effect: result.effect,
    ...(result.effect.kind === 'pages' ? { region: result.effect.region } : {}),
    ...(result.measured ? { measured: { pid: result.measured.pid, label: result.measured.label } } : {}),
    vsz: result.vszBytes,
    rss: result.rssBytes,
    deltas: result.delta && {
      vsz: result.delta.vszBytes, rss: result.delta.rssBytes,
      oursMapped: result.delta.ours.mappedBytes, oursResident: result.delta.ours.residentBytes,
    },
    ours: { mapped: result.ours.mappedBytes, resident: result.ours.residentBytes },
  }, (_key, value: unknown) => (typeof value === 'bigint' ? `0x${BigInt.asUintN(64, value).toString(16)}` : value));
}
