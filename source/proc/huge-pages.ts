import { readFileSync } from 'node:fs';

/**
 * Whether the kernel may back an anonymous mapping with transparent huge pages without being
 * asked: the bracketed word of /sys/kernel/mm/transparent_hugepage/enabled ("[always]",
 * "madvise" or "never"; transhuge.rst). memtui never asks (no MADV_HUGEPAGE), so only "always"
 * lets one write fault in 512 pages at once.
 */
export function hugePagesUnasked(path = '/sys/kernel/mm/transparent_hugepage/enabled'): boolean {
  try {
    return /\[always\]/.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** Pages in a huge page on x86-64: 2 MiB of 4 KiB pages. */
export const PAGES_PER_HUGE_PAGE = 512;
