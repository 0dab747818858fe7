import { execFile } from 'node:child_process';
import type { MapsEntry } from '../proc/index.js';

/** Where an address of the driver process lies: a function and a source line when known. */
export interface SourcePlace {
  address: bigint;
  /** The file mapped there (the student's library, libc, the driver), or null. */
  object: string | null;
  /** True when the address lies in the student's library. */
  inLibrary: boolean;
  function: string | null;
  file: string | null;
  line: number | null;
}

/** The base a shared object was loaded at: the start of its mapping of file offset 0. */
function loadBase(entries: readonly MapsEntry[], path: string): bigint | null {
  const first = entries.find((entry) => entry.path === path && entry.offset === 0);
  return first ? first.start : null;
}

function objectAt(entries: readonly MapsEntry[], address: bigint): MapsEntry | undefined {
  return entries.find((entry) => address >= entry.start && address < entry.end && entry.path.startsWith('/'));
}

function runAddr2line(library: string, offsets: bigint[]): Promise<string> {
  return new Promise((resolve) => {
    const args = ['-a', '-f', '-i', '-C', '-e', library, ...offsets.map((offset) => `0x${offset.toString(16)}`)];
    execFile('addr2line', args, { timeout: 10_000, encoding: 'utf8' }, (error, stdout) => resolve(error ? '' : stdout));
  });
}

/**
 * Names the places of `addresses` (innermost first). The ones in the student's library go
 * through addr2line on its -g build: function, file and line, the innermost inlined function
 * first. `exact` says the first address is a faulting instruction; the others are return
 * addresses, looked up one byte earlier so that the line is the call's, not the next one's.
 */
export async function sourcePlaces(addresses: readonly bigint[], entries: readonly MapsEntry[], library: string, exact = true): Promise<SourcePlace[]> {
  const base = loadBase(entries, library);
  const places: SourcePlace[] = addresses.map((address) => {
    const object = objectAt(entries, address);
    return { address, object: object?.path ?? null, inLibrary: object?.path === library, function: null, file: null, line: null };
  });
  const lookups = places.filter((place) => place.inLibrary && base !== null);
  if (lookups.length === 0) return places;
  const offsets = lookups.map((place) => place.address - base! - (exact && place === places[0] ? 0n : 1n));
  const output = await runAddr2line(library, offsets);
  // -a prints each address, then function/file:line pairs (more than one pair when inlined).
  const groups = output.split(/^0x[0-9a-f]+$/m).slice(1).map((group) => group.split('\n').filter((line) => line !== ''));
  lookups.forEach((place, index) => {
    const group = groups[index] ?? [];
    const name = group[0];
    const where = /^(.*):(\d+)(?: \(discriminator \d+\))?$/.exec(group[1] ?? '');
    place.function = name && name !== '??' ? name : null;
    if (where && where[1] !== '??') {
      place.file = where[1]!;
      place.line = Number(where[2]);
    }
  });
  return places;
}

export function describePlace(place: SourcePlace): string {
  const shortFile = place.file ? place.file.split('/').pop() : null;
  if (place.function && shortFile) return `${place.function} (${shortFile}:${place.line})`;
  if (place.function) return place.function;
  if (place.object) return place.object.split('/').pop()!;
  return `0x${place.address.toString(16)}`;
}
