import { ElasticHeap, type FreeResult, hex, PageAllocator, policyDescriptions } from '../heap/index.js';
import { NativeError } from '../native/index.js';
import type { Command, HeapMode } from './command.js';
import { fail, type Outcome, plural } from './outcome.js';
import { type Heap, partName, type SessionState } from './session-state.js';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

function notReady(state: SessionState): Outcome {
  return fail(`the ${partName[state.mode]} is not initialised: type init (or mode ${state.mode === 'a' ? 'b' : 'a'} for the other allocator)`);
}

export function mode(state: SessionState, command: Of<'mode'>): Outcome {
  state.mode = command.mode;
  const live = state.heap() ? 'live' : 'not initialised yet: type init';
  return { ok: true, message: `mode ${command.mode}: the ${partName[command.mode]} (${live})`, effect: { kind: 'mode', mode: command.mode } };
}

export function init(state: SessionState): Outcome {
  const part = state.mode;
  if (state.heap(part)) return fail(`the ${partName[part]} is already initialised: cleanup first to start over`);
  try {
    if (part === 'a') state.partA = new PageAllocator({ policy: state.policy.a, nextId: state.nextId });
    else state.partB = new ElasticHeap({ policy: state.policy.b, nextId: state.nextId });
  } catch (error) {
    if (error instanceof NativeError) return fail(`init: ${error.message}`);
    throw error;
  }
  const heap = state.heap(part)!;
  const message = part === 'a'
    ? `init_alloc: Part A mapped its page at ${hex(heap.pages[0]!.base)} (${heap.pageBytes} B, all usable, bookkeeping kept outside it)`
    : `init_alloc: Part B ready with nothing mapped; the first alloc maps the first page (at most ${heap.maxPages})`;
  return { ok: true, message, effect: { kind: 'init', part } };
}

export function alloc(state: SessionState, command: Of<'alloc'>): Outcome {
  const heap = state.heap();
  if (!heap) return notReady(state);
  const freeBytesBefore = heap.stats().freeBytes;
  let result;
  try {
    result = heap.alloc(command.size);
  } catch (error) {
    if (error instanceof NativeError) return fail(`alloc ${command.size}: mapping a new page failed: ${error.message}`);
    throw error;
  }
  if (!result.ok) {
    const stats = heap.stats();
    return {
      ok: false,
      error: result.message,
      effect: { kind: 'alloc-refused', part: state.mode, size: command.size, reason: result.reason, freeBytes: stats.freeBytes, largestFreeBytes: stats.largestFreeBytes },
    };
  }
  const { chunk, facts } = result;
  const page = state.pages().find((entry) => entry.owner === state.mode && entry.heapPage === chunk.page)!;
  const how = facts.split ? `split a ${facts.fromFreeBytes} B free chunk` : `used a ${facts.fromFreeBytes} B free chunk whole`;
  const mapped = facts.pageMapped ? ` - no free chunk fitted, so a new page was mapped (p${page.index}, now ${plural(heap.pagesMapped, 'page')})` : '';
  const search = ` - ${heap.policy} fit, ${plural(facts.examined, 'free chunk')} examined`;
  return {
    ok: true,
    message: `alloc ${command.size} -> #${chunk.id} at ${hex(chunk.address)} (p${page.index}, offset ${chunk.offset}) - ${how}${mapped}${search}`,
    effect: { kind: 'alloc', part: state.mode, chunk, facts, policy: heap.policy, freeBytesBefore, pageName: `p${page.index}` },
  };
}

function describeFree(state: SessionState, part: HeapMode, result: Extract<FreeResult, { ok: true }>): Outcome {
  const { freed, into, facts } = result;
  state.freedIds.add(freed.id);
  const merged = {
    none: 'no free neighbour, nothing merged',
    left: `merged with the free chunk on its left into ${into.size} B free`,
    right: `merged with the free chunk on its right into ${into.size} B free`,
    both: `merged with both free neighbours into ${into.size} B free`,
  }[facts.merged];
  return {
    ok: true,
    message: `free #${freed.id} (${freed.size} B at ${hex(freed.address)}) - ${merged}`,
    effect: { kind: 'free', part, chunk: freed, into, facts },
  };
}

export function free(state: SessionState, command: Of<'free'>): Outcome {
  const target = command.target;
  if (target.kind === 'page') {
    const heap = state.heap();
    if (!heap || heap.stats().usedChunks === 0) {
      return fail(`nothing to free: no chunk is allocated in the ${partName[state.mode]} (alloc <size> makes one)`);
    }
    return fail(`free takes a chunk, not a page (${target.text}): press Tab and pick one in the chunk list, or type free #<id>`);
  }
  if (target.kind === 'id') {
    if (state.raw.has(target.id)) return fail(`#${target.id} is a raw mapping, not a chunk: munmap #${target.id} gives it back`);
    for (const part of ['a', 'b'] as const) {
      const heap = state.heap(part);
      if (heap?.chunkById(target.id)) {
        const result = heap.freeById(target.id);
        return result.ok ? describeFree(state, part, result) : fail(result.message);
      }
    }
    if (state.freedIds.has(target.id)) return fail(`free #${target.id}: that chunk was already freed (a double free); nothing changed`);
    return fail(`free #${target.id}: no live chunk has that id (${state.liveChunkIds()})`);
  }
  const address = target.address;
  for (const part of ['a', 'b'] as const) {
    const heap: Heap | null = state.heap(part);
    if (!heap?.chunkAt(address)) continue;
    const result = heap.free(address);
    return result.ok ? describeFree(state, part, result) : fail(result.message);
  }
  const raw = [...state.raw.entries()].find(([, mapping]) => mapping.contains(address));
  if (raw) return fail(`${hex(address)} is in the raw mapping #${raw[0]}, not in a heap: munmap #${raw[0]} gives it back`);
  return fail(`free ${hex(address)}: not inside any page of ours (${state.liveChunkIds()})`);
}

export function cleanup(state: SessionState): Outcome {
  const part = state.mode;
  const heap = state.heap(part);
  if (!heap) return fail(`the ${partName[part]} is not initialised: nothing to clean up`);
  const pages = heap.pagesMapped;
  heap.destroy();
  if (part === 'a') state.partA = null;
  else state.partB = null;
  return {
    ok: true,
    message: `cleanup: the ${partName[part]} forgot its chunks and unmapped ${plural(pages, 'page')}`,
    effect: { kind: 'cleanup', part, pagesUnmapped: pages },
  };
}

export function policy(state: SessionState, command: Of<'policy'>): Outcome {
  const part = state.mode;
  if (command.policy === null) {
    return { ok: true, message: `policy of the ${partName[part]}: ${policyDescriptions[state.policy[part]]}`, effect: { kind: 'none' } };
  }
  state.policy[part] = command.policy;
  const heap = state.heap(part);
  if (heap) heap.policy = command.policy;
  return {
    ok: true,
    message: `policy ${command.policy} for the ${partName[part]}: ${policyDescriptions[command.policy]}`,
    effect: { kind: 'policy', part, policy: command.policy },
  };
}
