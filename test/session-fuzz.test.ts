/**
 * Fuzz (issue 4, "thousands of random and malformed command lines against the session: every one
 * yields a result, nothing throws out, the invariant checker holds"), on the real kernel.
 *
 * Lines mix valid commands with random arguments, targets that name things that exist right now
 * (ids, addresses inside and around our pages, screen pages), stale ones (freed chunks, unmapped
 * mappings), and garbage: random text, unicode, quotes, very long lines. Targets that exist are
 * resolved when the line runs, from the session's own state, so they hit live objects.
 *
 * After every line: a Result came back (the session did not throw), ok is a boolean, a failure
 * has a non-empty error and never the "<command> stopped:" of the session's safety net (that
 * is a bug caught, not a refusal), both allocators' check() is empty, every raw mapping is live,
 * and the bytes we hold mapped are exactly what the session's bookkeeping says.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hex } from '../source/heap/index.js';
import { liveMappings } from '../source/native/index.js';
import type { Result } from '../source/result/index.js';
import {
  builtinCommands, CommandRegistry, MAX_LINE_LENGTH, parseLine, runScript, Session, splitCommands, splitScript,
} from '../source/session/index.js';
import { pageView } from '../source/ui/view/page-view.js';
import { propertyRuns } from './property-runs.js';

const registry = new CommandRegistry(builtinCommands);

// ---------------------------------------------------------------------------------------------
// lines with holes that are filled from the session's state when they run

type Hole = { hole: 'id' | 'chunk' | 'address' | 'chunk-address' | 'page' | 'stale-id' | 'stale-address'; pick: number; offset: number };
type Piece = string | Hole;
type Template = Piece[];

/** What the session has shown so far: ids and addresses, for stale targets (double free, use after munmap). */
class Seen {
  ids: number[] = [];
  addresses: bigint[] = [];
  note(result: Result): void {
    const effect = result.effect;
    if (effect.kind === 'mmap') { this.ids.push(effect.id); this.addresses.push(effect.base); }
    if (effect.kind === 'alloc') { this.ids.push(effect.chunk.id); this.addresses.push(effect.chunk.address); }
    if (this.ids.length > 200) this.ids.splice(0, 100);
    if (this.addresses.length > 200) this.addresses.splice(0, 100);
  }
}

function usedChunks(session: Session) {
  return (['a', 'b'] as const).flatMap((part) => (session.lab.heap(part)?.chunks() ?? []).filter((chunk) => !chunk.free));
}

function liveIds(session: Session): number[] {
  return [...session.lab.rawIds(), ...usedChunks(session).map((chunk) => chunk.id)];
}

/** Starts of everything of ours an address could land in: raw mappings, chunks (used and free), heap pages. */
function liveBases(session: Session): bigint[] {
  const bases = [...session.lab.rawIds()].map((id) => session.lab.raw(id)!.base);
  for (const part of ['a', 'b'] as const) {
    const heap = session.lab.heap(part);
    if (!heap) continue;
    for (const chunk of heap.chunks()) bases.push(chunk.address);
  }
  return bases;
}

function render(template: Template, session: Session, seen: Seen): string {
  return template.map((piece) => {
    if (typeof piece === 'string') return piece;
    const pick = <T>(list: T[]): T | undefined => (list.length === 0 ? undefined : list[piece.pick % list.length]);
    switch (piece.hole) {
      case 'id': return `#${pick(liveIds(session)) ?? piece.pick % 5}`;
      case 'chunk': return `#${pick(usedChunks(session).map((chunk) => chunk.id)) ?? piece.pick % 5}`;
      case 'stale-id': return `#${pick(seen.ids) ?? piece.pick % 5}`;
      case 'page': return `p${piece.pick % (session.lab.pages.nextName + 2)}`;
      case 'address':
      case 'chunk-address':
      case 'stale-address': {
        const base = pick(piece.hole === 'address' ? liveBases(session)
          : piece.hole === 'chunk-address' ? usedChunks(session).map((chunk) => chunk.address) : seen.addresses);
        if (base === undefined) return hex(BigInt(piece.offset < 0 ? 0 : piece.offset));
        const address = base + BigInt(piece.offset);
        return hex(address < 0n ? 0n : address);
      }
    }
  }).join('');
}

// ---------------------------------------------------------------------------------------------
// arbitraries

const space = fc.constantFrom(' ', ' ', ' ', '  ', '\t', ' \t ');

/** Random text: printable, any unicode (astral, combining, RTL marks), control characters. */
const garbage = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('"', "'", '"unclosed', "'half", '""', "''", ';', '#', '//', '\\', '\0', '🦀', 'é', 'e\u0301', '\u202e', '\u00a0', '\ufeff', 'NaN', 'Infinity', '-0', 'constructor', '__proto__', 'toString', 'hasOwnProperty') },
);

const hole = (kind: Hole['hole']) => fc.record({
  hole: fc.constant(kind),
  pick: fc.nat(1000),
  offset: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 4095 }).map((n) => n - (n % 8)) },
    { weight: 2, arbitrary: fc.integer({ min: -64, max: 8192 + 64 }) },
    { weight: 1, arbitrary: fc.constantFrom(1, 7, 255, 256, 4095, 4096, 4097, -1, -8) },
  ),
}) as fc.Arbitrary<Hole>;

/** An address at a chunk's start most of the time, else inside it or just past it. */
const chunkAddress = fc.record({
  hole: fc.constant('chunk-address'),
  pick: fc.nat(1000),
  offset: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constantFrom(1, 8, 255, 256, 512, -8) }),
}) as fc.Arbitrary<Hole>;

const target: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: hole('id') },
  { weight: 6, arbitrary: hole('chunk') },
  { weight: 3, arbitrary: chunkAddress },
  { weight: 8, arbitrary: hole('address') },
  { weight: 5, arbitrary: hole('page') },
  { weight: 3, arbitrary: hole('stale-id') },
  { weight: 3, arbitrary: hole('stale-address') },
  { weight: 2, arbitrary: fc.nat(80).map((n) => `#${n}`) },
  { weight: 2, arbitrary: fc.nat(12).map((n) => `p${n}`) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(hex) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0x7f0000000000n, max: 0x7fffffffffffn }).map(hex) },
  { weight: 2, arbitrary: fc.constantFrom('#', '#x', '#-1', '#1.5', '#1234567890', '0x', '0xZZ', '0x10000000000000000', '0X1F', 'p-1', 'p', 'P2', 'page0', '12', '#01', 'p00') },
  { weight: 2, arbitrary: garbage },
);

/** A number argument: mostly in range, some out of it, some not numbers. `big` adds the largest valid one. */
const number = (small: fc.Arbitrary<number>, big = true) => fc.oneof(
  { weight: 6, arbitrary: small.map(String) },
  { weight: 1, arbitrary: small.map((n) => `0x${n.toString(16)}`) },
  { weight: 2, arbitrary: fc.constantFrom('0', '-1', '-0', '1.5', '1e3', 'two', '0xZZ', '65537', '99999999999999999', ' ', '+4', ...(big ? ['65536'] : [])) },
  { weight: 1, arbitrary: garbage },
);

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `"${s.replaceAll('"', '')}"`) },
  { weight: 2, arbitrary: fc.constantFrom('0x41', '0xff', '0x0', '0x00', '0x7', '0x411', 'hello', '"hello world"', "'a;b'", '') },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 9000 }).map((n) => 'y'.repeat(n)) },
  { weight: 1, arbitrary: garbage },
);

const allocSize = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(8, 16, 24, 64, 128, 256, 512, 768, 1024, 2048, 3072, 4096).map(String) },
  { weight: 3, arbitrary: fc.integer({ min: -300, max: 5200 }).map(String) },
  { weight: 2, arbitrary: number(fc.nat(5000)) },
);

const word = (...words: string[]) => fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...words) },
  { weight: 1, arbitrary: fc.constantFrom(...words).map((w) => w.toUpperCase()) },
  { weight: 1, arbitrary: garbage },
);

/** Left out one time in `freq`. */
const optional = <T>(arbitrary: fc.Arbitrary<T>, freq = 3) => fc.option(arbitrary, { freq, nil: undefined });

/** What free is given: mostly a used chunk, by id or address; else any target. */
const freeTarget: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 8, arbitrary: hole('chunk') },
  { weight: 5, arbitrary: chunkAddress },
  { weight: 2, arbitrary: hole('stale-address') },
  { weight: 2, arbitrary: hole('stale-id') },
  { weight: 5, arbitrary: target },
);

/** name, then pieces, with random whitespace between. */
function line(name: fc.Arbitrary<string>, ...args: Array<fc.Arbitrary<Piece | undefined>>): fc.Arbitrary<Template> {
  return fc.tuple(name, fc.array(space, { minLength: args.length + 1, maxLength: args.length + 1 }), ...args).map(([head, gaps, ...rest]) => {
    const template: Template = [head];
    rest.forEach((piece, index) => { if (piece !== undefined) template.push(gaps[index]!, piece); });
    if (gaps.at(-1) === '\t') template.push('\t');
    return template;
  });
}

const valid: fc.Arbitrary<Template> = fc.oneof(
  { weight: 50, arbitrary: line(fc.constant('mmap'), optional(number(fc.integer({ min: 1, max: 6 }), false))) },
  { weight: 90, arbitrary: line(fc.constant('write'), target, optional(text)) },
  { weight: 60, arbitrary: line(fc.constant('read'), target, optional(number(fc.integer({ min: 1, max: 9000 })))) },
  { weight: 30, arbitrary: line(fc.constant('munmap'), target) },
  { weight: 30, arbitrary: line(fc.constant('madvise'), target, optional(word('dontneed'), 8)) },
  { weight: 30, arbitrary: line(fc.constantFrom('part', 'mode'), optional(word('a', 'b'), 8)) },
  { weight: 60, arbitrary: line(fc.constant('init')) },
  { weight: 160, arbitrary: line(fc.constant('alloc'), optional(allocSize, 15)) },
  { weight: 130, arbitrary: line(fc.constantFrom('free', 'dealloc'), freeTarget) },
  { weight: 6, arbitrary: line(fc.constant('cleanup')) },
  { weight: 20, arbitrary: line(fc.constant('policy'), optional(word('first', 'best', 'worst', 'next'))) },
  { weight: 10, arbitrary: line(fc.constant('stat')) },
  { weight: 6, arbitrary: line(fc.constant('maps'), optional(word('all'))) },
  { weight: 8, arbitrary: line(fc.constant('mark')) },
  { weight: 4, arbitrary: line(fc.constant('pages'), optional(target, 8)) },
  { weight: 6, arbitrary: line(fc.constant('run'), word('test_alloc', 'test_ealloc')) },
  { weight: 15, arbitrary: line(fc.constant('lesson'), optional(word('list', 'next', 'back', 'hide', '1', '2', '3', '7', '8', '0', '99'))) },
  { weight: 15, arbitrary: line(fc.constantFrom('help', 'h', '?'), optional(word('mmap', 'alloc', 'free', 'dealloc', 'q', 'lesson', 'nope'))) },
  { weight: 8, arbitrary: line(fc.constantFrom('quit', 'exit', 'q')) },
);

/** `ps` spawns a process: rare. */
const ps: fc.Arbitrary<Template> = line(fc.constantFrom('ps', 'PS'));

/** A valid line damaged: an extra argument, a cut, a character dropped or doubled, a stray quote. */
const damaged: fc.Arbitrary<Template> = fc.tuple(valid, fc.nat(1000), fc.constantFrom('extra', 'cut', 'drop', 'double', 'quote', 'semicolon', 'case'), garbage)
  .map(([template, at, how, junk]) => {
    if (how === 'extra') return [...template, ' ', junk === '' ? 'x' : junk];
    const [head, ...rest] = template as [string, ...Piece[]];
    const i = at % (head.length + 1);
    const changed = {
      cut: head.slice(0, i),
      drop: head.slice(0, i) + head.slice(i + 1),
      double: head.slice(0, i) + head.slice(i, i + 1).repeat(2) + head.slice(i + 1),
      quote: `${head.slice(0, i)}"${head.slice(i)}`,
      semicolon: `${head};`,
      case: head.toUpperCase(),
    }[how]!;
    return [changed, ...rest];
  });

const junkLine: fc.Arbitrary<Template> = fc.oneof(
  { weight: 4, arbitrary: garbage.map((s) => [s]) },
  { weight: 2, arbitrary: fc.array(garbage, { maxLength: 6 }).map((words) => [words.join(' ')]) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20000 }).chain((n) => fc.constantFrom('a', 'é', '🦀', ' ', '"', 'mmap ', 'write #1 ').map((s) => [s.repeat(Math.ceil(n / s.length)).slice(0, n)])) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '"', "'", '""', 'write #1 "never closed', "help 'alloc", '# comment', '// comment', ';', 'mmap;stat') .map((s) => [s]) },
);

/** About 3 in 1,000 lines are ps. */
const anyLine: fc.Arbitrary<Template> = fc.oneof(
  { weight: 700, arbitrary: valid },
  { weight: 120, arbitrary: damaged },
  { weight: 150, arbitrary: junkLine },
  { weight: 3, arbitrary: ps },
);

// ---------------------------------------------------------------------------------------------
// one step, and everything that must hold after it

function ourBytes(session: Session): number {
  let bytes = 0;
  for (const id of session.lab.rawIds()) bytes += session.lab.raw(id)!.pageCount * session.lab.pageSize;
  for (const part of ['a', 'b'] as const) {
    for (const page of session.lab.heap(part)?.pages ?? []) bytes += page.length;
  }
  return bytes;
}

function problemsAfter(session: Session, line: string, result: unknown, seqBefore: number): string[] {
  const problems: string[] = [];
  if (typeof result !== 'object' || result === null) return [`run returned ${String(result)}`];
  const r = result as Result;
  if (typeof r.ok !== 'boolean') problems.push(`ok is ${String(r.ok)}`);
  if (!r.ok) {
    if (typeof r.error !== 'string' || r.error.trim() === '') problems.push(`a failure without an error: ${JSON.stringify(r.error)}`);
    else if (/^[a-z]+ stopped: /.test(r.error)) problems.push(`the session's safety net caught an exception: ${r.error}`);
    if (r.message !== r.error) problems.push('message and error differ on a failure');
  } else {
    if (r.error !== null) problems.push('an error on a success');
    if (typeof r.message !== 'string' || r.message === '') problems.push('a success without a message');
  }
  // A line too long to run is echoed by its start only (never a megabyte back).
  const echo = line.length > MAX_LINE_LENGTH ? `${[...line].slice(0, 80).join('')}...` : line;
  if (r.line !== echo) problems.push('the result does not carry its line');
  if (r.seq !== seqBefore + 1) problems.push(`seq ${r.seq} after ${seqBefore}`);
  if (session.log.at(-1) !== r) problems.push('the result is not the last entry of the log');
  if (!Array.isArray(r.details) || r.details.some((detail) => typeof detail !== 'string')) problems.push('details are not strings');
  if (!Number.isFinite(r.vszBytes) || r.vszBytes <= 0 || !Number.isFinite(r.rssBytes) || r.rssBytes <= 0) problems.push('no VSZ/RSS figure');
  for (const part of ['a', 'b'] as const) {
    const heap = session.lab.heap(part);
    const found = heap?.check() ?? [];
    if (found.length > 0) problems.push(`Part ${part.toUpperCase()}: ${found.join('; ')}`);
    if (heap?.closed) problems.push(`Part ${part.toUpperCase()} is closed but still installed`);
  }
  for (const id of session.lab.rawIds()) {
    const owner = session.lab.raw(id)!.owner;
    if (owner.kind !== 'raw' || !owner.mapping.live) problems.push(`raw mapping #${id} is not live`);
  }
  // Ours, as the kernel-facing footprint counts it, is exactly the session's own bookkeeping.
  if (r.ours.mappedBytes !== ourBytes(session)) problems.push(`ours mapped ${r.ours.mappedBytes} B, bookkeeping says ${ourBytes(session)} B`);
  return problems;
}

/** Runs one rendered template on the session and returns the line, or throws with what went wrong. */
async function step(session: Session, template: Template, seen: Seen, recent: string[]): Promise<Result> {
  const line = render(template, session, seen);
  recent.push(line.length > 200 ? `${line.slice(0, 200)}... (${line.length} chars)` : line);
  if (recent.length > 15) recent.shift();
  const seqBefore = session.log.at(-1)?.seq ?? 0;
  let result: unknown;
  try {
    result = await session.run(line);
  } catch (error) {
    throw new Error(`run threw on ${JSON.stringify(line)}: ${(error as Error).stack}\nlast lines:\n  ${recent.join('\n  ')}`);
  }
  const problems = problemsAfter(session, line, result, seqBefore);
  if (problems.length > 0) {
    throw new Error(`after ${JSON.stringify(recent.at(-1))}:\n  ${problems.join('\n  ')}\nlast lines:\n  ${recent.join('\n  ')}`);
  }
  seen.note(result as Result);
  return result as Result;
}

/** Keeps the raw mappings few, through the session itself, so the run stays fast. */
async function prune(session: Session, seen: Seen, recent: string[]): Promise<void> {
  while (session.lab.rawCount > 10) {
    const [id] = session.lab.rawIds();
    const result = await step(session, [`munmap #${id}`], seen, recent);
    if (!result.ok) throw new Error(`munmap #${id} failed: ${result.error}`);
  }
}

/** What the grid would draw agrees with the bookkeeping. */
function snapshotProblems(session: Session): string[] {
  const problems: string[] = [];
  const { lab } = session;
  const pages = [];
  for (const span of lab.pages.spansFrom(0)) {
    lab.refreshResidency(span);
    for (let page = 0; page < span.pageCount; page += 1) pages.push(pageView(lab, span.firstName + page)!);
  }
  if (pages.length !== lab.pages.mappedPages) problems.push('the grid and the page directory disagree on the pages');
  const used = new Set(liveIds(session));
  for (const page of pages) {
    const cells = page.owner === 'raw' ? 64 : page.owner === 'a' ? 512 : 16;
    if (page.cells.length !== cells) problems.push(`p${page.name} (${page.owner}) has ${page.cells.length} cells`);
    for (const cell of page.cells) if (cell.kind === 'used' && !used.has(cell.id)) problems.push(`p${page.name} shows #${cell.id}, which is not live`);
    if (page.owner === 'raw' && !page.resident && page.cells.some((cell) => cell.kind === 'written')) problems.push(`p${page.name} is written but not resident`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

afterAll(() => {
  expect(liveMappings()).toEqual([]);
});

describe('fuzz: random and malformed command lines against the session', () => {
  it('the parser alone: any text gives a command or a sentence, never a throw', () => {
    fc.assert(fc.property(
      fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), anyLine.map((t) => t.map((p) => (typeof p === 'string' ? p : `#${p.pick}`)).join(''))),
      (text) => {
        const parsed = parseLine(text, registry);
        expect(typeof parsed.ok).toBe('boolean');
        if (parsed.ok) expect(typeof parsed.spec.name).toBe('string');
        else expect(parsed.error.trim()).not.toBe('');
        for (const command of splitScript(text)) expect(command).toBe(command.trim());
      },
    ), { numRuns: propertyRuns(10_000) });
  });

  it('8,000 lines against one session: a result for each, invariants after each', async () => {
    const session = new Session();
    const seen = new Seen();
    const recent: string[] = [];
    const counts = { ok: 0, failed: 0, commands: new Map<string, number>() };
    let lines = 0;
    try {
      await fc.assert(fc.asyncProperty(anyLine, async (template) => {
        const result = await step(session, template, seen, recent);
        lines += 1;
        counts[result.ok ? 'ok' : 'failed'] += 1;
        if (result.ok && result.command) counts.commands.set(result.command, (counts.commands.get(result.command) ?? 0) + 1);
        await prune(session, seen, recent);
        if (lines % 100 === 0) {
          const problems = snapshotProblems(session);
          if (problems.length > 0) throw new Error(`${problems.join('; ')}\nlast lines:\n  ${recent.join('\n  ')}`);
        }
      }), { numRuns: propertyRuns(8_000), endOnFailure: true });
    } finally {
      session.dispose();
    }
    expect(liveMappings()).toEqual([]);
    // The mix reached the lab, not just the parser: many successes, many refusals, the main commands all succeeded.
    expect(counts.ok).toBeGreaterThan(lines / 8);
    expect(counts.failed).toBeGreaterThan(lines / 8);
    for (const command of ['mmap', 'write', 'read', 'munmap', 'madvise', 'init', 'alloc', 'free', 'cleanup']) {
      expect(counts.commands.get(command) ?? 0, command).toBeGreaterThan(lines >= 4000 ? 5 : 0);
    }
  });

  it('fresh sessions: short random runs, each disposed to nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.array(anyLine, { minLength: 1, maxLength: 120 }), async (templates) => {
      const session = new Session();
      const seen = new Seen();
      const recent: string[] = [];
      try {
        for (const template of templates) {
          await step(session, template, seen, recent);
          await prune(session, seen, recent);
        }
        expect(snapshotProblems(session)).toEqual([]);
      } finally {
        session.dispose();
      }
      expect(liveMappings()).toEqual([]);
    }), { numRuns: propertyRuns(40) });
  });

  it('random scripts through runScript: exit code 0 or 1 as the results say, one JSON line per result', async () => {
    await fc.assert(fc.asyncProperty(fc.array(anyLine, { minLength: 1, maxLength: 25 }), fc.constantFrom('\n', '; ', '\r\n'), async (templates, separator) => {
      const session = new Session({ logLimit: 0 });
      const seen = new Seen();
      try {
        // Holes are filled against the empty session: ids and pages that may or may not exist later.
        const text = templates.map((template) => render(template, session, seen)).join(separator);
        let out = '';
        const summary = await runScript(session, text, { json: true, output: { write: (chunk) => { out += chunk; return true; } } });
        // A line too long to run is refused whole (its ; are not looked for); the others split on ;.
        const commands = text.split(/\r?\n/).flatMap((line) => (line.length > MAX_LINE_LENGTH ? [line] : splitCommands(line)));
        const lines = out.split('\n').slice(0, -1);
        const objects = lines.map((jsonLine) => JSON.parse(jsonLine) as { command: string; ok: boolean; error: string | null; vsz: number; name: string | null; ours: { mapped: number } });
        expect(summary.commands).toBe(objects.length);
        expect(objects.length).toBeLessThanOrEqual(commands.length);
        if (objects.length < commands.length) expect(summary.ended).toBe('quit');
        expect(summary.failed).toBe(objects.filter((object) => !object.ok).length);
        expect(summary.exitCode).toBe(objects.every((object) => object.ok) ? 0 : 1);
        objects.forEach((object, index) => {
          expect(object.command).toBe(commands[index]!.length > MAX_LINE_LENGTH ? `${[...commands[index]!].slice(0, 80).join('')}...` : commands[index]);
          expect(object.ok ? object.error === null : typeof object.error === 'string' && object.error !== '').toBe(true);
          expect(object.vsz).toBeGreaterThan(0);
          expect(object.error ?? '').not.toMatch(/^[a-z]+ stopped: /);
        });
        expect(objects.at(-1)?.ours.mapped ?? 0).toBe(ourBytes(session));
        for (const id of session.lab.rawIds()) expect(session.lab.raw(id)!.owner.kind).toBe('raw');
        expect(session.lab.heap('a')?.check() ?? []).toEqual([]);
        expect(session.lab.heap('b')?.check() ?? []).toEqual([]);
      } finally {
        session.dispose();
      }
    }), { numRuns: propertyRuns(40) });
  });
});
