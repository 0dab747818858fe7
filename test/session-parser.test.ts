/**
 * The command parser, the tokenizer and the script splitter (issue 4, "Session and parser: every
 * command, every error path, in plain unit tests"). Nothing here touches the kernel: these are
 * pure functions from text to typed commands, or to a sentence that says what was wrong and what
 * to type instead.
 */
import { describe, expect, it } from 'vitest';
import {
  builtinCommands, CommandRegistry, type CommandSpec, parseLine as parse, splitScript, targetHint, tokenize, usageOf,
} from '../source/session/index.js';
import { readWriteData } from '../source/session/commands/memory.js';

const registry = new CommandRegistry(builtinCommands);
const specs = new Map<string, CommandSpec>(builtinCommands.map((spec) => [spec.name, spec]));
const commandNames = builtinCommands.map((spec) => spec.name);
const parseLine = (line: string) => parse(line, registry);

/**
 * The command a line parses to, as one object: its name and its arguments (write's data read as
 * it will be written, read's absent length as null, lesson's choice spread out).
 */
function command(line: string): Record<string, unknown> & { name: string } {
  const parsed = parseLine(line);
  if (!parsed.ok) throw new Error(`"${line}" did not parse: ${parsed.error}`);
  const args: Record<string, unknown> = { ...parsed.args };
  switch (parsed.spec.name) {
    case 'write': args.data = readWriteData(args.data as never); break;
    case 'read': if (args.length === 0) args.length = null; break;
    case 'madvise': delete args.advice; break;
    case 'maps': args.all = args.which === 'all'; delete args.which; break;
    case 'lesson': Object.assign(args, args.which); delete args.which; break;
    default:
  }
  return { name: parsed.spec.name, ...args };
}

/** The error a line gives; fails the test when the line parses. */
function refusal(line: string): string {
  const parsed = parseLine(line);
  if (parsed.ok) throw new Error(`"${line}" parsed to ${JSON.stringify(parsed.args, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}, expected an error`);
  expect(typeof parsed.error).toBe('string');
  expect(parsed.error.length).toBeGreaterThan(0);
  return parsed.error;
}

/** A usage error names the command, says what was wrong, and shows the usage and an example to type. */
function expectUsage(error: string, name: string): void {
  const spec = specs.get(name)!;
  expect(error.startsWith(`${name}: `)).toBe(true);
  expect(error).toContain(`usage: ${usageOf(spec)}`);
  expect(error).toContain(`e.g. ${spec.example}`);
  // The example itself must be a line the parser accepts as that command: the hint has to work.
  expect(command(spec.example).name).toBe(name);
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const texts = (line: string) => tokenize(line).words.map((word) => word.text);

describe('tokenize', () => {
  it('splits on any run of whitespace and drops leading and trailing blanks', () => {
    expect(texts('  mmap   2  ')).toEqual(['mmap', '2']);
    expect(texts('write\t#1\thello')).toEqual(['write', '#1', 'hello']);
    expect(texts('')).toEqual([]);
    expect(texts(' \t ')).toEqual([]);
  });

  it('keeps spaces inside double or single quotes as one word, without the quotes', () => {
    expect(texts('write #1 "hello  world"')).toEqual(['write', '#1', 'hello  world']);
    expect(texts("write #1 'a b'")).toEqual(['write', '#1', 'a b']);
    expect(texts(`write #1 'say "hi"'`)).toEqual(['write', '#1', 'say "hi"']);
    expect(texts(`write #1 "it's"`)).toEqual(['write', '#1', "it's"]);
  });

  it('joins quoted parts that touch unquoted text into one word, and keeps an empty quoted word', () => {
    expect(texts('a"b c"d e')).toEqual(['ab cd', 'e']);
    expect(texts('write #1 ""')).toEqual(['write', '#1', '']);
  });

  it('marks the words that were quoted: they are text even when they look like a number', () => {
    expect(tokenize('write #1 "0x41" 0x41').words.map((word) => word.quoted)).toEqual([false, false, true, false]);
  });

  it('reports an unclosed quote, naming which quote', () => {
    expect(tokenize('write #1 "hello').error).toMatch(/" quote is not closed/);
    expect(tokenize("write #1 'hello").error).toMatch(/' quote is not closed/);
    // A quote of the other kind inside is text, so the outer one is still open.
    expect(tokenize(`write #1 "it's`).error).toMatch(/" quote is not closed/);
  });

  it('keeps unicode text whole (astral characters are not split into halves)', () => {
    expect(tokenize('write #1 "héllo ✓ 🦀"').words[2]!.text).toBe('héllo ✓ 🦀');
  });
});

describe('splitScript', () => {
  it('splits on newlines and on ; between commands, trimming each and dropping empty ones', () => {
    expect(splitScript('mmap; stat\nwrite #1 x ;  read #1\n\n;;\n  ps  ')).toEqual(['mmap', 'stat', 'write #1 x', 'read #1', 'ps']);
  });

  it('accepts Windows line ends', () => {
    expect(splitScript('mmap\r\nstat\r\n')).toEqual(['mmap', 'stat']);
  });

  it('does not split on a ; inside quotes, and keeps the quotes for the parser', () => {
    const commands = splitScript(`write #1 "a;b"; write #1 'c;d' ; stat`);
    expect(commands).toEqual([`write #1 "a;b"`, `write #1 'c;d'`, 'stat']);
    const first = command(commands[0]!);
    expect(first).toMatchObject({ name: 'write', data: { kind: 'bytes', text: 'a;b' } });
  });

  it('skips # comment and // comment lines, but keeps lines that start with a #N target', () => {
    const text = [
      '# map a page',
      '   # indented comment; with a semicolon',
      '#comment without a space',
      '// another comment',
      'mmap',
      '#3 is not a comment',
      'write #1 hello # not a comment either',
    ].join('\n');
    expect(splitScript(text)).toEqual(['mmap', '#3 is not a comment', 'write #1 hello # not a comment either']);
  });

  it('gives nothing for an empty script or one made only of comments', () => {
    expect(splitScript('')).toEqual([]);
    expect(splitScript('# only\n// comments\n\n')).toEqual([]);
  });
});

describe('parseLine: every command parses to its typed form', () => {
  it('mmap [pages]', () => {
    expect(command('mmap')).toEqual({ name: 'mmap', pages: 1 });
    expect(command('mmap 3')).toEqual({ name: 'mmap', pages: 3 });
    expect(command('mmap 0x10')).toEqual({ name: 'mmap', pages: 16 });
    expect(command('mmap 1024')).toEqual({ name: 'mmap', pages: 1024 });
    expect(command('MMAP 2')).toEqual({ name: 'mmap', pages: 2 });
  });

  it('write <target> [text|byte]', () => {
    expect(command('write #1')).toEqual({ name: 'write', target: { kind: 'id', id: 1, text: '#1' }, data: { kind: 'fill', byte: 0x2a } });
    expect(command('write #2 hello')).toEqual({
      name: 'write', target: { kind: 'id', id: 2, text: '#2' }, data: { kind: 'bytes', bytes: utf8('hello'), text: 'hello' },
    });
    expect(command('write p0 0x41')).toEqual({ name: 'write', target: { kind: 'page', page: 0, text: 'p0' }, data: { kind: 'fill', byte: 0x41 } });
    expect(command('write p0 0xff')).toMatchObject({ data: { kind: 'fill', byte: 255 } });
    expect(command('write p0 0x7')).toMatchObject({ data: { kind: 'fill', byte: 7 } });
    // More than one byte of hex is neither a fill byte nor silently text: the write says how to mean it.
    expect(command('write p0 0x411').data).toMatch(/"0x411" is more than one byte: .* hex:0411 for these bytes, or "0x411" in quotes/);
    expect(command('write p0 "0x411"')).toMatchObject({ data: { kind: 'bytes', text: '0x411' } });
    expect(command('write p0 hex:41 42')).toMatchObject({ data: { kind: 'bytes', bytes: Uint8Array.from([0x41, 0x42]), text: null } });
    expect(command('write p0 hex:4142FF')).toMatchObject({ data: { kind: 'bytes', bytes: Uint8Array.from([0x41, 0x42, 0xff]) } });
    expect(command('write p0 hex:414')).toMatchObject({ data: expect.stringMatching(/hex: takes pairs of hex digits/) });
    expect(command('write 0x7f0000001000 hi')).toEqual({
      name: 'write', target: { kind: 'address', address: 0x7f0000001000n, text: '0x7f0000001000' }, data: { kind: 'bytes', bytes: utf8('hi'), text: 'hi' },
    });
  });

  it('write: quoted text with spaces, several words, and unicode become the bytes of that text', () => {
    expect(command('write #1 "hello world"')).toMatchObject({ data: { kind: 'bytes', text: 'hello world', bytes: utf8('hello world') } });
    expect(command('write #1 hello big world')).toMatchObject({ data: { kind: 'bytes', text: 'hello big world' } });
    const unicode = command('write #1 "é✓🦀"').data as { kind: string; bytes: Uint8Array; text: string };
    expect(unicode).toMatchObject({ kind: 'bytes', text: 'é✓🦀' });
    expect(unicode.bytes).toEqual(utf8('é✓🦀'));
    expect(unicode.bytes.length).toBe(2 + 3 + 4);
  });

  it('read <target> [length]', () => {
    expect(command('read #1')).toEqual({ name: 'read', target: { kind: 'id', id: 1, text: '#1' }, length: null });
    expect(command('read p2 64')).toEqual({ name: 'read', target: { kind: 'page', page: 2, text: 'p2' }, length: 64 });
    expect(command('read #1 65536')).toMatchObject({ length: 65536 });
    expect(command('read #1 0x20')).toMatchObject({ length: 32 });
  });

  it('munmap <target>, madvise <target> dontneed', () => {
    expect(command('munmap #4')).toEqual({ name: 'munmap', target: { kind: 'id', id: 4, text: '#4' } });
    expect(command('munmap 0xABC')).toEqual({ name: 'munmap', target: { kind: 'address', address: 0xabcn, text: '0xABC' } });
    expect(command('madvise p1 dontneed')).toEqual({ name: 'madvise', target: { kind: 'page', page: 1, text: 'p1' } });
    expect(command('madvise #1 DONTNEED')).toEqual({ name: 'madvise', target: { kind: 'id', id: 1, text: '#1' } });
  });

  it('part a|b (and its other name, mode), init, cleanup', () => {
    expect(command('part a')).toEqual({ name: 'part', part: 'a' });
    expect(command('mode B')).toEqual({ name: 'part', part: 'b' });
    expect(command('init')).toEqual({ name: 'init' });
    expect(command('cleanup')).toEqual({ name: 'cleanup' });
  });

  it('alloc <size> keeps the number as typed: the allocator, not the parser, judges it', () => {
    expect(command('alloc 512')).toEqual({ name: 'alloc', size: 512 });
    expect(command('alloc 0x100')).toEqual({ name: 'alloc', size: 256 });
    // 0, negative and odd sizes are the allocator's refusals (tested in session-commands): they parse.
    expect(command('alloc 0')).toEqual({ name: 'alloc', size: 0 });
    expect(command('alloc -8')).toEqual({ name: 'alloc', size: -8 });
    expect(command('alloc 12')).toEqual({ name: 'alloc', size: 12 });
    expect(command('alloc 5000')).toEqual({ name: 'alloc', size: 5000 });
  });

  it('free <target> and its alias dealloc', () => {
    expect(command('free #3')).toEqual({ name: 'free', target: { kind: 'id', id: 3, text: '#3' } });
    expect(command('dealloc #3')).toEqual({ name: 'free', target: { kind: 'id', id: 3, text: '#3' } });
    expect(command('DeAlloc 0x10')).toEqual({ name: 'free', target: { kind: 'address', address: 0x10n, text: '0x10' } });
  });

  it('policy [first|best|worst|next]', () => {
    expect(command('policy')).toEqual({ name: 'policy', policy: null });
    for (const policy of ['first', 'best', 'worst', 'next'] as const) {
      expect(command(`policy ${policy}`)).toEqual({ name: 'policy', policy });
      expect(command(`policy ${policy.toUpperCase()}`)).toEqual({ name: 'policy', policy });
    }
  });

  it('stat, ps, maps [all], mark', () => {
    expect(command('stat')).toEqual({ name: 'stat' });
    expect(command('ps')).toEqual({ name: 'ps' });
    expect(command('maps')).toEqual({ name: 'maps', all: false });
    expect(command('maps all')).toEqual({ name: 'maps', all: true });
    expect(command('maps ALL')).toEqual({ name: 'maps', all: true });
    expect(command('mark')).toEqual({ name: 'mark' });
  });

  it('run test_alloc|test_ealloc', () => {
    expect(command('run test_alloc')).toEqual({ name: 'run', program: 'test_alloc' });
    expect(command('run TEST_EALLOC')).toEqual({ name: 'run', program: 'test_ealloc' });
  });

  it('lesson [N|next|back|list|hide]', () => {
    expect(command('lesson')).toEqual({ name: 'lesson', action: 'list' });
    for (const action of ['list', 'next', 'back', 'hide'] as const) expect(command(`lesson ${action}`)).toEqual({ name: 'lesson', action });
    expect(command('lesson 3')).toEqual({ name: 'lesson', action: 'goto', number: 3 });
    // Whether lesson 99 exists is the walkthrough's business, not the parser's.
    expect(command('lesson 99')).toEqual({ name: 'lesson', action: 'goto', number: 99 });
  });

  it('help [command], with aliases h and ?, and help on an alias naming its command', () => {
    expect(command('help')).toEqual({ name: 'help', topic: null });
    expect(command('h')).toEqual({ name: 'help', topic: null });
    expect(command('?')).toEqual({ name: 'help', topic: null });
    for (const name of commandNames) {
      expect(command(`help ${name}`)).toEqual({ name: 'help', topic: name });
      expect(command(`help ${name.toUpperCase()}`)).toEqual({ name: 'help', topic: name });
    }
    expect(command('help dealloc')).toEqual({ name: 'help', topic: 'free' });
    expect(command('help exit')).toEqual({ name: 'help', topic: 'quit' });
    expect(command('help q')).toEqual({ name: 'help', topic: 'quit' });
  });

  it('quit, and its aliases exit and q', () => {
    for (const line of ['quit', 'exit', 'q', 'Q', 'QUIT']) expect(command(line)).toEqual({ name: 'quit' });
  });

  it('every command of the help table has an example that parses to that command', () => {
    for (const spec of builtinCommands) expect(command(spec.example).name).toBe(spec.name);
  });
});

describe('parseLine: targets', () => {
  it('#<id>, 0x<address> (any case, up to 64 bits), p<N> (any case)', () => {
    expect(command('munmap #0')).toMatchObject({ target: { kind: 'id', id: 0 } });
    expect(command('munmap #123456789')).toMatchObject({ target: { kind: 'id', id: 123456789 } });
    expect(command('munmap 0xffffffffffffffff')).toMatchObject({ target: { kind: 'address', address: 0xffffffffffffffffn } });
    expect(command('munmap 0X7F3A1C2E1200')).toMatchObject({ target: { kind: 'address', address: 0x7f3a1c2e1200n } });
    expect(command('munmap P7')).toMatchObject({ target: { kind: 'page', page: 7 } });
  });

  it.each([
    ['#x', 'a letter after #'],
    ['#', 'a bare #'],
    ['#-1', 'a negative id'],
    ['#1.5', 'a fractional id'],
    ['#1234567890', 'an id of ten digits'],
    ['0xZZ', 'hex digits that are not hex'],
    ['0x', 'no hex digits'],
    ['0x10000000000000000', 'an address wider than 64 bits'],
    ['p-1', 'a negative page'],
    ['p', 'a page without a number'],
    ['page1', 'a word'],
    ['12', 'a bare number'],
  ])('a bad target %s (%s) says it is not a target and how targets are written', (text) => {
    for (const name of ['write', 'read', 'munmap', 'free'] as const) {
      const error = refusal(`${name} ${text}`);
      expectUsage(error, name);
      expect(error).toContain(`"${text}" is not a target`);
      expect(error).toContain(targetHint);
    }
    const error = refusal(`madvise ${text} dontneed`);
    expectUsage(error, 'madvise');
    expect(error).toContain(`"${text}" is not a target`);
  });

  it('a missing target says so, with the usage', () => {
    for (const name of ['write', 'read', 'munmap', 'free', 'madvise'] as const) {
      const error = refusal(name);
      expectUsage(error, name);
      expect(error).toContain('a target is missing');
    }
  });
});

describe('parseLine: errors say what was wrong and what to type', () => {
  it('an empty line says to type help', () => {
    for (const line of ['', '   ', '\t']) expect(refusal(line)).toMatch(/empty command.*type help/);
  });

  it('an unknown command is quoted back, with "did you mean" when a command is near', () => {
    const cases: Array<[string, string]> = [['mlloc', 'alloc'], ['alocc', 'alloc'], ['stats', 'stat'], ['hlep', 'help'], ['mmpa', 'mmap'], ['fre', 'free'], ['munmpa', 'munmap'], ['polcy', 'policy']];
    for (const [typed, meant] of cases) {
      const error = refusal(`${typed} 8`);
      expect(error).toContain(`unknown command "${typed}"`);
      expect(error).toMatch(/did you mean [^?]*\?/);
      expect(error.match(/did you mean ([^?]*)\?/)![1]!.split(' or ')).toContain(meant);
      expect(error).toContain('type help');
    }
  });

  it('an unknown command with nothing near gets no guess, only the way to the list', () => {
    for (const typed of ['xyzzy', 'qwertyuiop', 'mallocate']) {
      const parsed = parseLine(typed);
      if (parsed.ok) throw new Error(`${typed} parsed`);
      expect(parsed.error).toContain('unknown command');
      expect(parsed.error).not.toContain('did you mean');
      expect(parsed.error).toContain('type help for the list of commands');
    }
  });

  it('a prefix of a command is offered as that command', () => {
    expect(refusal('clean')).toMatch(/did you mean cleanup\?/);
    expect(refusal('less')).toMatch(/did you mean lesson\?/);
  });

  it('names inherited by every JS object are not commands, topics or aliases', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const error = refusal(word);
      expect(error).toContain(`unknown command "${word}"`);
      const help = refusal(`help ${word}`);
      expectUsage(help, 'help');
      expect(help).toContain(`no command is called "${word}"`);
      // Nothing resembles these words: a guess would be noise.
      expect(help).not.toContain('did you mean');
    }
  });

  it('an unclosed quote says which, and to close it', () => {
    const error = refusal('write #1 "hello');
    expect(error).toContain('" quote is not closed');
    expect(error).toContain('close it');
    expect(refusal("write #1 'x")).toContain("' quote is not closed");
  });

  it.each([
    ['mmap 1 2', 'mmap', '2'],
    ['read #1 8 9', 'read', '9'],
    ['munmap #1 #2', 'munmap', '#2'],
    ['madvise #1 dontneed now', 'madvise', 'now'],
    ['mode a b', 'part', 'b'],
    ['init now', 'init', 'now'],
    ['alloc 8 16', 'alloc', '16'],
    ['free #1 #2', 'free', '#2'],
    ['dealloc #1 #2', 'free', '#2'],
    ['cleanup all', 'cleanup', 'all'],
    ['policy best worst', 'policy', 'worst'],
    ['stat -v', 'stat', '-v'],
    ['ps aux', 'ps', 'aux'],
    ['maps all please', 'maps', 'please'],
    ['mark here now', 'mark', 'here now'],
    ['run test_alloc twice', 'run', 'twice'],
    ['lesson 1 2', 'lesson', '2'],
    ['help alloc free', 'help', 'free'],
    ['quit now', 'quit', 'now'],
    ['exit 0', 'quit', '0'],
  ] as Array<[string, string, string]>)('too many arguments: %s names the extra ones and shows the usage', (line, name, extra) => {
    const error = refusal(line);
    expectUsage(error, name);
    expect(error).toContain(`too many arguments: "${extra}"`);
  });

  it.each([
    ['mmap 0', 'mmap', 'number of pages from 1 to 1,024'],
    ['mmap -1', 'mmap', 'number of pages from 1 to 1,024'],
    ['mmap 1025', 'mmap', 'number of pages from 1 to 1,024'],
    ['mmap two', 'mmap', 'number of pages'],
    ['mmap 1.5', 'mmap', 'number of pages'],
    ['mmap 1e3', 'mmap', 'number of pages'],
    ['read #1 0', 'read', 'length in bytes from 1 to 65,536'],
    ['read #1 65537', 'read', 'length in bytes from 1 to 65,536'],
    ['read #1 -4', 'read', 'length'],
    ['read #1 lots', 'read', 'length'],
    ['alloc ten', 'alloc', 'not a number of bytes'],
    ['alloc 1.5', 'alloc', 'not a number of bytes'],
    ['alloc 0xZZ', 'alloc', 'not a number of bytes'],
    ['alloc 1234567890123456', 'alloc', 'not a number of bytes'],
    ['lesson 0', 'lesson', 'not a lesson number'],
    ['lesson first', 'lesson', 'not a lesson number'],
  ] as Array<[string, string, string]>)('a bad number: %s quotes it and says what is allowed', (line, name, what) => {
    const error = refusal(line);
    expectUsage(error, name);
    expect(error).toContain(`"${line.split(' ').at(-1)}"`);
    expect(error).toContain(what);
  });

  it('missing or unknown words name the allowed ones', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['alloc', 'alloc', /size is missing/],
      ['part', 'part', /say which allocator: a \(Part A page manager\), b \(Part B elastic heap\)/],
      ['mode c', 'part', /"c" is not a part: a \(Part A page manager\), b/],
      ['madvise #1', 'madvise', /advice is missing: memtui knows: dontneed/],
      ['madvise #1 willneed', 'madvise', /"willneed" is not advice memtui knows: dontneed/],
      ['policy fastest', 'policy', /"fastest" is not a policy: first, best, worst, next/],
      ['maps some', 'maps', /"some" is not an option of maps \(the only one is all\)/],
      ['run', 'run', /which program: test_alloc, test_ealloc/],
      ['run test_mmap', 'run', /"test_mmap" is not one of the lab's programs: test_alloc, test_ealloc/],
      ['help allco', 'help', /no command is called "allco": did you mean alloc\?/],
      ['help frobnicate', 'help', /no command is called "frobnicate"/],
    ];
    for (const [line, name, pattern] of cases) {
      const error = refusal(line);
      expectUsage(error, name);
      expect(error).toMatch(pattern);
    }
  });

  it('a line with ; is one command to parseLine (splitting is the script reader\'s job)', () => {
    expect(refusal('mmap; stat')).toContain('unknown command "mmap;"');
    expect(splitScript('mmap; stat').map((line) => command(line).name)).toEqual(['mmap', 'stat']);
  });
});
