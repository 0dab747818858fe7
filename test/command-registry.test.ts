/**
 * Adding a command is one declaration: a toy command, registered with the session, is parsed
 * by its own grammar, dispatched, listed by help and by the help overlay's keys, and suggested
 * for a typo, with nothing else edited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { countParam, defineCommand, Session, targetParam } from '../source/session/index.js';

const echoes: Array<{ times: number; target: string }> = [];

const toy = defineCommand({
  name: 'twice', aliases: ['tw'], group: 'general',
  summary: 'say a target back, a number of times',
  detail: 'A toy command of the registry test.',
  example: 'twice #1 2',
  params: [targetParam(), countParam('times', { min: 1, max: 9, fallback: 2, what: 'number of times' })],
  keys: [{ key: 'T', label: 'twice the selection', line: ({ page }) => page && `twice ${page}` }],
  run(_context, { target, times }) {
    echoes.push({ times, target: target.text });
    return { ok: true, message: Array(times).fill(target.text).join(' '), effect: { kind: 'none' } };
  },
});

let session: Session;
afterEach(() => session?.dispose());

describe('a command declared once', () => {
  it('is parsed by its grammar, dispatched, and answers', async () => {
    session = new Session({ commands: [toy] });
    const result = await session.run('twice p3 3');
    expect(result).toMatchObject({ ok: true, command: 'twice', message: 'p3 p3 p3' });
    expect(echoes.at(-1)).toEqual({ times: 3, target: 'p3' });
    expect((await session.run('tw #7')).message).toBe('#7 #7');
  });

  it('refuses bad arguments with its own usage and example', async () => {
    session = new Session({ commands: [toy] });
    const result = await session.run('twice p3 12');
    expect(result.ok).toBe(false);
    expect(result.error).toBe('twice: "12" is not a number of times from 1 to 9 (usage: twice <target> [times], e.g. twice #1 2)');
  });

  it('is in help, in help <command>, in the keys, and in did-you-mean', async () => {
    session = new Session({ commands: [toy] });
    const help = await session.run('help');
    expect(help.details.some((line) => /^twice <target> \[times\] +say a target back/.test(line))).toBe(true);
    expect((await session.run('help tw')).message).toBe('twice <target> [times]: say a target back, a number of times (also: tw)');
    expect(session.registry.keys().find((binding) => binding.key === 'T')?.line?.({ page: 'p2', chunk: null, part: 'a' })).toBe('twice p2');
    expect((await session.run('twcie #1')).error).toMatch(/did you mean twice\?/);
  });

  it('a name or a key taken twice is refused when the commands are put together', () => {
    expect(() => new Session({ commands: [{ ...toy, name: 'mmap' }] })).toThrow(/two commands are called "mmap"/);
    expect(() => new Session({ commands: [{ ...toy, keys: [{ key: 'm', label: 'x', line: () => 'x' }] }] })).toThrow(/the key m is bound twice/);
  });
});
