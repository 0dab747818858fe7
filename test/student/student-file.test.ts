import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFolder } from '../../source/student/cache-folder.js';
import { driverBinaryName } from '../../source/student/driver-build.js';
import { partFromName, studentFile } from '../../source/student/student-file.js';

describe("a student's file", () => {
  it('is Part B when a word of its name starts with ealloc, not for the ealloc inside dealloc', () => {
    expect(partFromName('ealloc.c')).toBe('b');
    expect(partFromName('sub/my_ealloc-v2.so')).toBe('b');
    expect(partFromName('EALLOC.C')).toBe('b');
    expect(partFromName('libealloc.so')).toBe('b');
    expect(partFromName('liballoc.so')).toBeNull();
    expect(partFromName('alloc.c')).toBeNull();
    expect(partFromName('alloc-crash-dealloc-null.c')).toBeNull();
    expect(partFromName('ealloc/alloc.c')).toBeNull(); // the folder's name does not count
  });

  it('takes --part over the name, and says where the part came from', () => {
    const folder = mkdtempSync(join(tmpdir(), 'memtui-file-'));
    writeFileSync(join(folder, 'ealloc.c'), '');
    writeFileSync(join(folder, 'alloc.so'), '');
    expect(studentFile(join(folder, 'ealloc.c'))).toMatchObject({ kind: 'c', part: 'b', partFrom: 'name' });
    expect(studentFile(join(folder, 'ealloc.c'), 'a')).toMatchObject({ part: 'a', partFrom: 'flag' });
    expect(studentFile(join(folder, 'alloc.so'))).toMatchObject({ kind: 'so', part: 'a', partFrom: 'default' });
  });

  it('refuses a missing file, a folder and a file that is neither .c nor .so, saying what to do', () => {
    const folder = mkdtempSync(join(tmpdir(), 'memtui-file-'));
    writeFileSync(join(folder, 'notes.txt'), '');
    expect(() => studentFile(join(folder, 'alloc.c'))).toThrow(expect.objectContaining({ kind: 'no-file', message: expect.stringMatching(/alloc\.c: no such file/) }));
    expect(() => studentFile(folder)).toThrow(expect.objectContaining({ kind: 'is-folder', message: expect.stringMatching(/is a folder: give the files in it \(memtui grade .*\/\*\.c\)/) }));
    expect(() => studentFile(join(folder, 'notes.txt'))).toThrow(expect.objectContaining({ kind: 'not-source' }));
  });
});

describe("memtui's cache folder and its driver build", () => {
  it('is $XDG_CACHE_HOME/memtui when absolute, else ~/.cache/memtui', () => {
    expect(cacheFolder({ XDG_CACHE_HOME: '/var/cache/u', HOME: '/home/u' })).toBe('/var/cache/u/memtui');
    expect(cacheFolder({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/memtui');
    expect(cacheFolder({ HOME: '/home/u' })).toBe('/home/u/.cache/memtui');
  });

  it('names the driver binary after its source, so a changed source is built again', () => {
    const name = driverBinaryName('int main(void) { return 0; }');
    expect(name).toMatch(/^driver-[0-9a-f]{16}$/);
    expect(driverBinaryName('int main(void) { return 0; }')).toBe(name);
    expect(driverBinaryName('int main(void) { return 1; }')).not.toBe(name);
  });
});
