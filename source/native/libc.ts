import koffi from 'koffi';
import { SC_PAGESIZE } from './constants.js';

/**
 * The only place in memtui that talks to koffi. Each function is bound once, lazily, so that
 * importing this module on a machine without glibc fails with a message, not at load.
 */
export interface Libc {
  mmap(addr: null, length: number, prot: number, flags: number, fd: number, offset: number): bigint;
  munmap(addr: bigint, length: number): number;
  mincore(addr: bigint, length: number, vec: Uint8Array): number;
  madvise(addr: bigint, length: number, advice: number): number;
  sysconf(name: number): number;
  errno(): number;
  view(addr: bigint, length: number): ArrayBuffer;
}

let bound: Libc | undefined;

export function libc(): Libc {
  if (bound) return bound;
  if (process.platform !== 'linux') {
    throw new Error(`memtui needs Linux (mmap through glibc and /proc); this is ${process.platform}`);
  }
  const lib = koffi.load('libc.so.6');
  const mmap = lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)');
  const munmap = lib.func('int munmap(void *addr, size_t length)');
  const mincore = lib.func('int mincore(void *addr, size_t length, _Out_ uint8_t *vec)');
  const madvise = lib.func('int madvise(void *addr, size_t length, int advice)');
  const sysconf = lib.func('long sysconf(int name)');
  bound = {
    mmap: (...args) => mmap(...args) as bigint,
    munmap: (addr, length) => munmap(addr, length) as number,
    mincore: (addr, length, vec) => mincore(addr, length, vec) as number,
    madvise: (addr, length, advice) => madvise(addr, length, advice) as number,
    sysconf: (name) => Number(sysconf(name)),
    errno: () => koffi.errno(),
    view: (addr, length) => koffi.view(addr, length) as ArrayBuffer,
  };
  return bound;
}

let cachedPageSize: number | undefined;

/** The kernel's page size, from sysconf(_SC_PAGESIZE), never a constant. */
export function pageSize(): number {
  cachedPageSize ??= libc().sysconf(SC_PAGESIZE);
  return cachedPageSize;
}
