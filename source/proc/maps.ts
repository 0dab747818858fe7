import { type Pid, readProcFile } from './proc-files.js';
import { ProcError } from './proc-error.js';

export type RegionKind = 'code' | 'data' | 'heap' | 'stack' | 'library' | 'anonymous' | 'file' | 'kernel';

/** One line of /proc/PID/maps (proc(5)): address range, perms, offset, device, inode, path. */
export interface MapsEntry {
  start: bigint;
  end: bigint;
  perms: string;
  offset: number;
  device: string;
  inode: number;
  path: string;
}

export function parseMapsLine(line: string): MapsEntry {
  const match = /^([0-9a-f]+)-([0-9a-f]+)\s+([-rwxsp]{4})\s+([0-9a-f]+)\s+(\S+)\s+(\d+)\s*(.*)$/.exec(line);
  if (!match) throw new ProcError('parse', `/proc maps line not understood: "${line}"`);
  return {
    start: BigInt(`0x${match[1]}`),
    end: BigInt(`0x${match[2]}`),
    perms: match[3]!,
    offset: Number.parseInt(match[4]!, 16),
    device: match[5]!,
    inode: Number(match[6]),
    path: match[7]!,
  };
}

export function parseMaps(text: string): MapsEntry[] {
  return text.split('\n').filter((line) => line.trim() !== '').map(parseMapsLine);
}

export function readMaps(pid: Pid = 'self'): MapsEntry[] {
  return parseMaps(readProcFile(pid, 'maps'));
}

export function entrySize(entry: MapsEntry): number {
  return Number(entry.end - entry.start);
}

/** What a region is, for a student: the program's code, its heap, a stack, a library, ... */
export function classifyRegion(entry: MapsEntry, executable = process.execPath): RegionKind {
  const { path, perms } = entry;
  if (path === '[heap]') return 'heap';
  if (path.startsWith('[stack')) return 'stack';
  if (path === '[vdso]' || path === '[vvar]' || path === '[vsyscall]' || path === '[vvar_vclock]') return 'kernel';
  if (path === '' || path.startsWith('[anon')) return 'anonymous';
  if (path === executable) return perms.includes('x') ? 'code' : 'data';
  if (/\.so(\.|$)/.test(path)) return 'library';
  return 'file';
}
