import { constants } from 'node:os';
import type { MapsEntry } from '../proc/index.js';
import { hex } from './address-text.js';
import type { CrashAnswer, StuckAnswer } from './protocol.js';
import { PAGE_BYTES, type PageRange } from './page-ranges.js';
import { describePlace, type SourcePlace, sourcePlaces } from './source-places.js';

/** How the process running the student's code ended during a call. */
export interface CrashReport {
  /** 'SIGSEGV' and the like, or null when the code called exit(). */
  signal: string | null;
  exitCode: number | null;
  faultAddress: bigint | null;
  /** One sentence: what the signal means here ("no memory is mapped at 0x8 (NULL + 8)"). */
  cause: string;
  /** The call stack, innermost first: the faulting instruction, then its callers. */
  stack: SourcePlace[];
  /** What the library printed to stdout or stderr (an assert's message ends up here). */
  output: string;
}

/** Where a call that never returned was when memtui stopped it. */
export interface HangReport {
  timeoutMs: number;
  stack: SourcePlace[];
  output: string;
}

// The first name of each number: SIGABRT rather than its alias SIGIOT (signal(7) lists both as 6).
const signalNames = new Map<number, string>();
for (const [name, number] of Object.entries(constants.signals)) if (!signalNames.has(number)) signalNames.set(number, name);

/** Where an address is, from the student's point of view: "NULL + 8: a field of a NULL pointer". */
export function addressPlace(address: bigint, studentPages: readonly PageRange[], entries: readonly MapsEntry[], library?: string): string {
  if (address === 0n) return 'NULL';
  if (address < BigInt(PAGE_BYTES)) return `NULL + ${address}: a field of a NULL pointer`;
  for (const range of studentPages) {
    if (address >= range.start && address < range.end) {
      const page = address & ~BigInt(PAGE_BYTES - 1);
      return `offset ${address - page} of your page ${hex(page)}`;
    }
    if (address >= range.end && address < range.end + BigInt(PAGE_BYTES)) return `${address - range.end + 1n} bytes past the end of your mapped pages`;
    if (address < range.start && address >= range.start - BigInt(PAGE_BYTES)) return `${range.start - address} bytes before your mapped pages`;
  }
  const entry = entries.find((candidate) => address >= candidate.start && address < candidate.end);
  // The stack grows down to RLIMIT_STACK (8 MiB by default) below its top, and a guard gap
  // (1 MiB by default, kernel stack_guard_gap) lies below that: a fault there is an overflow.
  const stack = entries.find((candidate) => candidate.path === '[stack]');
  if (!entry && stack && address < stack.start && address >= stack.end - (16n << 20n)) return 'just below the stack, which overflowed: an endless recursion?';
  if (!entry) return 'nothing is mapped there';
  if (library !== undefined && entry.path === library) return "in your library's own static or global data";
  if (entry.path.startsWith('[stack')) return 'on the stack, where local variables live';
  if (entry.path === '[heap]') return 'in the malloc heap';
  return `in ${entry.path ? entry.path.split('/').pop() : 'memory that is not yours'}`;
}

/** "0x8 (NULL + 8: a field of a NULL pointer)". */
export function describeAddress(address: bigint, studentPages: readonly PageRange[], entries: readonly MapsEntry[], library?: string): string {
  return `${hex(address)} (${addressPlace(address, studentPages, entries, library)})`;
}

function causeOf(crash: CrashAnswer, where: string): string {
  switch (signalNames.get(crash.signal)) {
    case 'SIGSEGV':
      return crash.code === 2
        ? `segmentation fault: the memory at ${where} does not allow this access (a write to read-only memory, or to a PROT_NONE page)`
        : `segmentation fault: no memory is mapped at ${where}`;
    case 'SIGBUS':
      return `bus error at ${where}`;
    case 'SIGFPE':
      return crash.code === 1 ? 'arithmetic error: an integer division by zero' : 'arithmetic error (SIGFPE)';
    case 'SIGILL':
      return `illegal instruction at ${where} (a jump through a bad function pointer, or __builtin_trap)`;
    case 'SIGABRT':
      return 'abort() was called: a failed assert(), or glibc found its own memory corrupted (see what it printed)';
    case 'SIGTRAP':
      return 'a trap instruction (__builtin_trap or a debugger breakpoint)';
    default:
      return `signal ${crash.signal}`;
  }
}

/**
 * The stack of a crash report: the faulting pc, then the callers. The driver's backtrace starts
 * in its own signal handler; the frames up to and including the pc are that handler's.
 */
function callers(pc: bigint, frames: readonly bigint[]): bigint[] {
  const at = frames.indexOf(pc);
  return [pc, ...(at >= 0 ? frames.slice(at + 1) : [])];
}

export async function crashReport(
  crash: CrashAnswer | null, ending: { exitCode: number | null; signal: string | null },
  context: { entries: readonly MapsEntry[]; studentPages: readonly PageRange[]; library: string; output: string },
): Promise<CrashReport> {
  if (!crash) {
    const cause = ending.signal
      ? `the process was killed by ${ending.signal} without a report (out of memory, or killed from outside)`
      : `your code ended the process with exit(${ending.exitCode}) (a library must return to its caller, never exit)`;
    return { signal: ending.signal, exitCode: ending.exitCode, faultAddress: null, cause, stack: [], output: context.output };
  }
  const where = crash.faultAddress === null ? '' : describeAddress(crash.faultAddress, context.studentPages, context.entries, context.library);
  const stack = await sourcePlaces(callers(crash.pc, crash.frames), context.entries, context.library);
  return {
    signal: signalNames.get(crash.signal) ?? `signal ${crash.signal}`,
    exitCode: null,
    faultAddress: crash.faultAddress,
    cause: causeOf(crash, where),
    stack,
    output: context.output,
  };
}

export async function hangReport(stuck: StuckAnswer | null, timeoutMs: number,
  context: { entries: readonly MapsEntry[]; library: string; output: string }): Promise<HangReport> {
  const stack = stuck ? await sourcePlaces(callers(stuck.pc, stuck.frames), context.entries, context.library) : [];
  return { timeoutMs, stack, output: context.output };
}

/**
 * "in dealloc (alloc.c:67), called from ..." - the student's frames (a recursion's repeats
 * counted: "units (alloc.c:37) x 23"); when the innermost frame is libc's, it comes first.
 */
export function describeStack(stack: readonly SourcePlace[]): string {
  const theirs = stack.filter((place) => place.inLibrary);
  if (theirs.length === 0) return stack.length > 0 ? `in ${describePlace(stack[0]!)}` : 'where is not known';
  const runs: { text: string; count: number }[] = [];
  for (const place of theirs) {
    const text = describePlace(place);
    const last = runs[runs.length - 1];
    if (last && last.text === text) last.count += 1;
    else runs.push({ text, count: 1 });
  }
  const named = runs.slice(0, 3).map((run) => `${run.text}${run.count > 1 ? ` x ${run.count}` : ''}`);
  const outside = stack[0] && !stack[0].inLibrary ? `in ${describePlace(stack[0])}, called from ` : 'in ';
  return [`${outside}${named[0]}`, ...named.slice(1).map((text) => `called from ${text}`)].join(', ');
}

/** The last lines the library printed, for a report. */
export function outputTail(output: string, lines = 3): string | null {
  const kept = output.trimEnd().split('\n').filter((line) => line.trim() !== '').slice(-lines);
  return kept.length > 0 ? kept.join(' | ') : null;
}
