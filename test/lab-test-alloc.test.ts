/**
 * The lab's test_alloc (Part A, LAB.md "The lab's own test programs") as a vitest file, through
 * the package's own export `memtui/alloc` (resolved to dist/ by package.json "exports"; run
 * `npm run build` first). Strengthened: every chunk carries its own fill pattern, every alloc
 * result is checked (not null, inside the page, at the address first fit must give), and every
 * live chunk is verified after every step, so a split, merge or free that touches a neighbour
 * shows up as corrupted bytes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { alloc, cleanup, dealloc, init_alloc, memory } from 'memtui/alloc';

const PAGESIZE = 4096;

interface Live { ptr: bigint; size: number; fill: Uint8Array; label: string }

/** The lab's fill: `size - 1` copies of `letter` and a NUL, so each chunk reads as a C string. */
function letterFill(letter: string, size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(letter.charCodeAt(0));
  bytes[size - 1] = 0;
  return bytes;
}

function cString(view: Uint8Array): string {
  const end = view.indexOf(0);
  return new TextDecoder().decode(view.subarray(0, end < 0 ? view.length : end));
}

describe('lab test_alloc (Part A) through memtui/alloc', () => {
  const live = new Map<string, Live>();
  let base = 0n;

  afterAll(() => {
    cleanup();
  });

  /** Checks the pointer, writes the chunk's pattern through memory() and remembers it. */
  function take(label: string, size: number, fill: Uint8Array, expectedOffset: number): bigint {
    const ptr = alloc(size);
    expect(ptr, `alloc(${size}) for ${label}`).not.toBeNull();
    const at = ptr!;
    expect(at >= base && at + BigInt(size) <= base + BigInt(PAGESIZE), `${label} inside the page`).toBe(true);
    expect(Number(at - base), `${label}: offset first fit gives`).toBe(expectedOffset);
    for (const other of live.values()) {
      const disjoint = at + BigInt(size) <= other.ptr || other.ptr + BigInt(other.size) <= at;
      expect(disjoint, `${label} overlaps live chunk ${other.label}`).toBe(true);
    }
    memory(at, size).set(fill);
    live.set(label, { ptr: at, size, fill, label });
    return at;
  }

  function drop(label: string): void {
    const chunk = live.get(label)!;
    dealloc(chunk.ptr);
    live.delete(label);
    // The freed chunk is gone from memory()'s point of view at once.
    expect(() => memory(chunk.ptr, 1)).toThrow(RangeError);
  }

  function verifyAll(): void {
    for (const chunk of live.values()) {
      expect(Buffer.from(memory(chunk.ptr, chunk.size)).equals(Buffer.from(chunk.fill)), `bytes of ${chunk.label}`).toBe(true);
    }
  }

  it('init_alloc maps the page and returns 0', () => {
    expect(init_alloc()).toBe(0);
    // The first chunk of an empty page is its base, and a mapped page starts on a page boundary.
    const probe = alloc(8);
    expect(probe).not.toBeNull();
    base = probe!;
    expect(base % BigInt(PAGESIZE)).toBe(0n);
    dealloc(probe);
    expect(() => memory(probe!, 1)).toThrow(RangeError);
  });

  it('alloc 512 twice, "Hello, world!" round-trips through the first, both freed', () => {
    const hello = new Uint8Array(512);
    hello.set(new TextEncoder().encode('Hello, world!\0'));
    for (let i = 14; i < 512; i += 1) hello[i] = (i * 7 + 1) & 0xff;
    const second = new Uint8Array(512).map((_, i) => (i * 13 + 5) & 0xff);
    const first = take('hello', 512, hello, 0);
    take('second512', 512, second, 512);
    verifyAll();
    expect(cString(memory(first, 512))).toBe('Hello, world!');
    drop('hello');
    verifyAll();
    drop('second512');
    // Both frees merged back with the free rest: the whole page is one chunk again.
    const whole = alloc(PAGESIZE);
    expect(whole).toBe(base);
    dealloc(whole);
  });

  it('alloc 4 x 1024 filled a, b, c, d; all four verify; the page is then full', () => {
    take('a', 1024, letterFill('a', 1024), 0);
    take('b', 1024, letterFill('b', 1024), 1024);
    take('c', 1024, letterFill('c', 1024), 2048);
    take('d', 1024, letterFill('d', 1024), 3072);
    verifyAll();
    expect(cString(memory(live.get('c')!.ptr, 1024))).toBe('c'.repeat(1023));
    expect(alloc(8)).toBeNull();
    verifyAll();
  });

  it('free the third, alloc 1024 reuses its place, fill x, verify', () => {
    drop('c');
    verifyAll();
    take('x', 1024, letterFill('x', 1024), 2048);
    verifyAll();
    expect(alloc(8)).toBeNull();
  });

  it('free the second, alloc 512 twice (split of the freed 1024), fill y and z, verify', () => {
    drop('b');
    verifyAll();
    take('y', 512, letterFill('y', 512), 1024);
    verifyAll();
    take('z', 512, letterFill('z', 512), 1536);
    verifyAll();
    expect(alloc(8)).toBeNull();
  });

  it('free both 512s, alloc 1024 (merge of the two), fill, verify', () => {
    drop('y');
    verifyAll();
    // One 512 free: a 1024 does not fit yet.
    expect(alloc(1024)).toBeNull();
    drop('z');
    verifyAll();
    take('merged1024', 1024, letterFill('m', 1024), 1024);
    verifyAll();
    expect(alloc(8)).toBeNull();
  });

  it('free the two adjacent 1024s, alloc 2048 (merge), fill, verify, cleanup', () => {
    drop('merged1024');
    verifyAll();
    expect(alloc(2048)).toBeNull();
    drop('x');
    verifyAll();
    const pattern = new Uint8Array(2048).map((_, i) => (i * 31 + (i >> 8) + 3) & 0xff);
    take('merged2048', 2048, pattern, 1024);
    verifyAll();
    expect(Object.fromEntries([...live.values()].map((chunk) => [chunk.label, Number(chunk.ptr - base)])))
      .toEqual({ a: 0, merged2048: 1024, d: 3072 });
    expect(alloc(8)).toBeNull();
    expect(cleanup()).toBe(0);
    live.clear();
    // After cleanup nothing is handed out and nothing of the old page is reachable.
    expect(alloc(8)).toBeNull();
    expect(() => memory(base, 1)).toThrow(RangeError);
    expect(cleanup()).toBe(1);
  });
});
