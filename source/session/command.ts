import type { Policy } from '../heap/index.js';
import type { Target } from './target.js';

export type HeapMode = 'a' | 'b';

/** Text that a write puts in memory: bytes at the start of the target, or one byte filling all of it. */
export type WriteData = { kind: 'text'; bytes: Uint8Array; text: string } | { kind: 'fill'; byte: number };

export type Command =
  | { name: 'mmap'; pages: number }
  | { name: 'write'; target: Target; data: WriteData }
  | { name: 'read'; target: Target; length: number | null }
  | { name: 'munmap'; target: Target }
  | { name: 'madvise'; target: Target }
  | { name: 'mode'; mode: HeapMode }
  | { name: 'init' }
  | { name: 'alloc'; size: number }
  | { name: 'free'; target: Target }
  | { name: 'cleanup' }
  | { name: 'policy'; policy: Policy | null }
  | { name: 'stat' }
  | { name: 'ps' }
  | { name: 'maps'; all: boolean }
  | { name: 'mark' }
  | { name: 'run'; program: 'test_alloc' | 'test_ealloc' }
  | { name: 'lesson'; action: 'list' | 'next' | 'back' | 'goto' | 'hide'; number?: number }
  | { name: 'help'; topic: string | null }
  | { name: 'quit' };

export type CommandName = Command['name'];
