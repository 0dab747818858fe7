import koffi from 'koffi';
import { SC_PAGESIZE } from './constants.js';

/**
 * The only place in memtui that talks to koffi. libc is bound once: on the first call, or
 * earlier through `bindLibc()` (the lab modules do, when imported: see `warmNative` in mapping.ts).
 * Binding lazily by default keeps the app's start free of it until the session needs it, and
 * lets a machine without glibc fail with a message instead of at import.
 */
export interface Libc {
  mmap(addr: null, length: number, prot: number, flags: number, fd: number, offset: number): bigint;
  munmap(addr: bigint, length: number): number;
  mincore(addr: bigint, length: number, vec: Uint8Array): number;
  madvise(addr: bigint, length: number, advice: number): number;
  sysconf(name: number): number;
  errno(): number;
  /** A fresh zero-copy ArrayBuffer over exactly [addr, addr + length). */
  view(addr: bigint, length: number): ArrayBuffer;
  /** Copies `bytes` to addr + offset without making an ArrayBuffer (koffi.encode). */
  write(addr: bigint, offset: number, bytes: Uint8Array): void;
}

let bound: Libc | undefined;

export function libc(): Libc {
  bound ??= bind();
  return bound;
}

function bind(): Libc {
  if (process.platform !== 'linux') {
    throw new Error(`memtui needs Linux (mmap through glibc and /proc); this is ${process.platform}`);
  }
  const lib = koffi.load('libc.so.6');
  const mmap = lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)');
  const munmap = lib.func('int munmap(void *addr, size_t length)');
  const mincore = lib.func('int mincore(void *addr, size_t length, _Out_ uint8_t *vec)');
  const madvise = lib.func('int madvise(void *addr, size_t length, int advice)');
  const sysconf = lib.func('long sysconf(int name)');
  return {
    // Plain parameters, not (...args): a rest array and a spread per call cost ~100 ns on a path
    // measured against C.
    mmap: (addr, length, prot, flags, fd, offset) => mmap(addr, length, prot, flags, fd, offset) as bigint,
    munmap: (addr, length) => munmap(addr, length) as number,
    mincore: (addr, length, vec) => mincore(addr, length, vec) as number,
    madvise: (addr, length, advice) => madvise(addr, length, advice) as number,
    sysconf: (name) => Number(sysconf(name)),
    errno: () => koffi.errno(),
    view: (addr, length) => koffi.view(addr, length) as ArrayBuffer,
    // One byte as a scalar (~70 ns); more as an array (~170 ns for one, ~220 ns for a page).
    write: (addr, offset, bytes) => (bytes.length === 1
      ? koffi.encode(addr, offset, 'uint8_t', bytes[0])
      : koffi.encode(addr, offset, 'uint8_t', bytes, bytes.length)),
  };
}

let cachedPageSize: number | undefined;

/** The kernel's page size, from sysconf(_SC_PAGESIZE), never a constant. */
export function pageSize(): number {
  cachedPageSize ??= libc().sysconf(SC_PAGESIZE);
  return cachedPageSize;
}

/** Binds libc now instead of on the first call (see `warmNative` for why the lab modules do). */
export function bindLibc(): void {
  pageSize();
}
