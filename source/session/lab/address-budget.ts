import { MemoryReader, readLimits } from '../../proc/index.js';
import { kib, plural } from '../../result/index.js';

/** The most pages of ours mapped at once: 1 GiB of 4 KiB pages, far more than any lesson needs. */
export const MAX_PAGES_MAPPED = 262_144;

/**
 * Address space left to the runtime under RLIMIT_AS: V8 grows its heap spaces and code space
 * as it goes, and a process that cannot do so aborts (std::bad_alloc, exit 134) instead of
 * failing one mmap cleanly. With 128 MiB kept free, a script under `ulimit -v 1200000` had its
 * big mmaps refused and then ran 1,200 more commands (stat, maps, run test_alloc, help) without
 * a fault (test/e2e/limits.test.ts).
 */
export const RUNTIME_RESERVE_BYTES = 128 * 1024 * 1024;

/**
 * The address space the screen needs to start: node, V8, and the WebAssembly layout engine's
 * memory. Under `ulimit -v` the screen started at 1.5 GB and failed at 1.1 GB (V8 ran out of
 * memory for its heap); scripts run from about 0.9 GB.
 */
export const SCREEN_ADDRESS_SPACE_BYTES = 1_500_000 * 1024;

/**
 * Whether one more mapping leaves the runtime room to live: a cap on our pages, and under an
 * address-space limit (ulimit -v) a reserve the student's mappings may not eat into.
 */
export class AddressBudget {
  readonly #memory = new MemoryReader('self');
  #limit: number | null | undefined;

  /** The RLIMIT_AS soft limit, read once (it cannot be raised from inside memtui). */
  get limitBytes(): number | null {
    if (this.#limit === undefined) {
      try {
        this.#limit = readLimits('self').addressSpaceBytes;
      } catch {
        this.#limit = null;
      }
    }
    return this.#limit;
  }

  /** Null when `bytes` more may be mapped; otherwise why not, and what to do. */
  refusal(bytes: number, pagesMappedNow: number, pageSize = 4096): string | null {
    const pages = Math.ceil(bytes / pageSize);
    if (pagesMappedNow + pages > MAX_PAGES_MAPPED) {
      return `that would make ${plural(pagesMappedNow + pages, 'page')} of ours; memtui maps at most ${MAX_PAGES_MAPPED.toLocaleString('en-US')} at once (1 GiB): munmap some first`;
    }
    const limit = this.limitBytes;
    if (limit === null) return null;
    const vsz = this.#memory.read().vszBytes;
    const left = limit - vsz - bytes;
    if (left >= RUNTIME_RESERVE_BYTES) return null;
    return `the address-space limit (ulimit -v, ${kib(limit)}) leaves ${kib(Math.max(0, limit - vsz))} above the current VSZ, and memtui keeps ${kib(RUNTIME_RESERVE_BYTES)} of it for the JavaScript runtime, which aborts without it: map fewer pages, or raise the limit`;
  }
}
