// Every command memtui has, in the order `help` lists them. A new command is one declaration
// (defineCommand) in one of these files and one entry here; parser, help, keys and dispatch
// follow from it.
import type { CommandSpec } from '../command/command-spec.js';
import { alloc, cleanup, free, init, part, policy } from './allocator.js';
import { help, quit } from './general.js';
import { lesson, run } from './lab.js';
import { maps, mark, ps, stat } from './measure.js';
import { madvise, mmap, munmap, read, write } from './memory.js';
import { grade, load, unload } from './student.js';
import { input, pages } from './watch.js';

export const builtinCommands: readonly CommandSpec[] = [
  mmap, write, read, munmap, madvise,
  part, init, alloc, free, cleanup, policy,
  stat, ps, maps, mark, pages, input,
  run, lesson,
  load, unload, grade,
  help, quit,
];
