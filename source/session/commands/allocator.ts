import { type FreeResult, hex, policies, policyDescriptions } from '../../heap/index.js';
import { NativeError } from '../../native/index.js';
import { type HeapPart, plural } from '../../result/index.js';
import { defineCommand } from '../command/command-spec.js';
import { choiceParam, integerParam, targetParam } from '../command/param.js';
import { type LabState, partName } from '../lab/lab-state.js';
import { liveChunkIds } from '../lab/resolve-target.js';
import { fail, type Outcome } from '../outcome.js';

function notReady(lab: LabState): Outcome {
  const part = lab.part;
  return fail(`the ${partName[part]} is not initialised: type init (or part ${part === 'a' ? 'b' : 'a'} for the other allocator)`);
}

export const part = defineCommand({
  name: 'part', aliases: ['mode'], group: 'allocator',
  summary: 'choose the allocator: a = Part A page manager, b = Part B elastic heap',
  detail: 'init, alloc, free, cleanup and policy act on the chosen part. Both may be live at once. (mode is another name for it.)',
  example: 'part b',
  params: [choiceParam('part', ['a', 'b'] as const, { isNot: 'a part', missing: 'say which allocator', meaning: { a: 'Part A page manager', b: 'Part B elastic heap' } })],
  keys: [{ key: 't', label: 'switch Part A / B', line: ({ part: current }) => `part ${current === 'a' ? 'b' : 'a'}` }],
  run({ lab }, { part: chosen }): Outcome {
    const next = chosen!;
    lab.setPart(next);
    const live = lab.heap(next) ? 'live' : 'not initialised yet: type init';
    return { ok: true, message: `part ${next}: the ${partName[next]} (${live})`, effect: { kind: 'part', part: next } };
  },
});

export const init = defineCommand({
  name: 'init', group: 'allocator', changesMemory: true,
  summary: 'init_alloc() of the chosen part',
  detail: 'Part A maps its one 4 KiB page now; Part B maps nothing until the first alloc needs a page. After load FILE: calls your init_alloc.',
  example: 'init',
  params: [],
  keys: [{ key: 'i', label: 'init allocator', line: () => 'init' }],
  run({ lab }): Outcome {
    const chosen = lab.part;
    if (lab.heap(chosen)) return fail(`the ${partName[chosen]} is already initialised: cleanup first to start over`);
    if (chosen === 'a') {
      const refusal = lab.budget.refusal(4096, lab.pages.mappedPages, lab.pageSize);
      if (refusal) return fail(`init: ${refusal}`);
    }
    let heap;
    try {
      heap = lab.initHeap(chosen);
    } catch (error) {
      if (error instanceof NativeError) return fail(`init: ${error.message}`);
      throw error;
    }
    const message = chosen === 'a'
      ? `init_alloc: Part A mapped its page at ${hex(heap.pages[0]!.base)} (p${lab.heapPageName('a', 0)}, ${heap.pageBytes} B, all usable, bookkeeping kept outside it)`
      : `init_alloc: Part B ready with nothing mapped; the first alloc maps the first page (at most ${heap.maxPages})`;
    return { ok: true, message, effect: { kind: 'init', part: chosen } };
  },
});

/** A size the heap would take, near the one asked, or why none is: every hint must work when typed. */
function sizeRefusal(size: number, unitBytes: number, pageBytes: number): { reason: 'too-large' | 'not-multiple'; message: string } | null {
  if (size > pageBytes) {
    return { reason: 'too-large', message: `alloc ${size}: larger than a page (${pageBytes} B), and a chunk never crosses a page boundary: at most ${pageBytes}` };
  }
  if (size > 0 && size % unitBytes !== 0) {
    const up = Math.ceil(size / unitBytes) * unitBytes;
    return { reason: 'not-multiple', message: `alloc ${size}: size must be a multiple of ${unitBytes} (try ${up})` };
  }
  return null;
}

export const alloc = defineCommand({
  name: 'alloc', group: 'allocator', changesMemory: true,
  summary: 'alloc(size) bytes: a multiple of 8 (Part A) or of 256 (Part B), at most 4096',
  detail: 'Shows the chunk it got, whether a free chunk was split, whether a page was mapped, and what the kernel saw. After load FILE: calls your alloc.',
  example: 'alloc 512',
  params: [integerParam('size', 'size')],
  keys: [{ key: 'a', label: 'alloc (asks the size)', prompt: 'alloc ' }],
  run({ lab }, { size }): Outcome {
    const chosen = lab.part;
    const heap = lab.heap(chosen);
    if (!heap) return notReady(lab);
    const refused = sizeRefusal(size, heap.unitBytes, heap.pageBytes);
    const freeBytesBefore = heap.stats().freeBytes;
    let result;
    try {
      result = refused === null ? lab.alloc(chosen, size) : null;
    } catch (error) {
      if (error instanceof NativeError) return fail(`alloc ${size}: mapping a new page failed: ${error.message}`);
      throw error;
    }
    if (result === null || !result.ok) {
      const stats = heap.stats();
      const refusal = refused ?? (result as { reason: string; message: string });
      return {
        ok: false,
        error: refusal.message,
        effect: { kind: 'alloc-refused', part: chosen, size, reason: refusal.reason, freeBytes: stats.freeBytes, largestFreeBytes: stats.largestFreeBytes },
      };
    }
    const { chunk, facts } = result;
    const pageName = lab.heapPageName(chosen, chunk.page);
    const how = facts.pageMapped
      ? `no free chunk fitted, so a new page was mapped (p${pageName}, now ${plural(heap.pagesMapped, 'page')}): ${facts.split ? `split its ${facts.fromFreeBytes} B` : `used its ${facts.fromFreeBytes} B whole`}`
      : facts.split ? `split a ${facts.fromFreeBytes} B free chunk` : `used a ${facts.fromFreeBytes} B free chunk whole`;
    // The search itself never walks a list (see docs/allocators.md); this is what a list walk would have cost.
    const looked = !facts.pageMapped ? plural(facts.examined, 'free chunk')
      : facts.examined === 0 ? 'nothing: the free list was empty' : `all ${plural(facts.examined, 'free chunk')}, none fitting`;
    const walk = ` - ${heap.policy} fit (a free-list walk would look at ${looked})`;
    return {
      ok: true,
      message: `alloc ${size} -> #${chunk.id} at ${hex(chunk.address)} (p${pageName}, offset ${chunk.offset}) - ${how}${walk}`,
      effect: { kind: 'alloc', part: chosen, chunk, facts, policy: heap.policy, freeBytesBefore, pageName },
    };
  },
});

function describeFree(part: HeapPart, result: Extract<FreeResult, { ok: true }>): Outcome {
  const { freed, into: mergedInto, facts } = result;
  const merged = {
    none: 'no free neighbour, nothing merged',
    left: `merged with the free chunk on its left into ${mergedInto.size} B free`,
    right: `merged with the free chunk on its right into ${mergedInto.size} B free`,
    both: `merged with both free neighbours into ${mergedInto.size} B free`,
  }[facts.merged];
  return {
    ok: true,
    message: `free #${freed.id} (${freed.size} B at ${hex(freed.address)}) - ${merged}`,
    effect: { kind: 'free', part, chunk: freed, mergedInto, facts },
  };
}

export const free = defineCommand({
  name: 'free', aliases: ['dealloc'], group: 'allocator', changesMemory: true,
  summary: 'dealloc() a chunk: frees it and merges it with free neighbours',
  detail: 'Frees the whole chunk and merges it with free neighbours in the same page. Wrong addresses are named, never freed. After load FILE: calls your dealloc with the chunk\'s address, or any address (free 0x0 is dealloc(NULL)).',
  example: 'free #3',
  params: [targetParam()],
  keys: [{ key: 'd', label: 'free selected chunk', line: ({ chunk, page }) => { const target = chunk ?? page; return target && `free ${target}`; } }],
  run({ lab }, { target }): Outcome {
    if (target.kind === 'page') {
      const heap = lab.heap();
      if (!heap || heap.stats().usedChunks === 0) {
        return fail(`nothing to free: no chunk is allocated in the ${partName[lab.part]} (alloc <size> makes one)`);
      }
      return fail(`free takes a chunk, not a page (${target.text}): press Tab and pick one in the chunk list, or type free #<id>`);
    }
    if (target.kind === 'id') {
      if (lab.raw(target.id)) return fail(`#${target.id} is a raw mapping, not a chunk: munmap #${target.id} gives it back`);
      for (const each of ['a', 'b'] as const) {
        if (lab.heap(each)?.chunkById(target.id)) {
          const result = lab.free(each, { id: target.id });
          return result.ok ? describeFree(each, result) : fail(result.message);
        }
      }
      if (lab.wasFreed(target.id)) return fail(`free #${target.id}: that chunk was already freed (a double free); nothing changed`);
      return fail(`free #${target.id}: no live chunk has that id (${liveChunkIds(lab)})`);
    }
    const address = target.address;
    const span = lab.pages.at(address);
    if (span?.owner.kind === 'heap') {
      const result = lab.free(span.owner.part, { address });
      return result.ok ? describeFree(span.owner.part, result) : fail(result.message);
    }
    if (span?.owner.kind === 'raw') return fail(`${hex(address)} is in the raw mapping #${span.owner.id}, not in a heap: munmap #${span.owner.id} gives it back`);
    return fail(`free ${hex(address)}: not inside any page of ours (${liveChunkIds(lab)})`);
  },
});

export const cleanup = defineCommand({
  name: 'cleanup', group: 'allocator', changesMemory: true,
  summary: 'cleanup() of the chosen part: forget every chunk and unmap its pages',
  detail: 'Part A unmaps its page; Part B unmaps every page it mapped (VSZ shrinks by them). After load FILE: calls your cleanup.',
  example: 'cleanup',
  params: [],
  keys: [{ key: 'c', label: 'cleanup allocator', line: () => 'cleanup' }],
  run({ lab }): Outcome {
    const chosen = lab.part;
    if (!lab.heap(chosen)) return fail(`the ${partName[chosen]} is not initialised: nothing to clean up`);
    const pages = lab.cleanupHeap(chosen);
    return {
      ok: true,
      message: `cleanup: the ${partName[chosen]} forgot its chunks and unmapped ${plural(pages, 'page')}`,
      effect: { kind: 'cleanup', part: chosen, pagesUnmapped: pages },
    };
  },
});

export const policy = defineCommand({
  name: 'policy', group: 'allocator',
  summary: 'choose where alloc places a chunk; without a name, shows the current one',
  detail: 'first: lowest address that fits; best: smallest that fits; worst: largest; next: first fit after the last allocation, wrapping.',
  example: 'policy best',
  params: [choiceParam('policy', policies, { fallback: null, isNot: 'a policy' })],
  run({ lab }, { policy: chosen }): Outcome {
    const current = lab.part;
    if (chosen === null) {
      return { ok: true, message: `policy of the ${partName[current]}: ${policyDescriptions[lab.policy(current)]}`, effect: { kind: 'none' } };
    }
    lab.setPolicy(current, chosen);
    return {
      ok: true,
      message: `policy ${chosen} for the ${partName[current]}: ${policyDescriptions[chosen]}`,
      effect: { kind: 'policy', part: current, policy: chosen },
    };
  },
});
