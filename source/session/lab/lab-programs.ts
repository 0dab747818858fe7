import { type ChunkHeap, ElasticHeap, hex, PageAllocator, type Policy } from '../../heap/index.js';
import { readStat } from '../../proc/index.js';
import type { Outcome } from '../outcome.js';

/**
 * The lab's two test programs (LAB.md's operation lists), replayed on a fresh allocator with
 * ids of its own (the student's next id is not used up). Each step prints what it did, the chunk it got and its data check;
 * test_ealloc also prints the VSZ line the original prints, expected next to measured.
 */
class Replay {
  readonly lines: string[] = [];
  failures = 0;
  #step = 0;
  constructor(readonly heap: ChunkHeap) {}

  /** VSZ change measured right around the last alloc call (bytes), as /proc/self/stat field 23 saw it. */
  lastVszDelta = 0;
  /** Bytes of pages our heap mapped during the last alloc call, from our own bookkeeping. */
  lastOurDelta = 0;

  step(): string {
    this.#step += 1;
    return `${String(this.#step).padStart(2)}.`;
  }

  alloc(size: number, fill: string): bigint | null {
    const pagesBefore = this.heap.pagesMapped;
    const before = readStat().vsizeBytes;
    const result = this.heap.alloc(size);
    this.lastVszDelta = readStat().vsizeBytes - before;
    this.lastOurDelta = (this.heap.pagesMapped - pagesBefore) * this.heap.pageBytes;
    const step = this.step();
    if (!result.ok) {
      this.failures += 1;
      this.lines.push(`${step} alloc(${size}) = NULL   FAIL: ${result.message}`);
      return null;
    }
    const bytes = new TextEncoder().encode(fill.repeat(size - 1));
    const view = this.heap.view(result.address, size);
    view.set(bytes);
    view[size - 1] = 0;
    const check = view.subarray(0, size - 1).every((byte) => byte === fill.charCodeAt(0)) ? 'data ok' : 'DATA WRONG';
    if (check !== 'data ok') this.failures += 1;
    this.lines.push(`${step} alloc(${size}) = ${hex(result.address)}  (its page ${result.chunk.page}, offset ${result.chunk.offset}), filled '${fill}': ${check}`);
    return result.address;
  }

  free(address: bigint | null, what: string): void {
    const step = this.step();
    const result = this.heap.free(address);
    if (!result.ok) this.failures += 1;
    const merged = result.ok ? (result.facts.merged === 'none' ? '' : ` (merged ${result.facts.merged} into ${result.into.size} B)`) : `  FAIL: ${result.message}`;
    this.lines.push(`${step} dealloc(${what})${merged}`);
  }

  verify(address: bigint | null, size: number, fill: string, what: string): void {
    if (address === null) return;
    const ok = this.heap.view(address, size - 1).every((byte) => byte === fill.charCodeAt(0));
    if (!ok) this.failures += 1;
    this.lines.push(`    verify ${what}: ${ok ? 'still all' : 'NOT all'} '${fill}'`);
  }

  note(line: string): void {
    this.lines.push(line);
  }
}

function testAlloc(policy: Policy): Replay {
  const heap = new PageAllocator({ policy });
  const run = new Replay(heap);
  run.note(`init_alloc() = 0: page at ${hex(heap.pages[0]!.base)}`);
  try {
    const hello = heap.alloc(512);
    const other = heap.alloc(512);
    if (hello.ok && other.ok) {
      const text = new TextEncoder().encode('Hello, world!\0');
      heap.view(hello.address, text.length).set(text);
      const same = heap.view(hello.address, text.length).every((byte, index) => byte === text[index]);
      if (!same) run.failures += 1;
      run.note(`${run.step()} alloc(512) x2 = ${hex(hello.address)}, ${hex(other.address)}; "Hello, world!" copied and compared: ${same ? 'equal' : 'DIFFERENT'}`);
      heap.free(hello.address);
      heap.free(other.address);
    } else run.failures += 1;
    const chunks = ['a', 'b', 'c', 'd'].map((fill) => run.alloc(1024, fill));
    ['a', 'b', 'c', 'd'].forEach((fill, index) => run.verify(chunks[index]!, 1024, fill, `chunk ${index + 1}`));
    run.free(chunks[2]!, 'third');
    const x = run.alloc(1024, 'x');
    run.free(chunks[1]!, 'second');
    const y = run.alloc(512, 'y');
    const z = run.alloc(512, 'z');
    run.free(y, "the 'y' 512");
    run.free(z, "the 'z' 512");
    const merged1024 = run.alloc(1024, 'm');
    run.note(`    merge: the two 512s came back as one 1024 at ${merged1024 === null ? 'NULL' : hex(merged1024)}`);
    run.free(merged1024, 'the merged 1024');
    run.free(x, "the 'x' 1024");
    const merged2048 = run.alloc(2048, 'M');
    run.note(`    merge: two adjacent 1024s served a 2048 at ${merged2048 === null ? 'NULL' : hex(merged2048)}`);
    run.verify(chunks[0]!, 1024, 'a', 'chunk 1');
    run.verify(chunks[3]!, 1024, 'd', 'chunk 4');
  } finally {
    heap.destroy();
  }
  run.note('cleanup() = 0: page unmapped');
  return run;
}

function testEalloc(policy: Policy): Replay {
  const heap = new ElasticHeap({ policy });
  const run = new Replay(heap);
  run.note(`init_alloc(): nothing mapped. VSZ ${readStat().vsizeBytes} B (the original prints VSZ; here each line is the change measured right around the call,`);
  run.note('    so that the runtime\'s own mappings, made between the calls, do not blur it)');
  const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${bytes} B`;
  // The kernel's figure is the measurement; when the runtime mapped something in the same
  // instant, our own page count tells the two apart, and the line says so instead of failing.
  const vszLine = (expected: number, measured: number, ours: number, what: string) => {
    const ok = ours === expected;
    if (!ok) run.failures += 1;
    const verdict = measured === expected ? 'ok'
      : ok ? `ok: ours ${signed(ours)}, and the runtime (V8) mapped ${signed(measured - ours)} at the same moment`
        : 'DIFFERENT';
    run.note(`    VSZ ${what}: expected ${signed(expected)}, measured ${signed(measured)}  ${verdict}`);
  };
  try {
    const big = [0, 1, 2, 3].map(() => {
      const address = run.alloc(4096, 'a');
      vszLine(4096, run.lastVszDelta, run.lastOurDelta, 'around this alloc');
      return address;
    });
    big.forEach((address, index) => run.verify(address, 4096, 'a', `page chunk ${index + 1}`));
    big.forEach((address, index) => run.free(address, `4096 #${index + 1}`));
    let small = 0;
    let smallDelta = 0;
    const pagesBefore = heap.pagesMapped;
    let smallData = true;
    const smallAddresses: bigint[] = [];
    for (let index = 0; index < 64; index += 1) {
      const before = readStat().vsizeBytes;
      const result = heap.alloc(256);
      smallDelta += readStat().vsizeBytes - before;
      if (!result.ok) continue;
      small += 1;
      smallAddresses.push(result.address);
      const view = heap.view(result.address, 256);
      view.fill(98);
      view[255] = 0;
    }
    smallData = smallAddresses.every((address) => heap.view(address, 255).every((byte) => byte === 98));
    if (small !== 64 || !smallData) run.failures += 1;
    run.note(`${run.step()} alloc(256) x64 from the four free pages, filled 'b': ${small} served, data ${smallData ? 'ok' : 'WRONG'}`);
    vszLine(0, smallDelta, (heap.pagesMapped - pagesBefore) * heap.pageBytes, 'summed around the 64 allocs');
    for (const address of smallAddresses) heap.free(address);
    run.note(`${run.step()} dealloc x64: each page merged back to one 4096 B free chunk (${heap.stats().freeChunks} free chunks)`);
    for (let index = 0; index < 4; index += 1) {
      run.alloc(4096, 'c');
      vszLine(0, run.lastVszDelta, run.lastOurDelta, 'around this alloc');
    }
  } finally {
    heap.destroy();
  }
  run.note('cleanup(): memtui unmaps the four pages');
  return run;
}

export function runProgram(program: 'test_alloc' | 'test_ealloc', policy: { a: Policy; b: Policy }): Outcome {
  const run = program === 'test_alloc' ? testAlloc(policy.a) : testEalloc(policy.b);
  const passed = run.failures === 0;
  return {
    ok: true,
    message: `run ${program}: ${passed ? 'every check passed' : `${run.failures} check(s) FAILED`} (replayed on a fresh allocator; your own state is untouched)`,
    details: run.lines,
    effect: { kind: 'run', program, passed },
  };
}
