import { MemoryReader, type MemoryFigures } from '../proc/index.js';
import type { Footprint } from '../result/index.js';
import type { CommandSpec } from './command/command-spec.js';

/** How a subject answers a command in its own way: a handler run instead of the command's, or a refusal that says why. */
export type SubjectHandling = { run: CommandSpec['run'] } | { refuse: string };

/**
 * The process the screen measures: memtui itself (the lab's pages live in it), the driver
 * process running a student's allocator (`load`), or another process (`--pid`, `watch`). The
 * header, `stat` and every result's VSZ/RSS read it; what it counts as "ours" is its own.
 */
export interface Subject {
  readonly pid: number;
  /** What the header calls it: "memtui", "your allocator (driver)", "./before-you-begin". */
  readonly label: string;
  /** VSZ and RSS now; throws a ProcError when the process is gone. */
  read(): MemoryFigures;
  /** The part of it that is the student's: pages mapped and resident, or null when there is no such part. */
  ours(): Footprint | null;
  /** True when commands that change memory act on this process (only memtui's own). */
  readonly ownMemory: boolean;
  /**
   * Commands this subject answers itself, or refuses while it is measured (a student's
   * allocator answers init and alloc by calling their code, and refuses policy); undefined:
   * the command runs as declared. The grammar is the command's own, parsed before this.
   */
  handle?(spec: CommandSpec): SubjectHandling | undefined;
  close(): void;
}

/** memtui itself: the lab's pages are mapped in this process, and "ours" is what the session mapped. */
export function selfSubject(ours: () => Footprint): Subject {
  const reader = new MemoryReader('self');
  return {
    pid: process.pid,
    label: 'memtui',
    read: () => reader.read(),
    ours,
    ownMemory: true,
    close: () => reader.close(),
  };
}
