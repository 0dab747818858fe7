import { type RegionKind, type SmapsEntry, classifyRegion } from '../proc/index.js';
import { formatAddress } from './address.js';

/** One mapping of the watched process with its smaps figures, in bytes. */
export interface TargetRegion {
  start: string;
  end: string;
  pages: number;
  sizeBytes: number;
  perms: string;
  /** The file mapped, a kernel name ("[heap]", "[stack]"), or "" for anonymous memory. */
  path: string;
  kind: RegionKind;
  /** smaps Rss: of this mapping, what is in RAM now. */
  rssBytes: number;
  anonymousBytes: number;
  /** smaps AnonHugePages: part of rssBytes held by 2 MiB transparent huge pages (see presence notes). */
  anonHugePagesBytes: number;
  swapBytes: number;
  privateDirtyBytes: number;
}

/** A mapping as memtui shows it; `executable` is the process's program (/proc/PID/exe), to tell its code from libraries. */
export function regionOf(entry: SmapsEntry, pageBytes: number, executable: string | null): TargetRegion {
  const sizeBytes = Number(entry.end - entry.start);
  return {
    start: formatAddress(entry.start),
    end: formatAddress(entry.end),
    pages: sizeBytes / pageBytes,
    sizeBytes,
    perms: entry.perms,
    path: entry.path,
    kind: classifyRegion(entry, executable ?? '\0'),
    rssBytes: entry.rssKiB * 1024,
    anonymousBytes: entry.anonymousKiB * 1024,
    anonHugePagesBytes: entry.anonHugePagesKiB * 1024,
    swapBytes: entry.swapKiB * 1024,
    privateDirtyBytes: entry.privateDirtyKiB * 1024,
  };
}
