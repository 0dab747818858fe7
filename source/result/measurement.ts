import { kib } from './bytes.js';

/** Our own part of the process: bytes this session mapped, and bytes of those resident. */
export interface Footprint {
  mappedBytes: number;
  residentBytes: number;
}

/** The process's VSZ and RSS (VmSize and VmRSS, what ps shows) at one moment, and our part. */
export interface Sample {
  vszBytes: number;
  rssBytes: number;
  ours: Footprint;
}

export interface Delta {
  vszBytes: number;
  rssBytes: number;
  ours: Footprint;
  /** The part of each change that is not ours: the runtime (V8, node, libraries, the screen). */
  runtime: { vszBytes: number; rssBytes: number };
}

export function difference(before: Sample, after: Sample): Delta {
  const vszBytes = after.vszBytes - before.vszBytes;
  const rssBytes = after.rssBytes - before.rssBytes;
  const ours = {
    mappedBytes: after.ours.mappedBytes - before.ours.mappedBytes,
    residentBytes: after.ours.residentBytes - before.ours.residentBytes,
  };
  return { vszBytes, rssBytes, ours, runtime: { vszBytes: vszBytes - ours.mappedBytes, rssBytes: rssBytes - ours.residentBytes } };
}

/** "VSZ +4 KiB, all of it ours; RSS +148 KiB: +4 KiB ours, +144 KiB the runtime". */
export function describeDelta(delta: Delta): string {
  const part = (total: number, ours: number, what: string): string => {
    if (total === 0 && ours === 0) return `${what} +0 KiB`;
    if (ours === total) return `${what} ${kib(total, { signed: true })}, all of it ours`;
    if (ours === 0) return `${what} ${kib(total, { signed: true })}, none of it ours (the runtime)`;
    return `${what} ${kib(total, { signed: true })}: ${kib(ours, { signed: true })} ours, ${kib(total - ours, { signed: true })} the runtime`;
  };
  return `${part(delta.vszBytes, delta.ours.mappedBytes, 'VSZ')}; ${part(delta.rssBytes, delta.ours.residentBytes, 'RSS')}`;
}
