import { type Pid } from './proc-files.js';
import { readStatus } from './status.js';

/** Our own part of the process: bytes we mapped, and bytes of those resident (mincore). */
export interface OurFootprint {
  mappedBytes: number;
  residentBytes: number;
}

export interface Sample {
  vszBytes: number;
  rssBytes: number;
  ours: OurFootprint;
}

export interface Delta {
  vszBytes: number;
  rssBytes: number;
  ours: OurFootprint;
  /** The part of each delta that is not ours: the runtime (V8, libuv, the measurement itself). */
  runtime: { vszBytes: number; rssBytes: number };
}

/**
 * VSZ and RSS as `ps` reports them: VmSize and VmRSS of /proc/PID/status. RSS is not taken
 * from stat's field 24: since Linux 6.2 the kernel keeps RSS in per-CPU counters, and stat
 * reads them without adding up the per-CPU parts, so it trails a write by up to a few pages;
 * status adds them up (ps reads status too).
 */
export function sample(ours: () => OurFootprint, pid: Pid = 'self'): Sample {
  const status = readStatus(pid);
  return { vszBytes: status.vmSizeKiB * 1024, rssBytes: status.vmRssKiB * 1024, ours: ours() };
}

export function difference(before: Sample, after: Sample): Delta {
  const vszBytes = after.vszBytes - before.vszBytes;
  const rssBytes = after.rssBytes - before.rssBytes;
  const ours = {
    mappedBytes: after.ours.mappedBytes - before.ours.mappedBytes,
    residentBytes: after.ours.residentBytes - before.ours.residentBytes,
  };
  return {
    vszBytes, rssBytes, ours,
    runtime: { vszBytes: vszBytes - ours.mappedBytes, rssBytes: rssBytes - ours.residentBytes },
  };
}

/**
 * Runs `action` between two readings of /proc/self/status taken right around it, so that what
 * moved is what the action did (plus whatever the runtime did in those microseconds, which
 * `runtime` names separately).
 */
export function measureAround<T>(action: () => T, ours: () => OurFootprint): { value: T; before: Sample; after: Sample; delta: Delta } {
  const before = sample(ours);
  const value = action();
  const after = sample(ours);
  return { value, before, after, delta: difference(before, after) };
}

export function formatKiB(bytes: number, signed = false): string {
  const kib = bytes / 1024;
  const text = kib.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `${signed && bytes >= 0 ? '+' : ''}${text} KiB`;
}

/** "VSZ +4 KiB, all of it our page; RSS +148 KiB, of which 4 KiB our page and 144 KiB the runtime". */
export function describeDelta(delta: Delta): string {
  const part = (total: number, ours: number, what: string): string => {
    if (total === 0 && ours === 0) return `${what} +0 KiB`;
    if (ours === total) return `${what} ${formatKiB(total, true)}, all of it ours`;
    if (ours === 0) return `${what} ${formatKiB(total, true)}, none of it ours (the runtime)`;
    return `${what} ${formatKiB(total, true)}: ${formatKiB(ours, true)} ours, ${formatKiB(total - ours, true)} the runtime`;
  };
  return `${part(delta.vszBytes, delta.ours.mappedBytes, 'VSZ')}; ${part(delta.rssBytes, delta.ours.residentBytes, 'RSS')}`;
}
