/** VSZ and RSS of the watched process, as ps reports them (status VmSize, VmRSS), in bytes. */
export interface TargetSample {
  pid: number;
  /** The command name now (status Name); exec changes it. */
  name: string;
  /** proc(5) State: "S (sleeping)" while it waits for input, "R (running)", "T (stopped)", ... */
  state: string;
  vszBytes: number;
  rssBytes: number;
  rssAnonBytes: number;
  rssFileBytes: number;
  rssShmemBytes: number;
  swapBytes: number;
  /** Change since the previous sample; null for the first. */
  sinceLast: { vszBytes: number; rssBytes: number } | null;
  /** Date.now() when read. */
  takenAt: number;
}

/** The part of `pages <address>` other tools depend on: the mapping holding the address. */
export interface HoldingRegion {
  start: string;
  end: string;
  pages: number;
  present: number;
  swapped: number;
}

export interface RegionHolding {
  region: HoldingRegion;
  address: string;
  perms: string;
  path: string;
  /** Present pages mapped more than once (the zero page after a read, or shared): see notes. */
  presentShared: number;
  /** smaps figures of that mapping; null when smaps could not be read. */
  rssBytes: number | null;
  anonHugePagesBytes: number | null;
  notes: string[];
}

export interface PresenceReading {
  /** The range read, rounded out to whole pages. */
  start: string;
  end: string;
  pages: number;
  present: number;
  swapped: number;
  absent: number;
  presentShared: number;
  /** Pages whose state differs from the previous reading that covered them. */
  changed: number;
  /** False when no page of the range had been read before (then nothing is marked changed). */
  seenBefore: boolean;
  /** One byte a page: PAGE_ABSENT / PAGE_PRESENT / PAGE_SWAPPED, plus PAGE_CHANGED (page-states.ts). */
  states: Uint8Array;
  /** smaps AnonHugePages of the mappings the range lies in; null when smaps could not be read. */
  hugePagesBytes: number | null;
  /** Where "present" does not mean "touched" for this reading (huge pages, zero page, file read-ahead). */
  notes: string[];
}
