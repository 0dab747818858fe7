import type { CommandSpec } from '../command/command-spec.js';
import type { Target } from '../command/target.js';
import type { SubjectHandling } from '../subject.js';
import type { LoadedAllocator } from './loaded-allocator.js';
import { callAlloc, callCleanup, callFree, callInit, gone } from './student-calls.js';
import { studentMaps, studentPs, studentStat } from './student-measure.js';

/** Why a command that acts on memtui's own memory or allocators is refused while theirs is loaded. */
function refusal(loaded: LoadedAllocator, spec: CommandSpec): string | null {
  const theirs = `${loaded.name} is loaded (PID ${loaded.pid})`;
  switch (spec.name) {
    case 'part':
      return `${theirs} as Part ${loaded.part.toUpperCase()}: init, alloc, free and cleanup call its functions. For the other part: unload, then load FILE --part ${loaded.part === 'a' ? 'b' : 'a'}`;
    case 'policy':
      return `${theirs}: it places chunks by its own code, so there is no policy to choose. Each alloc's result says which policies would place the chunk there; grade names the one its choices match`;
    case 'run':
      return `${theirs}: run replays the lab's programs on memtui's own allocators, not on yours. grade runs them on yours (the test-alloc / test-ealloc checks); unload to replay them on memtui's`;
    case 'read':
    case 'write':
      return `${theirs}: its chunks live in its own process, where memtui fills each with a pattern and checks it after every call. ${spec.name} works on memtui's own pages: unload first`;
    default:
      // mmap, munmap, madvise, and any command yet to come that changes memory.
      return spec.changesMemory
        ? `${theirs}, and the screen measures its process: ${spec.name} acts on memtui's own pages, which are not on screen now. unload first (your pages here are kept meanwhile)`
        : null;
  }
}

/**
 * What a loaded student allocator does with a command: the lab's four functions and the
 * measuring commands go to its process; commands about memtui's own memory are refused with
 * the reason; the rest (help, mark, lesson, load, unload, grade, quit) run as declared.
 */
const answered = new Set(['init', 'alloc', 'free', 'cleanup', 'stat', 'ps', 'maps']);

export function studentHandling(loaded: LoadedAllocator, spec: CommandSpec): SubjectHandling | undefined {
  if (answered.has(spec.name) && !loaded.allocator.running) return { run: (context) => gone(loaded, context, spec.name) };
  switch (spec.name) {
    case 'init': return { run: (context) => callInit(loaded, context) };
    case 'alloc': return { run: (context, args) => callAlloc(loaded, context, (args as { size: number }).size) };
    case 'free': return { run: (context, args) => callFree(loaded, context, (args as { target: Target }).target) };
    case 'cleanup': return { run: (context) => callCleanup(loaded, context) };
    case 'stat': return { run: (context) => studentStat(loaded, context) };
    case 'ps': return { run: () => studentPs(loaded) };
    case 'maps': return { run: (_context, args) => studentMaps(loaded, (args as { which: string | null }).which === 'all') };
  }
  const why = refusal(loaded, spec);
  return why === null ? undefined : { refuse: why };
}
