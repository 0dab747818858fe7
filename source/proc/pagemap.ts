import { closeSync, openSync, readSync } from 'node:fs';
import { type Pid, procFailure, procPath } from './proc-files.js';

// Documentation/admin-guide/mm/pagemap.rst: /proc/PID/pagemap holds "a 64-bit value for each
// virtual page", at file offset (virtual address / page size) * 8, in the CPU's byte order.
export const PAGEMAP_ENTRY_BYTES = 8;

/** What one page is, as memtui reads it from pagemap. */
export const PAGE_ABSENT = 0;
export const PAGE_PRESENT = 1;
export const PAGE_SWAPPED = 2;
export type PageState = typeof PAGE_ABSENT | typeof PAGE_PRESENT | typeof PAGE_SWAPPED;

// The flags sit in the high 32 bits of each entry, so a Uint32Array over the bytes decodes them
// with one word read a page and no BigInt. Which word is high follows the byte order.
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const PRESENT = 0x8000_0000; // pagemap.rst: bit 63 page present
const SWAPPED = 0x4000_0000; // pagemap.rst: bit 62 page swapped
const EXCLUSIVE = 0x0100_0000; // pagemap.rst: bit 56 page exclusively mapped (since 4.2)
// Bits 0-54 (the page frame number) read as zero without CAP_SYS_ADMIN since Linux 4.2;
// memtui never reads them: presence is all it shows.

export interface PagemapCounts {
  present: number;
  swapped: number;
  /**
   * Present pages without the "exclusively mapped" bit: mapped more than once. An anonymous page
   * that was only read maps the kernel's shared zero page (present, but no RSS of its own); a
   * page shared with another process (after fork, a library's code) reads the same way.
   */
  presentShared: number;
}

/**
 * Decodes `count` entries (8 bytes each, from `entries`) into `states[at ..]`, one PageState a
 * page, and counts them. Pure: tests feed it crafted words.
 */
export function decodePagemap(entries: Uint32Array, count: number, states: Uint8Array, at: number): PagemapCounts {
  let present = 0;
  let swapped = 0;
  let presentShared = 0;
  for (let page = 0; page < count; page += 1) {
    const high = entries[2 * page + HIGH_WORD]!;
    if (high & PRESENT) {
      states[at + page] = PAGE_PRESENT;
      present += 1;
      if (!(high & EXCLUSIVE)) presentShared += 1;
    } else if (high & SWAPPED) {
      states[at + page] = PAGE_SWAPPED;
      swapped += 1;
    } else {
      states[at + page] = PAGE_ABSENT;
    }
  }
  return { present, swapped, presentShared };
}

/**
 * An open /proc/PID/pagemap. Opening checks the right to read the process's memory
 * (ptrace access mode "read", like maps): another user's or a non-dumpable process fails here.
 * Open one, read the ranges you need, close it: memtui does not keep it open between samples
 * (the file holds the memory of the program the process ran when it was opened, and exec
 * replaces that).
 */
export class PagemapFile {
  readonly pid: Pid;
  readonly #fd: number;
  readonly #path: string;

  private constructor(pid: Pid, fd: number, path: string) {
    this.pid = pid;
    this.#fd = fd;
    this.#path = path;
  }

  /** Throws a ProcError ('no-such-process', 'permission', ...) when the file cannot be opened. */
  static open(pid: Pid): PagemapFile {
    const path = procPath(pid, 'pagemap');
    try {
      return new PagemapFile(pid, openSync(path, 'r'), path);
    } catch (error) {
      throw procFailure(pid, path, error);
    }
  }

  /**
   * Reads the entries of `count` pages from virtual page number `firstPage` into `into` (which
   * holds at least count * 8 bytes). Returns how many entries were read: fewer than asked only
   * when the process's memory is gone (pagemap_read returns 0 bytes once the process exited).
   */
  read(firstPage: number, count: number, into: Uint8Array): number {
    const wanted = count * PAGEMAP_ENTRY_BYTES;
    let done = 0;
    try {
      while (done < wanted) {
        const offset = firstPage * PAGEMAP_ENTRY_BYTES + done;
        // Pages near the top of the 64-bit space ([vsyscall]) lie at offsets above 2^53.
        const position = Number.isSafeInteger(offset) ? offset : BigInt(firstPage) * BigInt(PAGEMAP_ENTRY_BYTES) + BigInt(done);
        const got = readSync(this.#fd, into, done, wanted - done, position);
        if (got === 0) break;
        done += got;
      }
    } catch (error) {
      throw procFailure(this.pid, this.#path, error);
    }
    return Math.floor(done / PAGEMAP_ENTRY_BYTES);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
