import { availableParallelism } from 'node:os';
import { kib } from '../../result/index.js';
import {
  createLimiter, defaultTimeoutMs, examplePath, examples, gradeFile, humanReport, StudentAllocator, StudentError, tally,
} from '../../student/index.js';
import { defineCommand } from '../command/command-spec.js';
import { fail, type Outcome } from '../outcome.js';
import { type FileArgument, fileParam } from '../student/file-param.js';
import { LoadedAllocator, loadedAllocator } from '../student/loaded-allocator.js';

const exampleList = examples.map((example) => `${example.name} (docs/examples/${example.file}: ${example.about})`).join('; ');

/** The path to compile or load: the file as given, or one of memtui's examples by name. */
function pathOf(input: FileArgument): string {
  return examplePath(input.file) ?? input.file;
}

/** A StudentError as a refusal: what was wrong, what to do, and gcc's lines when it did not compile. */
function refusalOf(command: string, input: FileArgument, error: StudentError): Outcome {
  if (error.kind === 'compile') return fail(`${command} ${input.file}: it does not compile: fix the lines gcc names below, then ${command} it again`, [...error.diagnostics]);
  return fail(`${command} ${input.file}: ${error.message}`, [...error.diagnostics]);
}

export const load = defineCommand({
  name: 'load', group: 'lab',
  summary: 'run your own alloc.c / ealloc.c in a process of its own: init, alloc, free, cleanup call it',
  detail: 'A .c is compiled with gcc (a .so is used as it is) and runs in a small driver process, never in memtui: a crash '
    + 'is a result, not memtui\'s end. The part comes from --part a|b, else from the name (ealloc means B), else A. '
    + 'The grid shows the pages it maps, the chunk list the chunks alloc returned, the header its process. '
    + `Instead of a file: ${exampleList}. unload goes back to memtui's own allocators.`,
  example: 'load alloc.c',
  params: [fileParam({ optional: false })],
  async run({ subject, setSubject }, { input }): Promise<Outcome> {
    const given = input!;
    const current = loadedAllocator(subject);
    if (current) {
      return fail(`${current.name} is loaded already (PID ${current.pid}): unload first. To run it from a fresh start after an edit: unload; load ${current.file}`);
    }
    if (!subject.ownMemory) return fail(`the screen measures ${subject.label} (PID ${subject.pid}) now: load works when it measures memtui itself`);
    const path = pathOf(given);
    let allocator: StudentAllocator;
    try {
      allocator = await StudentAllocator.load(path, { part: given.part });
    } catch (error) {
      if (error instanceof StudentError) return refusalOf('load', given, error);
      throw error;
    }
    const loaded = new LoadedAllocator(allocator, given.file, path);
    setSubject(loaded);
    const { vszBytes, rssBytes } = allocator.measurement;
    const from = given.part ? 'as you asked' : loaded.part === 'b' ? "from the file's name" : `the default; --part b for Part B`;
    return {
      ok: true,
      message: `load ${given.file}: ${path.endsWith('.so') ? '' : 'compiled with gcc; '}running in its own process, PID ${loaded.pid}, as Part ${loaded.part.toUpperCase()} (${from})`,
      details: [
        `init, alloc, free and cleanup now call its init_alloc, alloc, dealloc and cleanup; free takes #<id> from the chunk list, or an address (free 0x0 is dealloc(NULL))`,
        `the header measures that process: VSZ ${kib(vszBytes)}, RSS ${kib(rssBytes)} before any call (the driver, libc and your code); ours = the pages your code maps`,
        'unload goes back to memtui\'s own allocators (your pages there are kept); grade runs the lab\'s checks on it',
      ],
      effect: { kind: 'load', file: given.file, part: loaded.part, pid: loaded.pid },
    };
  },
});

export const unload = defineCommand({
  name: 'unload', group: 'lab',
  summary: 'end the process running your allocator and go back to memtui\'s own',
  detail: 'Its pages and chunks go with its process. memtui\'s own pages and allocators, kept meanwhile, are on screen again.',
  example: 'unload',
  params: [],
  async run({ subject, setSubject }): Promise<Outcome> {
    const loaded = loadedAllocator(subject);
    if (!loaded) return fail('nothing is loaded: load FILE runs your own alloc.c (load example runs the one memtui ships)');
    const chunks = loaded.allocator.chunks().length;
    const pages = loaded.layout.pages.length;
    await loaded.allocator.close();
    setSubject(null);
    const left = chunks + pages > 0 ? `, with ${chunks} chunk${chunks === 1 ? '' : 's'} and ${pages} page${pages === 1 ? '' : 's'} of its own` : '';
    return {
      ok: true,
      message: `unload: the process running ${loaded.name} (PID ${loaded.pid}) ended${left}; memtui's own allocators and pages are current again`,
      effect: { kind: 'unload', file: loaded.file },
    };
  },
});

export const grade = defineCommand({
  name: 'grade', group: 'lab',
  summary: 'run the lab\'s checks on your allocator (the one loaded, or a file), each in a fresh process',
  detail: 'The checks of memtui grade: the lab\'s test programs, split, merge, sizes refused, no metadata in the page, ... '
    + 'Each runs in a process of its own, so the allocator loaded here keeps its chunks. A file compiled now is graded as it is on disk.',
  example: 'grade',
  params: [fileParam({ optional: true })],
  async run({ subject }, { input }): Promise<Outcome> {
    const loaded = loadedAllocator(subject);
    const chosen: FileArgument | null = input ?? (loaded ? { file: loaded.file, part: loaded.part } : null);
    if (!chosen) return fail('grade: which file? grade alloc.c, or load one first (load example runs the one memtui ships)');
    const path = pathOf(chosen);
    const limit = createLimiter(Math.max(2, availableParallelism()));
    const report = await gradeFile(path, { part: chosen.part, timeoutMs: defaultTimeoutMs, limit });
    if (report.error) return refusalOf('grade', chosen, report.error);
    const counts = tally(report.results);
    const notPassed = report.results.filter((result) => result.verdict !== 'pass').map((result) => result.check);
    const part = report.student!.part;
    // humanReport's lines without its first (the path) and with their indent off: one line per check, then the tally.
    const lines = humanReport(report).trimEnd().split('\n').slice(1).map((line) => line.replace(/^ {2}/, ''));
    return {
      ok: true,
      message: `grade ${chosen.file} (Part ${part.toUpperCase()}): ${notPassed.length === 0 ? `all ${counts.checks} checks passed` : `${notPassed.length} of ${counts.checks} checks not passed: ${notPassed.join(', ')}`}`,
      details: lines,
      effect: { kind: 'grade', file: chosen.file, part, ...counts, notPassed },
    };
  },
});
