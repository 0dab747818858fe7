import { describe, expect, it } from 'vitest';
import {
  PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED, decodePagemap, parseProcMountOptions, parseSmaps, parseStat, parseStatus,
} from '../../source/proc/index.js';
import { ChangeTracker } from '../../source/target/change-tracker.js';
import { describeExit } from '../../source/target/exit-report.js';
import { OutputBuffer } from '../../source/target/output-buffer.js';
import { PAGE_CHANGED, parseAddress } from '../../source/target/index.js';

/** pagemap entries as the kernel writes them: 64-bit values in the CPU's byte order. */
function entries(values: bigint[]): Uint32Array {
  return new Uint32Array(new BigUint64Array(values).buffer);
}

const bit = (n: number): bigint => 1n << BigInt(n);

describe('decodePagemap (pagemap.rst bits, 32-bit words)', () => {
  it('present (63), swapped (62), neither; exclusive (56) tells a shared present page; frame bits are ignored', () => {
    const words = entries([
      bit(63) | bit(56) | 0x12345n, // present, exclusively mapped, a frame number (root sees it)
      bit(63), // present, mapped more than once (the zero page, or shared)
      bit(62) | 0x7n, // swapped (swap type 7)
      0n, // not present
      bit(61), // file page bit alone: not present
      bit(63) | bit(62) | bit(56), // both bits: present wins
      bit(55) | bit(57), // soft-dirty, uffd-wp: not present
    ]);
    const states = new Uint8Array(9).fill(0xee);
    const counts = decodePagemap(words, 7, states, 1);
    expect(counts).toEqual({ present: 3, swapped: 1, presentShared: 1 });
    expect([...states]).toEqual([0xee, PAGE_PRESENT, PAGE_PRESENT, PAGE_SWAPPED, PAGE_ABSENT, PAGE_ABSENT, PAGE_PRESENT, PAGE_ABSENT, 0xee]);
  });

  it('decodes only `count` entries', () => {
    const states = new Uint8Array(2);
    expect(decodePagemap(entries([bit(63), bit(63)]), 1, states, 0)).toEqual({ present: 1, swapped: 0, presentShared: 1 });
    expect([...states]).toEqual([PAGE_PRESENT, 0]);
  });
});

describe('ChangeTracker', () => {
  it('marks changed pages against the newest earlier reading that covered each page', () => {
    const tracker = new ChangeTracker();
    expect(tracker.mark(100, Uint8Array.from([0, 1, 0, 0]))).toEqual({ changed: 0, seenBefore: false });
    const second = Uint8Array.from([1, 1, 0, 2]);
    expect(tracker.mark(100, second)).toEqual({ changed: 2, seenBefore: true });
    expect([...second]).toEqual([1 | PAGE_CHANGED, 1, 0, 2 | PAGE_CHANGED]);
    // A window shifted by two: pages 102-103 compare with the second reading, 104-105 are new.
    const window = Uint8Array.from([0, 0, 1, 1]);
    expect(tracker.mark(102, window)).toEqual({ changed: 1, seenBefore: true });
    expect([...window]).toEqual([0, 0 | PAGE_CHANGED, 1, 1]);
    // Page 103 is now compared with the window (0), not with the older reading (2).
    const again = Uint8Array.from([1, 1, 0, 0]);
    expect(tracker.mark(100, again)).toEqual({ changed: 0, seenBefore: true });
    tracker.forget();
    expect(tracker.mark(100, Uint8Array.from([1]))).toEqual({ changed: 0, seenBefore: false });
  });

  it('keeps a bounded number of readings', () => {
    const tracker = new ChangeTracker(2);
    tracker.mark(0, Uint8Array.from([1]));
    tracker.mark(10, Uint8Array.from([1]));
    tracker.mark(20, Uint8Array.from([1]));
    expect(tracker.mark(0, Uint8Array.from([0]))).toEqual({ changed: 0, seenBefore: false });
  });
});

describe('OutputBuffer', () => {
  it('joins lines split across chunks, drops \\r of CRLF, keeps streams apart, and orders lines by when they began', () => {
    const buffer = new OutputBuffer(10);
    buffer.append('stdout', 'hel');
    buffer.append('stderr', 'oops\r\n');
    buffer.append('stdout', 'lo\n\nworld');
    expect(buffer.lines()).toEqual([
      { seq: 1, stream: 'stdout', text: 'hello', complete: true },
      { seq: 2, stream: 'stderr', text: 'oops', complete: true },
      { seq: 3, stream: 'stdout', text: '', complete: true },
      { seq: 4, stream: 'stdout', text: 'world', complete: false },
    ]);
    expect(buffer.finish('stdout')).toMatchObject({ seq: 4, complete: true });
    expect(buffer.finish('stdout')).toBeNull();
  });

  it('keeps the last N lines and counts the dropped ones', () => {
    const buffer = new OutputBuffer(3);
    buffer.append('stdout', 'a\nb\nc\nd\ne\nf\ng\n');
    expect(buffer.lines().map((line) => line.text)).toEqual(['e', 'f', 'g']);
    expect(buffer.dropped).toBe(4);
    expect(buffer.lastSeq).toBe(7);
  });
});

describe('/proc parsers of the new fields', () => {
  it('stat: field 4 (ppid) and field 22 (start time)', () => {
    const fields = Array.from({ length: 50 }, (_, index) => String(index + 3));
    fields[0] = 'Z';
    expect(parseStat(`77 (a) b) ${fields.join(' ')}`)).toMatchObject({ pid: 77, comm: 'a) b', state: 'Z', parentPid: 4, startTicks: 22 });
  });

  it('status: Uid, State, Tgid; a missing Uid reads as -1, never as root', () => {
    const status = parseStatus('Name:\tx\nState:\tS (sleeping)\nTgid:\t10\nPid:\t11\nUid:\t1000\t1001\t1002\t1003\nVmSize:\t 10 kB\n');
    expect(status).toMatchObject({ name: 'x', state: 'S (sleeping)', tgid: 10, pid: 11, uids: [1000, 1001, 1002, 1003], vmSizeKiB: 10 });
    expect(parseStatus('Name:\tx\nPid:\t5\nVmSize:\t 1 kB\n').uids).toEqual([-1, -1, -1, -1]);
  });

  it('smaps: AnonHugePages', () => {
    const [entry] = parseSmaps('7f0000000000-7f0000400000 rw-p 00000000 00:00 0 \nRss:                2048 kB\nAnonHugePages:      2048 kB\n');
    expect(entry).toMatchObject({ rssKiB: 2048, anonHugePagesKiB: 2048 });
  });

  it('mount options: hidepid by number or name, gid, the last mount over /proc wins, escaped mount points', () => {
    const mounts = 'proc /proc proc rw,hidepid=2,gid=27 0 0\nproc /proc proc rw,hidepid=noaccess 0 0\nproc /my\\040proc proc rw,hidepid=4 0 0\n';
    expect(parseProcMountOptions(mounts, '/proc')).toEqual({ hidePid: 'noaccess', exemptGroup: null });
    expect(parseProcMountOptions(mounts, '/my proc')).toEqual({ hidePid: 'ptraceable', exemptGroup: null });
    expect(parseProcMountOptions('proc /proc proc rw,hidepid=invisible,gid=27 0 0\n', '/proc')).toEqual({ hidePid: 'invisible', exemptGroup: 27 });
    expect(parseProcMountOptions('proc /proc proc rw,relatime 0 0\n', '/proc')).toEqual({ hidePid: 'off', exemptGroup: null });
    expect(parseProcMountOptions('', '/proc')).toEqual({ hidePid: 'off', exemptGroup: null });
  });
});

describe('addresses and exit reports', () => {
  it('parseAddress takes 0x text, whole numbers and bigints, and says what is wrong otherwise', () => {
    expect(parseAddress('0x7F10f8836000')).toBe(0x7f10f8836000n);
    expect(parseAddress(4096)).toBe(4096n);
    expect(parseAddress(5n)).toBe(5n);
    expect(parseAddress('7f10')).toBe('"7f10" is not an address (write it with 0x in front: 0x7f10)');
    expect(parseAddress('main')).toBe('"main" is not an address (e.g. 0x7f10f8836000, as maps prints it with 0x in front)');
    expect(parseAddress(-1)).toBe('-1 is not an address: addresses are not negative');
    expect(parseAddress(0.5)).toMatch(/is not an address/);
    expect(parseAddress(`0x1${'0'.repeat(16)}`)).toBe('0x10000000000000000 is outside the 64-bit address space');
  });

  it('describeExit: stdbuf\'s own statuses 125-127 are said as a failure to start', () => {
    expect(describeExit('prog', 127, null, true).message).toBe('prog did not start: stdbuf could not run it (status 127); try memtui without line buffering');
    expect(describeExit('prog', 127, null, false).message).toBe('prog exited with status 127');
    expect(describeExit('prog', null, 'SIGKILL', false)).toMatchObject({ signalNumber: 9, message: expect.stringContaining('out-of-memory killer') });
  });
});
