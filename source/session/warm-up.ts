import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { formatResult, resultToJson } from '../result/index.js';
import type { Session } from './session.js';

/** Every kind of command once, on a session of its own: each code path compiled, each module loaded, each buffer made. */
const rehearsal = [
  'mmap 2', 'write #1 x', 'write p1 hello', 'read #1', 'read p1 64', 'madvise #1 dontneed', 'maps', 'stat', 'mark', 'munmap #1',
  'part a', 'init', 'alloc 64', 'alloc 128', 'write #3 y', 'read #3', 'free #3', 'free #2', 'policy best', 'alloc 8', 'cleanup',
  'part b', 'init', 'alloc 256', 'alloc 4096', 'free 0x1', 'cleanup', 'policy first', 'help', 'help alloc', 'lesson list', 'nonsense',
];

/** A full collection, when the runtime lets us ask for one. */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Without it, the rehearsal alone still does most of the work.
  }
}

/**
 * Runs the commands a student will run, a few times, on a throwaway session, then collects the
 * garbage. The runtime grows its heaps, compiles its code and loads its modules the first times
 * a path runs; rehearsed here, that growth is not measured as the student's first mmap (it made
 * the first mmap of a script read VSZ +1.8 MiB instead of +4 KiB).
 */
export async function warmUp(makeSession: () => Session, rounds: number): Promise<void> {
  const scratch = makeSession();
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const line of rehearsal) {
        const result = await scratch.run(line);
        formatResult(result);
        resultToJson(result);
      }
      await scratch.run('part a');
    }
  } finally {
    scratch.dispose();
  }
  collectGarbage();
}
