// Values from the Linux x86_64 / glibc headers; each names where it is defined.

/** <bits/mman-linux.h>: page protections. */
export const PROT_NONE = 0x0;
export const PROT_READ = 0x1;
export const PROT_WRITE = 0x2;
export const PROT_EXEC = 0x4;

/** <bits/mman-linux.h>: mapping flags. */
export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_ANONYMOUS = 0x20;

/** mmap(2): "On error, the value MAP_FAILED (that is, (void *) -1) is returned". */
export const MAP_FAILED = 0xffff_ffff_ffff_ffffn;

/** <bits/mman-linux.h>: MADV_DONTNEED drops the pages; an anonymous private page reads back as zeros. */
export const MADV_DONTNEED = 4;

/** <bits/confname.h>: _SC_PAGESIZE is 30 in glibc's enum. */
export const SC_PAGESIZE = 30;

export type Protection = 'none' | 'r' | 'rw' | 'rwx';

export const protectionBits: Record<Protection, number> = {
  none: PROT_NONE,
  r: PROT_READ,
  rw: PROT_READ | PROT_WRITE,
  rwx: PROT_READ | PROT_WRITE | PROT_EXEC,
};

export type Sharing = 'private' | 'shared';
