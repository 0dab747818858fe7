/** Why a student's file could not be graded or loaded: each kind has its own advice. */
export type StudentErrorKind =
  | 'usage' // a flag or argument of `memtui grade` is wrong
  | 'no-file' // the file does not exist
  | 'is-folder' // a folder was given where a file belongs
  | 'not-source' // neither a .c nor a .so
  | 'no-gcc' // gcc is not on PATH
  | 'compile' // the .c does not compile (diagnostics hold gcc's lines)
  | 'load' // the .so cannot be loaded (dlopen's message)
  | 'symbols' // the .so lacks init_alloc, alloc, dealloc or cleanup
  | 'driver'; // memtui's own driver could not be built or started

/** A refusal the user can act on: what was wrong and what to do, never a stack trace. */
export class StudentError extends Error {
  readonly kind: StudentErrorKind;
  /** The compiler's `file:line:col: message` lines, for `compile`. */
  readonly diagnostics: readonly string[];

  constructor(kind: StudentErrorKind, message: string, diagnostics: readonly string[] = []) {
    super(message);
    this.name = 'StudentError';
    this.kind = kind;
    this.diagnostics = diagnostics;
  }
}
