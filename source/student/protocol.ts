// The driver's answer lines (driver/memtui-driver.c documents the protocol): parsed here, pure,
// so the parsing is tested on text without running a process.

/** A range of a watched page that changed although memtui wrote nothing there. */
export interface ChangedRange {
  address: bigint;
  length: number;
}

/** `done ...`: the call returned; what it returned and what was seen around it. */
export interface DoneAnswer {
  kind: 'done';
  /** init_alloc's or cleanup's return value (meaningless for Part B's void functions). */
  returned: number | null;
  /** alloc's pointer; 0n is NULL. */
  pointer: bigint | null;
  changed: ChangedRange[];
  changedLeftOut: number;
  /** The chunk was filled with its pattern and is watched from now on. */
  filled: boolean;
  /** Filling the chunk faulted at this address: it is not all mapped and writable. */
  fillFault: bigint | null;
  /** The driver's chunk table is full: the chunk was filled but is not watched. */
  untracked: boolean;
  /** Watched pages that are no longer mapped. */
  gone: bigint[];
  /** Residency of each watched page (mincore), by page base. */
  resident: Map<bigint, boolean>;
  /** Calls the library made to malloc, calloc or realloc during the call. */
  mallocs: number;
  /** Calls it made to mmap, munmap or mremap: only those change its pages. */
  vmCalls: number;
}

/** `crash ...`: the library's code faulted or aborted; the process dies by `signal`. */
export interface CrashAnswer {
  kind: 'crash';
  signal: number;
  /** siginfo's si_code (for SIGSEGV: 1 no mapping there, 2 mapping forbids the access). */
  code: number;
  /** The faulting address; null for signals that carry none (SIGABRT). */
  faultAddress: bigint | null;
  pc: bigint;
  /** Return addresses from the signal handler outward (backtrace(3)). */
  frames: bigint[];
}

/** `stuck ...`: the call did not return in time; where it was when memtui interrupted it. */
export interface StuckAnswer {
  kind: 'stuck';
  pc: bigint;
  frames: bigint[];
}

export interface ReadyAnswer { kind: 'ready' }

/** `error KIND MESSAGE`: the driver could not start (dlopen failed, symbols missing). */
export interface ErrorAnswer {
  kind: 'error';
  reason: string;
  message: string;
}

export type DriverAnswer = DoneAnswer | CrashAnswer | StuckAnswer | ReadyAnswer | ErrorAnswer;

const hex = (text: string): bigint => BigInt(text.startsWith('0x') ? text : `0x${text}`);

function fields(rest: string): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const token of rest.split(' ')) {
    const equals = token.indexOf('=');
    if (equals <= 0) continue;
    const key = token.slice(0, equals);
    const list = byKey.get(key) ?? [];
    list.push(token.slice(equals + 1));
    byKey.set(key, list);
  }
  return byKey;
}

function frameList(text: string | undefined): bigint[] {
  return text ? text.split(',').filter((frame) => frame !== '').map(hex) : [];
}

export function parseAnswer(line: string): DriverAnswer {
  const space = line.indexOf(' ');
  const word = space < 0 ? line : line.slice(0, space);
  const rest = space < 0 ? '' : line.slice(space + 1);
  const byKey = fields(rest);
  const one = (key: string): string | undefined => byKey.get(key)?.[0];
  switch (word) {
    case 'ready':
      return { kind: 'ready' };
    case 'error': {
      const reasonEnd = rest.indexOf(' ');
      return reasonEnd < 0 ? { kind: 'error', reason: rest, message: '' } : { kind: 'error', reason: rest.slice(0, reasonEnd), message: rest.slice(reasonEnd + 1) };
    }
    case 'done': {
      const resident = new Map<bigint, boolean>();
      for (const entry of byKey.get('res') ?? []) {
        const [base, flag] = entry.split(':');
        resident.set(hex(base!), flag === '1');
      }
      return {
        kind: 'done',
        returned: one('ret') === undefined ? null : Number(one('ret')),
        pointer: one('ptr') === undefined ? null : hex(one('ptr')!),
        changed: (byKey.get('w') ?? []).map((entry) => {
          const [address, length] = entry.split('+');
          return { address: hex(address!), length: Number(length) };
        }),
        changedLeftOut: Number(one('wmore') ?? 0),
        filled: one('filled') === '1',
        fillFault: one('fill') === undefined ? null : hex(one('fill')!),
        untracked: one('untracked') === '1',
        gone: (byKey.get('gone') ?? []).map(hex),
        resident,
        mallocs: Number(one('malloc') ?? 0),
        vmCalls: Number(one('vm') ?? 0),
      };
    }
    case 'crash':
      return {
        kind: 'crash',
        signal: Number(one('sig')),
        code: Number(one('code')),
        faultAddress: one('noaddr') === '1' ? null : hex(one('addr') ?? '0'),
        pc: hex(one('pc') ?? '0'),
        frames: frameList(one('frames')),
      };
    case 'stuck':
      return { kind: 'stuck', pc: hex(one('pc') ?? '0'), frames: frameList(one('frames')) };
    default:
      throw new Error(`memtui's driver answered something memtui does not understand: "${line}"`);
  }
}
