/**
 * The App in ink-testing-library on a real session: keys in, frames out. Every wait is for the
 * frame to show something, never a fixed time.
 */
import { render } from 'ink-testing-library';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../source/session/index.js';
import { App } from '../../source/ui/app.js';
import { lessons } from '../../source/walkthrough/index.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

let session: Session;
let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  session?.dispose();
});

async function start(colour = false) {
  session = new Session();
  const app = render(<App session={session} sampleMs={50} colour={colour} />);
  unmount = app.unmount;
  const frame = () => app.lastFrame() ?? '';
  /** Waits until the frame shows `pattern`, and returns that frame; fails with the frame as it was. */
  const showing = async (pattern: RegExp | string, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    while (!matches(frame())) {
      if (Date.now() > deadline) throw new Error(`the frame never showed ${String(pattern)}; it was:\n${frame()}`);
      await turn();
    }
    return frame();
  };
  /** Types text a key at a time, each once the prompt shows what was typed so far. */
  const typeInPrompt = async (text: string) => {
    let typed = '';
    for (const char of text) {
      app.stdin.write(char);
      typed += char;
      // Ink drops the spaces at the end of a line: a typed space shows with what follows it.
      await showing(`: ${typed.trimEnd()}`);
    }
  };
  await showing(' KEYS ');
  return { ...app, frame, showing, typeInPrompt };
}

describe('the App on a real session', () => {
  it('opens with the PID, live VSZ/RSS, an empty grid and the KEYS mode', async () => {
    const { showing } = await start();
    const frame = await showing('No page is mapped yet');
    expect(frame).toContain(`PID ${process.pid}`);
    expect(frame).toMatch(/VSZ [\d,]+ KiB/);
    expect(frame).toMatch(/RSS [\d,]+ KiB/);
    expect(frame).toContain(' KEYS ');
  });

  it('m maps a page and w writes it: the grid and the header follow', async () => {
    const { stdin, showing } = await start();
    stdin.write('m');
    await showing(/>p0 +#1 +0x[0-9a-f]+ +not resident/);
    await showing('ours: 1 page (4 KiB) mapped, 0 (0 KiB) resident');
    stdin.write('w');
    await showing(/p0 +#1 +0x[0-9a-f]+ +resident/);
    await showing('#'.repeat(64));
    await showing('first touch');
    await showing(/1 \(4 KiB\) resident/);
  });

  it('the prompt runs typed commands, and a typo gets a suggestion while the page stays', async () => {
    const { stdin, showing, typeInPrompt } = await start();
    stdin.write('m');
    await showing(/p0 +#1/);
    stdin.write(':');
    await showing(' PROMPT ');
    await typeInPrompt('allco 5');
    stdin.write('\r');
    const frame = await showing('did you mean alloc');
    expect(frame).toMatch(/p0 +#1/);
    stdin.write('\u001b');
    await showing(' KEYS ');
  });

  it('a prompt line with ; runs each command, as in scripts', async () => {
    const { stdin, showing, typeInPrompt } = await start();
    stdin.write(':');
    await showing(' PROMPT ');
    await typeInPrompt('mmap; mmap 2');
    stdin.write('\r');
    await showing(/p2 +#2 \(page 2 of 2\)/);
    expect(session.log.entries().map((result) => result.line)).toEqual(['mmap', 'mmap 2']);
  });

  it('shows Part A chunks as letters in the grid and in the chunk list', async () => {
    const { showing } = await start();
    await session.run('init');
    await session.run('alloc 512');
    await showing('A'.repeat(64));
    await showing(/p0 +Part A +0x[0-9a-f]+/);
    await showing(/A #1 +(0x[0-9a-f]+ +)?p0\+0 +512 used/);
    await showing('free 3584 B in 1 chunk');
  });

  it('Tab selects in the chunk list: the chunk is highlighted there, and d frees it', async () => {
    const { stdin, showing } = await start();
    await session.run('init');
    await session.run('alloc 64');
    await session.run('alloc 128');
    stdin.write('\t');
    await showing(/>A #1 /);
    stdin.write('\u001b[B');
    await showing(/>B #2 /);
    stdin.write('d');
    await showing(/free #2 \(128 B at 0x[0-9a-f]+\)/);
  });

  it('? shows the help overlay with the commands; it scrolls, and another key closes it', async () => {
    const { stdin, showing } = await start();
    stdin.write('?');
    await showing(' HELP ');
    await showing('mmap [pages]');
    stdin.write('\u001b[6~');
    await showing('quit');
    stdin.write('x');
    await showing(' KEYS ');
    expect(session.log.length).toBe(0);
  });

  it('opens the lesson beside the grid, and [ ] scroll it when it is longer than its box', async () => {
    const { stdin, showing } = await start();
    await session.run('lesson 2');
    await showing(`Lesson 2/${lessons.length}: Map one page`);
    await showing('Do (1/2)');
    stdin.write(']');
    await showing(new RegExp(`Lesson 2/${lessons.length}|Watch:`));
  });
});
