import { render } from 'ink-testing-library';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../source/session/index.js';
import { App } from '../../source/ui/app.js';
import { LessonPanel } from '../../source/ui/components/lesson-panel.js';
import { SidePanel } from '../../source/ui/components/side-panel.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Polls the frame until it shows `pattern` (the machine may be busy), then returns it for the assertion. */
async function frameShowing(lastFrame: () => string | undefined, pattern: RegExp | string, timeoutMs = 3000): Promise<string> {
  const started = Date.now();
  const matches = (frame: string) => (typeof pattern === 'string' ? frame.includes(pattern) : pattern.test(frame));
  while (Date.now() - started < timeoutMs && !matches(lastFrame() ?? '')) await settle();
  return lastFrame() ?? '';
}

let session: Session;
let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  session?.dispose();
});

async function start() {
  session = new Session();
  const app = render(<App session={session} sampleMs={50} />);
  unmount = app.unmount;
  await settle();
  return app;
}

describe('the App on a real session', () => {
  it('opens with the PID, live VSZ/RSS, an empty grid and the KEYS mode', async () => {
    const { lastFrame } = await start();
    const frame = await frameShowing(lastFrame, 'No page is mapped yet');
    expect(frame).toContain(`PID ${process.pid}`);
    expect(frame).toMatch(/VSZ [\d,]+ KiB/);
    expect(frame).toMatch(/RSS [\d,]+ KiB/);
    expect(frame).toContain('No page is mapped yet');
    expect(frame).toContain(' KEYS ');
  });

  it('m maps a page and w writes it: the grid and the header follow', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('m');
    await settle();
    expect(await frameShowing(lastFrame, />p0 +#1 +0x[0-9a-f]+ +not resident/)).toMatch(/>p0 +#1 +0x[0-9a-f]+ +not resident/);
    expect(await frameShowing(lastFrame, 'ours: 1 page (4 KiB) mapped, 0 (0 KiB) resident')).toContain('ours: 1 page (4 KiB) mapped, 0 (0 KiB) resident');
    stdin.write('w');
    await settle();
    await settle();
    expect(await frameShowing(lastFrame, /p0 +#1 +0x[0-9a-f]+ +resident/)).toMatch(/p0 +#1 +0x[0-9a-f]+ +resident/);
    expect(await frameShowing(lastFrame, '#'.repeat(64))).toContain('#'.repeat(64));
    expect(await frameShowing(lastFrame, 'first touch')).toContain('first touch');
    expect(await frameShowing(lastFrame, /1 \(4 KiB\) resident/)).toMatch(/1 \(4 KiB\) resident/);
  });

  it('the prompt runs typed commands, and a typo gets a suggestion while the page stays', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('m');
    await settle();
    stdin.write(':');
    await settle();
    expect(await frameShowing(lastFrame, ' PROMPT ')).toContain(' PROMPT ');
    for (const char of 'allco 5') {
      stdin.write(char);
      await settle();
    }
    stdin.write('\r');
    await settle();
    expect(await frameShowing(lastFrame, 'did you mean alloc')).toContain('did you mean alloc');
    expect(await frameShowing(lastFrame, /p0 +#1/)).toMatch(/p0 +#1/);
    stdin.write('\u001b');
    await settle();
    expect(await frameShowing(lastFrame, ' KEYS ')).toContain(' KEYS ');
  });

  it('a prompt line with ; runs each command, as in scripts', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write(':');
    await settle();
    for (const char of 'mmap; mmap 2') {
      stdin.write(char);
      await settle();
    }
    stdin.write('\r');
    await settle();
    expect(session.log.map((result) => result.line)).toEqual(['mmap', 'mmap 2']);
    expect(await frameShowing(lastFrame, /p2 +#2 page 1 of 2/)).toMatch(/p2 +#2 page 1 of 2/);
  });

  it('shows Part A chunks as letters in the grid and in the side panel', async () => {
    const { lastFrame } = await start();
    session.run('init');
    session.run('alloc 512');
    await settle();
    expect(await frameShowing(lastFrame, 'A'.repeat(64))).toContain('A'.repeat(64));
    expect(await frameShowing(lastFrame, /Part A page +0x[0-9a-f]+/)).toMatch(/Part A page +0x[0-9a-f]+/);
    expect(await frameShowing(lastFrame, /free 3584 B in 1/)).toMatch(/free 3584 B in 1/);
  });

  it('? shows the help overlay with the commands, and any key closes it', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('?');
    await settle();
    expect(await frameShowing(lastFrame, ' HELP ')).toContain(' HELP ');
    expect(await frameShowing(lastFrame, 'madvise <target> dontneed')).toContain('madvise <target> dontneed');
    stdin.write('x');
    await settle();
    expect(await frameShowing(lastFrame, ' KEYS ')).toContain(' KEYS ');
  });

  it('opens the lesson beside the grid', async () => {
    const { lastFrame } = await start();
    session.run('lesson 2');
    await settle();
    expect(await frameShowing(lastFrame, 'Lesson 2/7: Map one page')).toContain('Lesson 2/7: Map one page');
    expect(await frameShowing(lastFrame, 'Do (1/2)')).toContain('Do (1/2)');
  });
});

describe('panels on their own', () => {
  it('the side panel lists chunks with page+offset, size and state', () => {
    const { lastFrame } = render(<SidePanel mode="a" width={32} height={12} focused selectedId={3}
      stats={{ pagesMapped: 1, maxPages: 1, pageBytes: 4096, unitBytes: 8, policy: 'best', freeBytes: 3584, usedBytes: 512, largestFreeBytes: 3584, freeChunks: 1, usedChunks: 1, fragmentation: 0 }}
      chunks={[
        { id: 3, page: 0, offset: 0, size: 512, free: false, address: 0x7f0000000000n, screenPage: 2 },
        { id: -1, page: 0, offset: 512, size: 3584, free: true, address: 0x7f0000000200n, screenPage: 2 },
      ]} />);
    const frame = lastFrame()!;
    expect(frame).toContain('best fit');
    expect(frame).toMatch(/>C #3 +p2\+0 +512 used/);
    expect(frame).toMatch(/\. free +p2\+512 +3584 free/);
    expect(frame).toContain('fragmentation 0%');
  });

  it('the lesson panel shows what was seen and why once a step is done', () => {
    const { lastFrame } = render(<LessonPanel width={50} height={20} lesson={{
      number: 3, count: 7, title: 'Write into it', intro: 'Now touch the page.', hint: null, complete: false, progress: [],
      steps: [
        { task: 'write it', watch: 'RSS', status: 'done', observed: 'our RSS +4 KiB', why: 'The first write faults.' },
        { task: 'type stat', watch: 'ours', status: 'current' },
      ],
    }} />);
    const frame = lastFrame()!;
    expect(frame).toContain('[x][>]');
    expect(frame).toContain('Do (2/2): type stat');
    expect(frame).toContain('Seen (1): our RSS +4 KiB');
    expect(frame).toContain('Why: The first write faults.');
  });
});
