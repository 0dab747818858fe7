/**
 * A failed libc call, as a value a student can read: the call, the errno name, and a sentence
 * about what the kernel meant. `mmap failed: ENOMEM (the kernel refused more address space)`.
 */
export class NativeError extends Error {
  readonly call: string;
  readonly errno: number;
  readonly code: string;
  readonly explanation: string;

  constructor(call: string, errno: number, code: string, explanation: string) {
    super(`${call} failed: ${code} (${explanation})`);
    this.name = 'NativeError';
    this.call = call;
    this.errno = errno;
    this.code = code;
    this.explanation = explanation;
  }
}

/** Access to a mapping after `unmap()`: refused before anything touches freed memory. */
export class UnmappedError extends Error {
  constructor(what: string) {
    super(`${what}: this mapping was unmapped; its memory no longer belongs to the process`);
    this.name = 'UnmappedError';
  }
}

// errno(3) names on Linux x86_64, and what each means for the calls we make.
const errnoTable: Record<number, [string, Record<string, string> & { default: string }]> = {
  1: ['EPERM', { default: 'the operation is not permitted' }],
  9: ['EBADF', { default: 'a bad file descriptor was given' }],
  11: ['EAGAIN', { default: 'the memory is locked or temporarily unavailable' }],
  12: ['ENOMEM', {
    default: 'the kernel refused more address space',
    mincore: 'part of the range is not mapped',
    madvise: 'part of the range is not mapped',
    munmap: 'the process has too many mappings to split this one',
  }],
  13: ['EACCES', { default: 'permission denied' }],
  14: ['EFAULT', { default: 'an address outside the process was given' }],
  22: ['EINVAL', {
    default: 'an invalid argument: a zero or misaligned length or address',
    mmap: 'an invalid argument: the length is 0, or the address or offset is not page aligned',
  }],
  23: ['ENFILE', { default: 'the system has too many open files' }],
  19: ['ENODEV', { default: 'this file system does not support memory mapping' }],
  75: ['EOVERFLOW', { default: 'the length overflows the address space' }],
};

export function nativeError(call: string, errno: number): NativeError {
  const entry = errnoTable[errno];
  if (!entry) return new NativeError(call, errno, `errno ${errno}`, 'an error this program does not know');
  const [code, texts] = entry;
  return new NativeError(call, errno, code, texts[call] ?? texts.default);
}
