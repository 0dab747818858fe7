import { kib } from '../result/index.js';

/** What a presence reading cannot tell by itself, said where it applies. */
export interface PresenceCaveats {
  present: number;
  presentShared: number;
  /** smaps AnonHugePages of the mappings the range lies in; null when smaps could not be read. */
  hugePagesBytes: number | null;
  fileBacked: boolean;
}

/**
 * pagemap's "present" means a page table entry maps a frame now; it does not mean the program
 * touched that page. The notes say which of the ways this happens apply to a reading.
 */
export function presenceNotes(caveats: PresenceCaveats): string[] {
  const notes: string[] = [];
  if (caveats.hugePagesBytes !== null && caveats.hugePagesBytes > 0) {
    notes.push(`the mappings this range lies in hold ${kib(caveats.hugePagesBytes)} in transparent huge pages (smaps AnonHugePages): `
      + 'one touch brings in a whole 2 MiB page, so all its 512 small pages read as present although the program may have touched only one');
  }
  if (caveats.presentShared > 0) {
    notes.push(`${caveats.presentShared} of the ${caveats.present} present pages are not this process's alone: reading a never-written `
      + 'anonymous page maps the kernel\'s shared zero page (present, yet no RSS), and pages shared with another process '
      + '(after fork, a library\'s code) read the same way');
  }
  if (caveats.fileBacked && caveats.present > 0) {
    notes.push('pages of a file come in ahead of use (read-ahead, and fault-around maps up to 64 KiB around a touched page): '
      + 'present does not mean touched');
  }
  return notes;
}
