export type ProcErrorKind = 'no-such-process' | 'permission' | 'no-proc' | 'unreadable' | 'parse' | 'ps';

/** A reading of the kernel's account that could not be made, said so a student can act on it. */
export class ProcError extends Error {
  readonly kind: ProcErrorKind;
  constructor(kind: ProcErrorKind, message: string) {
    super(message);
    this.name = 'ProcError';
    this.kind = kind;
  }
}
