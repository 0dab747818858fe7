/**
 * Every hint memtui gives works when typed (issue 12): a size it proposes is taken, a clipped
 * read says so, a write says how it read its argument, the empty grid says "now" once pages have
 * come and gone, and the lab's replays leave the student's ids alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../source/session/index.js';
import { labGrid } from '../source/ui/view/grid-view.js';

let session: Session;
afterEach(() => session?.dispose());

async function open(...lines: string[]): Promise<Session> {
  session = new Session();
  for (const line of lines) {
    const result = await session.run(line);
    if (!result.ok) throw new Error(`${line}: ${result.error}`);
  }
  return session;
}

/** The size a refusal proposes ("try 16", "at most 4096"), typed back: it must be taken. */
async function proposalWorks(line: string): Promise<string> {
  const refused = await session.run(line);
  expect(refused.ok).toBe(false);
  const proposal = /\(try (\d+)\)|at most (\d+)/.exec(refused.error!);
  expect(proposal, refused.error!).not.toBeNull();
  const size = proposal![1] ?? proposal![2]!;
  const taken = await session.run(`alloc ${size}`);
  expect(taken.ok, taken.error ?? '').toBe(true);
  await session.run(`free #${(taken.effect as { chunk: { id: number } }).chunk.id}`);
  return refused.error!;
}

describe('every hint proposes a value that works', () => {
  it('Part A: alloc 4097 proposes at most 4096, alloc 12 proposes 16, and both are taken', async () => {
    await open('init');
    expect(await proposalWorks('alloc 4097')).toMatch(/larger than a page \(4096 B\).*at most 4096/);
    expect(await proposalWorks('alloc 12')).toMatch(/multiple of 8 \(try 16\)/);
  });

  it('Part B: alloc 5000 proposes at most 4096 (not 5120), alloc 300 proposes 512', async () => {
    await open('part b', 'init');
    expect(await proposalWorks('alloc 5000')).toMatch(/at most 4096/);
    expect(await proposalWorks('alloc 300')).toMatch(/multiple of 256 \(try 512\)/);
  });

  it('read p0 5000 says it showed 4,096 B of the 5,000 asked', async () => {
    await open('mmap');
    const result = await session.run('read p0 5000');
    expect(result.details).toHaveLength(4096 / 16);
    expect(result.message).toMatch(/4,096 B at 0x[0-9a-f]+ \(5,000 B asked; the mapping ends there\)/);
  });

  it('write says how it read its argument: text, one byte filling, bytes, or a refusal that says which to type', async () => {
    await open('mmap');
    expect((await session.run('write p0 hello')).message).toMatch(/5 B of text "hello"/);
    expect((await session.run('write p0 0x41')).message).toMatch(/4,096 B filled with the byte 0x41/);
    expect((await session.run('write p0 hex:de ad')).message).toMatch(/2 B \(the bytes de ad\)/);
    const wide = await session.run('write p0 0x1FF');
    expect(wide.ok).toBe(false);
    expect(wide.error).toMatch(/"0x1FF" is more than one byte: .*hex:01FF for these bytes, or "0x1FF" in quotes to write it as text/);
    expect((await session.run('write p0 hex:01FF')).message).toMatch(/2 B \(the bytes 01 ff\)/);
    expect((await session.run('write p0 "0x1FF"')).message).toMatch(/5 B of text "0x1FF"/);
  });

  it('the empty grid says "yet" before any page, "now" after the last one went', async () => {
    await open();
    const text = () => labGrid(session.lab).empty().map((line) => line.map((segment) => segment.text).join('')).join('\n');
    expect(text()).toMatch(/^No page is mapped yet\./);
    await session.run('mmap');
    await session.run('munmap p0');
    expect(text()).toMatch(/^No page of ours is mapped now\./);
  });

  it('run test_alloc and run test_ealloc keep to their own ids: the next mmap gets the next id of the student', async () => {
    await open('mmap');
    await session.run('run test_alloc');
    await session.run('run test_ealloc');
    const next = await session.run('mmap');
    expect(next.effect).toMatchObject({ kind: 'mmap', id: 2 });
  });
});
