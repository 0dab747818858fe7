import { hex } from '../../heap/index.js';
import { plural } from '../../result/index.js';
import { describeStack, outputTail, type PolicyName, policyChoice, type StepResult } from '../../student/index.js';
import type { CommandContext } from '../command/command-spec.js';
import type { Target } from '../command/target.js';
import { fail, type Outcome } from '../outcome.js';
import type { LoadedAllocator } from './loaded-allocator.js';
import { gapsText, pageName, pointerText, ruleLines, sizeAllowed, unitOf, writesOf } from './student-call-text.js';

// init, alloc, free and cleanup while a student's allocator is loaded: each calls their
// function in the driver process and says what it returned and what was seen around it.

/** Their call crashed, hung, or found the process gone: a failed result, and memtui's own allocators are current again. */
function ended(loaded: LoadedAllocator, context: CommandContext, call: string, step: StepResult): Outcome {
  // The driver is gone (or killed after its timeout); closing removes the build too.
  context.setSubject(null);
  const back = `${loaded.name} is unloaded: memtui's own allocators and pages are current again (load ${loaded.file} to start over)`;
  const base = { part: loaded.part, call, signal: null, faultAddress: null, function: null, file: null, line: null };
  const { outcome } = step;
  if (outcome.kind === 'crashed') {
    const { crash } = outcome;
    const theirs = crash.stack.find((place) => place.inLibrary);
    const printed = outputTail(crash.output);
    const details = [
      [crash.signal ? `signal: ${crash.signal}` : `exit status: ${crash.exitCode}`, ...(crash.faultAddress === null ? [] : [`fault address: ${hex(crash.faultAddress)}`]), `during: ${call}`].join('; '),
      ...(crash.stack.length > 0 ? [`where: ${describeStack(crash.stack)}`] : []),
      ...(printed ? [`it printed: ${printed}`] : []),
      back,
    ];
    const what = crash.signal ? `${call} crashed with ${crash.signal}: ${crash.cause}${crash.stack.length > 0 ? `; ${describeStack(crash.stack)}` : ''}` : `${call}: ${crash.cause}`;
    return {
      ok: false, error: `${what} - the process running it died, not memtui`, details,
      effect: { kind: 'student-ended', ...base, how: 'crash', signal: crash.signal, faultAddress: crash.faultAddress, function: theirs?.function ?? null, file: theirs?.file ?? null, line: theirs?.line ?? null },
    };
  }
  if (outcome.kind === 'timed-out') {
    const { hang } = outcome;
    const theirs = hang.stack.find((place) => place.inLibrary);
    const where = hang.stack.length > 0 ? `; it was ${describeStack(hang.stack)} when memtui stopped it` : '';
    const printed = outputTail(hang.output);
    return {
      ok: false,
      error: `${call} did not return within ${hang.timeoutMs} ms (an endless loop?)${where}`,
      details: [
        ...(hang.stack.length > 0 ? [`where: ${describeStack(hang.stack)}`] : []),
        ...(printed ? [`it printed: ${printed}`] : []),
        back,
      ],
      effect: { kind: 'student-ended', ...base, how: 'timeout', function: theirs?.function ?? null, file: theirs?.file ?? null, line: theirs?.line ?? null },
    };
  }
  const message = outcome.kind === 'not-running' ? outcome.message : 'the process running it is gone';
  return { ok: false, error: `${call}: ${message}`, details: [back], effect: { kind: 'student-ended', ...base, how: 'gone' } };
}

/** The driver ended between two calls (killed from outside): said, and memtui's own allocators are current again. */
export function gone(loaded: LoadedAllocator, context: CommandContext, command: string): Outcome {
  context.setSubject(null);
  return {
    ok: false,
    error: `${command}: the process running ${loaded.name} (PID ${loaded.pid}) has ended, not through memtui (killed from outside?)`,
    details: [`${loaded.name} is unloaded: memtui's own allocators and pages are current again (load ${loaded.file} to start over)`],
    effect: { kind: 'student-ended', part: loaded.part, call: command, how: 'gone', signal: null, faultAddress: null, function: null, file: null, line: null },
  };
}

/** The lab's expectation of init, when their code did otherwise. */
function initNote(part: 'a' | 'b', wasInitialised: boolean, step: StepResult, value: number | null): string {
  const mapped = step.pagesMapped.length;
  if (part === 'a') {
    if (value !== 0) return ` - not 0: by alloc.h an error${wasInitialised ? ' (it was initialised already: cleanup first?)' : ''}`;
    return mapped === 1 ? '' : ` - Part A's init_alloc maps exactly one page`;
  }
  return mapped === 0 ? ' (Part B maps its first page when alloc needs one)' : ' - Part B\'s init_alloc maps nothing: pages come with alloc, one at a time';
}

export async function callInit(loaded: LoadedAllocator, context: CommandContext): Promise<Outcome> {
  const wasInitialised = loaded.initialised;
  const step = await loaded.allocator.init();
  if (step.outcome.kind !== 'returned') return ended(loaded, context, 'init_alloc()', step);
  const value = step.outcome.value;
  loaded.record(step);
  const pages = step.pagesMapped.map((base) => `${pageName(loaded, base)} at ${hex(base)}`);
  const mapped = pages.length === 0 ? 'mapped nothing' : `mapped ${plural(pages.length, 'page')}: ${pages.slice(0, 4).join(', ')}`;
  const note = initNote(loaded.part, wasInitialised, step, value);
  return {
    ok: true,
    message: `${value === null ? 'init_alloc() returned' : `init_alloc() returned ${value}`}: your code ${mapped}${note}`,
    details: ruleLines(loaded, step, 'init_alloc()'),
    effect: { kind: 'student-init', part: loaded.part, value, pagesMapped: step.pagesMapped.length, theirs: writesOf(step) },
  };
}

const policies: readonly PolicyName[] = ['first', 'best', 'worst', 'next'];

/** "placed as first and next fit would; best fit would choose p0+1536": only when the policies disagree. */
function placementLine(loaded: LoadedAllocator, before: ReturnType<LoadedAllocator['picture']>, size: number, chosen: { pageOrder: number; offset: number } | 'new-page'): string | null {
  const placement = { gaps: [...before.free], size, rover: loaded.rover, mayMapPage: loaded.part === 'b' && before.pages.length < 4 };
  const choices = policies.map((policy) => ({ policy, spot: policyChoice(policy, placement) }));
  const text = (spot: (typeof choices)[number]['spot']) => (spot === null ? 'NULL' : spot === 'new-page' ? 'a new page' : `p${spot.pageOrder}+${spot.offset}`);
  if (new Set(choices.map((choice) => text(choice.spot))).size === 1) return null;
  const chosenText = chosen === 'new-page' ? 'a new page' : `p${chosen.pageOrder}+${chosen.offset}`;
  const matches = choices.filter((choice) => text(choice.spot) === chosenText).map((choice) => choice.policy);
  const others = choices.filter((choice) => text(choice.spot) !== chosenText).map((choice) => `${choice.policy} fit would choose ${text(choice.spot)}`);
  return `placement: ${matches.length > 0 ? `as ${matches.join(' and ')} fit would place it` : 'as none of first/best/worst/next fit would'}; ${others.join(', ')}`;
}

/** Why alloc returned NULL, as far as memtui can tell from outside. */
function nullReason(loaded: LoadedAllocator, size: number): string {
  const unit = unitOf[loaded.part];
  if (!sizeAllowed(loaded.part, size)) return ` - as the lab asks: ${size} is not a positive multiple of ${unit} up to 4096`;
  if (!loaded.initialised) return ' - init has not been called yet (init calls your init_alloc)';
  const { free, pages } = loaded.picture();
  const fitting = free.filter((gap) => gap.size >= size);
  if (fitting.length > 0) {
    const gap = fitting[0]!;
    if (loaded.part === 'a' && gap.size === 4096) return ' although no chunk is allocated: all 4096 bytes of the page must be usable (bookkeeping in the page?)';
    return ` although ${gap.size} B are free in one stretch at p${gap.pageOrder}+${gap.offset} (pages minus the live chunks): a free chunk that fits must be found (not merged?)`;
  }
  if (loaded.part === 'b' && pages.length < 4) return ` although only ${plural(pages.length, 'page')} of 4 ${pages.length === 1 ? 'is' : 'are'} mapped: Part B maps a new page when no free chunk fits`;
  return loaded.part === 'a' ? ` - no free stretch of ${size} B (free: ${gapsText(free)})` : ` - four pages are mapped and none has ${size} B free in one stretch`;
}

export async function callAlloc(loaded: LoadedAllocator, context: CommandContext, size: number): Promise<Outcome> {
  if (!Number.isSafeInteger(size) || size < -(2 ** 31) || size >= 2 ** 31) {
    return fail(`alloc ${size}: alloc takes a C int, from -2,147,483,648 to 2,147,483,647`);
  }
  const call = `alloc(${size})`;
  const before = loaded.picture();
  const step = await loaded.allocator.alloc(size);
  if (step.outcome.kind !== 'returned') return ended(loaded, context, call, step);
  const { address, chunk } = step.outcome;
  loaded.record(step);
  const rules = ruleLines(loaded, step, call);
  const newPages = step.pagesMapped.map((base) => pageName(loaded, base));
  const mapped = newPages.length > 0 ? ` - your code mapped ${newPages.length === 1 ? `a new page, ${newPages[0]}` : `${newPages.length} new pages: ${newPages.join(', ')}`}` : '';
  const details: string[] = [];
  let message: string;
  let page: number | null = null;
  if (address === null) {
    message = `${call} returned NULL${nullReason(loaded, size)}${mapped}`;
  } else if (chunk && chunk.page !== null && chunk.offset !== null) {
    page = loaded.layout.pages.find((candidate) => candidate.base === chunk.page)?.order ?? null;
    message = `${call} -> #${chunk.id} at ${hex(chunk.address)} (p${page}, offset ${chunk.offset})${mapped}`;
    if (!sizeAllowed(loaded.part, size)) rules.unshift(`the lab wants NULL for ${size}: not a positive multiple of ${unitOf[loaded.part]} up to 4096`);
    const placed = step.pagesMapped.includes(chunk.page) ? 'new-page' as const : { pageOrder: page ?? 0, offset: chunk.offset };
    const line = placementLine(loaded, before, size, placed);
    if (line) details.push(line);
    loaded.rover = { pageOrder: page ?? 0, offset: chunk.offset + size };
  } else {
    message = `${call} returned ${hex(address)}${size > 0 ? ', which memtui could not take as a chunk' : ''}${mapped}`;
    if (size <= 0) rules.unshift(`the lab wants NULL for ${size}: not a positive size`);
  }
  return {
    ok: true, message, details: [...rules, ...details],
    effect: {
      kind: 'student-alloc', part: loaded.part, size, address, chunkId: chunk?.id ?? null, page, offset: chunk?.offset ?? null,
      pagesMapped: step.pagesMapped.length, theirs: writesOf(step),
    },
  };
}

/** The address `free <target>` hands to their dealloc, and how to speak of it. */
function freeTarget(loaded: LoadedAllocator, target: Target): { address: bigint | null; again: boolean; note: string } | string {
  const live = loaded.allocator.chunks();
  const liveIds = live.length === 0 ? 'no chunk is allocated' : `live chunks: ${live.slice(0, 8).map((chunk) => `#${chunk.id}`).join(', ')}`;
  if (target.kind === 'page') return `free takes a chunk (#<id> from the chunk list) or an address, not a page (${target.text}): ${liveIds}`;
  if (target.kind === 'address') return { address: target.address === 0n ? null : target.address, again: false, note: '' };
  const chunk = live.find((candidate) => candidate.id === target.id);
  if (chunk) return { address: chunk.address, again: false, note: '' };
  const freed = loaded.freed.get(target.id);
  if (!freed) return `free #${target.id}: ${loaded.name} handed out no chunk #${target.id} (${liveIds})`;
  const now = live.find((candidate) => candidate.address === freed.address);
  const note = now
    ? ` - #${target.id} was freed already, and its address now belongs to #${now.id}: this frees #${now.id}`
    : ` - #${target.id} was freed already: a double free, which the lab wants to change nothing`;
  return { address: freed.address, again: true, note };
}

export async function callFree(loaded: LoadedAllocator, context: CommandContext, target: Target): Promise<Outcome> {
  const chosen = freeTarget(loaded, target);
  if (typeof chosen === 'string') return fail(chosen);
  const { address, again, note } = chosen;
  const freeing = address === null ? undefined : loaded.allocator.chunks().find((chunk) => chunk.address === address);
  const call = `dealloc(${again && !freeing && target.kind === 'id' ? `#${target.id}` : pointerText(loaded, address)})`;
  const where = freeing ? `${freeing.size} B at ${pageName(loaded, freeing.address & ~4095n)}+${Number(freeing.address & 4095n)}` : '';
  const step = await loaded.allocator.free(address);
  if (step.outcome.kind !== 'returned') return ended(loaded, context, call, step);
  loaded.record(step);
  if (freeing) loaded.freed.set(freeing.id, { address: freeing.address, size: freeing.size });
  let what: string;
  if (freeing) what = `: ${where} are free again`;
  else if (address === null) what = ' (the lab wants nothing freed)';
  else if (!again) what = call.includes(' + ') ? ': an interior pointer, which the lab wants to free nothing' : ': not an address alloc returned, which the lab wants to free nothing';
  else what = '';
  const unmapped = step.pagesUnmapped.length > 0
    ? ` - your code unmapped ${plural(step.pagesUnmapped.length, 'page')}${loaded.part === 'b' ? ': Part B keeps its pages until cleanup' : ''}`
    : '';
  return {
    ok: true,
    message: `${call} returned${what}${note}${unmapped}`,
    details: [...ruleLines(loaded, step, call), `free now (pages minus the live chunks): ${gapsText(loaded.picture().free)}`],
    effect: {
      kind: 'student-free', part: loaded.part, address, chunkId: freeing?.id ?? (target.kind === 'id' ? target.id : null), again: again && !freeing,
      pagesUnmapped: step.pagesUnmapped.length, theirs: writesOf(step),
    },
  };
}

export async function callCleanup(loaded: LoadedAllocator, context: CommandContext): Promise<Outcome> {
  const chunks = loaded.allocator.chunks().length;
  const step = await loaded.allocator.cleanup();
  if (step.outcome.kind !== 'returned') return ended(loaded, context, 'cleanup()', step);
  const value = step.outcome.value;
  loaded.record(step);
  const count = step.pagesUnmapped.length;
  const unmapped = count === 0 ? 'unmapped nothing' : `unmapped ${plural(count, 'page')}`;
  const note = loaded.part === 'a' && value === 0 && count !== 1 ? ' - Part A\'s cleanup unmaps its page' : value !== null && value !== 0 ? ' - not 0: by alloc.h an error' : '';
  return {
    ok: true,
    message: `${value === null ? 'cleanup() returned' : `cleanup() returned ${value}`}: your code ${unmapped}${note}; memtui forgot ${plural(chunks, 'chunk')}`,
    details: ruleLines(loaded, step, 'cleanup()'),
    effect: { kind: 'student-cleanup', part: loaded.part, value, pagesUnmapped: count, theirs: writesOf(step) },
  };
}
