import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Mapping, pageSize } from '../source/native/index.js';
import {
  MemoryReader, ProcError, classifyRegion, parseLimits, parseMaps, parseStat, parseStatus, readLimits, readMaps,
  readStat, readStatus, runPs, setProcRoot,
} from '../source/proc/index.js';

afterEach(() => setProcRoot('/proc'));

describe('/proc readers on this process', () => {
  it('status and stat agree on VSZ', () => {
    const stat = readStat();
    const status = readStatus();
    expect(status.pid).toBe(process.pid);
    expect(stat.pid).toBe(process.pid);
    expect(Math.abs(stat.vsizeBytes / 1024 - status.vmSizeKiB)).toBeLessThanOrEqual(1024);
    expect(status.vmRssKiB).toBeGreaterThan(0);
    expect(status.rssAnonKiB + status.rssFileKiB + status.rssShmemKiB).toBe(status.vmRssKiB);
  });

  it('parses every line of the real maps and classifies the regions a student looks for', () => {
    const entries = readMaps();
    expect(entries.length).toBeGreaterThan(10);
    const kinds = new Set(entries.map((entry) => classifyRegion(entry)));
    for (const kind of ['code', 'library', 'stack', 'anonymous'] as const) expect(kinds).toContain(kind);
    for (const entry of entries) expect(entry.end > entry.start).toBe(true);
  });

  it('agrees with the real ps on VSZ to the kB and on RSS within 2 MiB', async () => {
    // Sample several times; ps and /proc are read a few ms apart, and Node may map in between.
    let vszMatches = 0;
    for (let round = 0; round < 5; round += 1) {
      const before = readStatus();
      const ps = await runPs(process.pid);
      const after = readStatus();
      if (ps.vszKiB === before.vmSizeKiB || ps.vszKiB === after.vmSizeKiB) vszMatches += 1;
      expect(Math.abs(ps.rssKiB - after.vmRssKiB)).toBeLessThanOrEqual(2048);
      expect(ps.raw.trim().split(/\s+/)).toHaveLength(2);
    }
    expect(vszMatches).toBeGreaterThanOrEqual(4);
  });

  it('reads another PID the user may read (the parent)', () => {
    const status = readStatus(process.ppid);
    expect(status.pid).toBe(process.ppid);
  });

  it('says clearly when a PID does not exist, for /proc and for ps', async () => {
    const missing = 4_194_304 + 7; // above pid_max's highest possible value
    expect(() => readStatus(missing)).toThrow(ProcError);
    expect(() => readStatus(missing)).toThrow(/no process with PID 4194311/);
    await expect(runPs(missing)).rejects.toThrow(/no process with PID 4194311/);
    await expect(runPs(-3)).rejects.toThrow(/not a PID/);
  });

  it('says /proc does not exist when it does not (not Linux)', () => {
    setProcRoot('/nonexistent-proc-root');
    expect(() => readStat()).toThrow(/does not exist: memtui reads .* only Linux has/);
  });

  it('names a permission refusal', () => {
    // Permission cannot be refused to root for real, so a captured tree with an unreadable file stands in.
    const root = mkdtempSync(join(tmpdir(), 'memtui-proc-'));
    mkdirSync(join(root, 'self'));
    mkdirSync(join(root, '77'));
    writeFileSync(join(root, '77', 'status'), 'x', { mode: 0o000 });
    setProcRoot(root);
    if (process.getuid?.() === 0) {
      // root reads mode-000 files, so point at a directory instead, which fails with EISDIR.
      mkdirSync(join(root, '78', 'status'), { recursive: true });
      expect(() => readStatus(78)).toThrow(/could not read/);
    } else {
      expect(() => readStatus(77)).toThrow(/not allowed to read/);
    }
  });

  it('MemoryReader reads VmSize and VmRSS as status has them; one mmap moves VSZ by exactly one page, a write RSS', () => {
    const page = pageSize();
    const reader = new MemoryReader();
    const fast = reader.read();
    const slow = readStatus();
    // Read an instant apart: the runtime may have moved them by a little in between.
    expect(Math.abs(fast.vszBytes - slow.vmSizeKiB * 1024)).toBeLessThan(64 * 1024 * 1024);
    expect(fast.rssBytes).toBeGreaterThan(0);
    // V8's own threads may map memory in the same instant: a round is measured again, up to 5 times.
    let exact = false;
    for (let attempt = 0; attempt < 5 && !exact; attempt += 1) {
      const before = reader.read();
      const mapping = Mapping.map();
      const mapped = reader.read();
      mapping.write(0, new Uint8Array([1]));
      const written = reader.read();
      mapping.unmap();
      const unmapped = reader.read();
      exact = mapped.vszBytes - before.vszBytes === page && written.vszBytes === mapped.vszBytes
        && written.rssBytes - mapped.rssBytes >= page && unmapped.vszBytes === before.vszBytes;
    }
    expect(exact).toBe(true);
    reader.close();
  });

  it('MemoryReader on a process that is gone says so, as the status reader does', () => {
    expect(() => new MemoryReader(2 ** 22 + 12_345).read()).toThrow(/no process with PID/);
  });

  it('limits: RLIMIT_AS of this process, and the "unlimited" and numeric forms of the file', () => {
    expect(readLimits()).toHaveProperty('addressSpaceBytes');
    const text = 'Limit                     Soft Limit           Hard Limit           Units     \nMax address space         %s            unlimited            bytes     \n';
    expect(parseLimits(text.replace('%s', 'unlimited'))).toEqual({ addressSpaceBytes: null });
    expect(parseLimits(text.replace('%s', '1228800000'))).toEqual({ addressSpaceBytes: 1_228_800_000 });
  });
});

describe('/proc parsers on captured text', () => {
  it('parses stat with a command name holding spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, index) => String(index + 3));
    fields[0] = 'S';
    const stat = parseStat(`1234 (a (weird) name) ${fields.join(' ')}`);
    expect(stat.comm).toBe('a (weird) name');
    expect(stat.state).toBe('S');
    expect(stat.vsizeBytes).toBe(23);
    expect(stat.rssPages).toBe(24);
    expect(stat.minorFaults).toBe(10);
  });

  it('parses a maps line with a path holding spaces, and one without a path', () => {
    const [named, anonymous] = parseMaps(
      '7f00aa000000-7f00aa001000 r-xp 00001000 08:01 1234   /opt/my app/lib x.so\n'
      + '7f00aa001000-7f00aa003000 rw-p 00000000 00:00 0 \n',
    );
    expect(named).toMatchObject({ start: 0x7f00aa000000n, perms: 'r-xp', offset: 4096, inode: 1234, path: '/opt/my app/lib x.so' });
    expect(anonymous).toMatchObject({ end: 0x7f00aa003000n, path: '', device: '00:00' });
    expect(() => parseMaps('garbage')).toThrow(/not understood/);
  });

  it('refuses a status without VmSize (a kernel thread)', () => {
    expect(() => parseStatus('Name:\tkthreadd\nPid:\t2\n')).toThrow(/no VmSize/);
  });
});
