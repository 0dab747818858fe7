import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Session } from '../source/session/index.js';
import { type CheckInput, lessons, Walkthrough } from '../source/walkthrough/index.js';
import { RESULTS_PER_STEP } from '../source/walkthrough/walkthrough.js';
import { lessonScripts as scripts, watchLessonNumber, watchLessonPauses } from './support/lesson-scripts.js';
import { CPrograms, EXAMPLES } from './target/helpers/c-programs.js';
import { pausedAt, WatchedPrograms } from './watch/helpers/watched-programs.js';

const programs = new CPrograms();
const watching = new WatchedPrograms();
afterAll(async () => {
  await watching.stopAll();
  programs.remove();
});

/**
 * The watch lesson's script as `memtui watch` runs it: the lab's before-you-begin program started
 * and watched; after each input (Enter to the program), its next pause; {mapped}, the address
 * it printed after its mmap.
 */
async function runWatchScript(live: Session, lines: readonly string[]): Promise<void> {
  const watched = await watching.start([programs.build(join(EXAMPLES, 'before-you-begin.c'))]);
  live.setSubject(watched);
  await pausedAt(watched, '[1/3 before mmap]');
  let pauses = 0;
  for (const line of lines) {
    const since = watched.program!.lastSeq;
    const mapped = watched.program!.lines().find((output) => output.text.startsWith('mapped '));
    await live.run(line.replace('{mapped}', mapped ? /at (0x[0-9a-f]+)/.exec(mapped.text)![1]! : '{mapped}'));
    if (line === 'input') await pausedAt(watched, watchLessonPauses[pauses++]!, since);
  }
}

let session: Session;
afterEach(() => session?.dispose());

async function open(number: number): Promise<Session> {
  session = new Session();
  const result = await session.run(`lesson ${number}`);
  expect(result.ok).toBe(true);
  return session;
}

describe('every lesson can be completed on the real kernel', () => {
  for (const lesson of lessons) {
    it(`lesson ${lesson.number}: ${lesson.title}`, async () => {
      const live = await open(lesson.number);
      if (lesson.number === watchLessonNumber) await runWatchScript(live, scripts[lesson.number]!);
      else for (const line of scripts[lesson.number]!) await live.run(line);
      const view = live.walkthrough.view();
      const open_ = view.steps.flatMap((step, index) => (step.status === 'done' ? [] : [`step ${index + 1}: ${step.task} (hint: ${view.hint})`]));
      expect(open_).toEqual([]);
      expect(view.complete).toBe(true);
      for (const step of view.steps) {
        // What was measured is reported with numbers, and the explanation is shown.
        expect(step.observed).toMatch(/\d/);
        expect(step.why!.length).toBeGreaterThan(40);
      }
    });
  }

  it('has a script for every lesson', () => {
    expect(Object.keys(scripts).map(Number)).toEqual(lessons.map((lesson) => lesson.number));
  });
});

describe('a check stays open when the effect did not happen', () => {
  it('lesson 8: a Part B loaded does not pass the Part A load step, and says why', async () => {
    const live = await open(8);
    await live.run('load example-b');
    expect(live.walkthrough.view().steps[0]!.status).toBe('current');
    expect(live.walkthrough.view().hint).toMatch(/loaded as Part B; this lesson is about Part A/);
  });

  it('lesson 8: a correct allocator shows no rule break, and the step says where to see one', async () => {
    const live = await open(8);
    for (const line of ['load example', 'init', 'alloc 512', 'alloc 1024', 'free #1', 'grade']) await live.run(line);
    expect(live.walkthrough.stepIndex).toBe(5);
    await live.run('cleanup');
    await live.run('init');
    expect(live.walkthrough.view().steps[5]!.status).toBe('current');
    expect(live.walkthrough.view().hint).toMatch(/wrote nothing into its page.*load example-header/);
  });

  it('lesson 3: nothing written, so step 1 stays open', async () => {
    const live = await open(3);
    await live.run('mmap');
    await live.run('stat');
    await live.run('read #1');
    expect(live.walkthrough.view().steps[0]!.status).toBe('current');
  });

  it('lesson 3: a write to a page that was already resident does not count, and says why', async () => {
    const live = await open(3);
    await live.run('lesson hide');
    await live.run('mmap');
    await live.run('write #1 first');
    await live.run('lesson 3');
    await live.run('write #1 again');
    const view = live.walkthrough.view();
    expect(view.steps[0]!.status).toBe('current');
    expect(view.hint).toMatch(/already resident/);
  });

  it('lesson 2: mapping two pages does not pass the one-page step', async () => {
    const live = await open(2);
    await live.run('mmap 2');
    expect(live.walkthrough.view().steps[0]!.status).toBe('current');
    expect(live.walkthrough.view().hint).toMatch(/exactly one page/);
  });

  it('lesson 4: madvise of a page never written drops nothing, so the step stays open', async () => {
    const live = await open(4);
    await live.run('mmap');
    await live.run('madvise #1 dontneed');
    expect(live.walkthrough.view().steps[0]!.status).toBe('current');
    expect(live.walkthrough.view().hint).toMatch(/Write to it first/);
  });

  it('lesson 5: a refusal for lack of total space is not fragmentation', async () => {
    const live = await open(5);
    for (const line of ['part a', 'init', 'alloc 512', 'alloc 1024', 'alloc 1024', 'free #2', 'free #3']) await live.run(line);
    expect(live.walkthrough.stepIndex).toBe(3);
    await live.run('alloc 4096');
    expect(live.walkthrough.stepIndex).toBe(3);
  });

  it('lesson 5: a refusal for a bad size is not fragmentation', async () => {
    const live = await open(5);
    for (const line of ['part a', 'init', 'alloc 512', 'alloc 1024', 'alloc 1024', 'free #2', 'free #3']) await live.run(line);
    expect(live.walkthrough.stepIndex).toBe(3);
    await live.run('alloc 0');
    await live.run('alloc 9');
    expect(live.walkthrough.stepIndex).toBe(3);
  });

  it('lesson 5: two policies placing two chunks side by side is not a comparison; freeing between is', async () => {
    const live = await open(5);
    for (const line of scripts[5]!.slice(0, 16)) await live.run(line);
    expect(live.walkthrough.stepIndex).toBe(4);
    await live.run('policy best');
    await live.run('alloc 64');
    await live.run('policy worst');
    await live.run('alloc 64');
    expect(live.walkthrough.stepIndex).toBe(4);
    expect(live.walkthrough.view().hint).toMatch(/Free the first 64 B chunk/);
  });

  it('lesson 6: an alloc in Part A does not count for Part B', async () => {
    const live = await open(6);
    await live.run('init');
    expect(live.walkthrough.view().hint).toMatch(/Part A/);
    expect(live.walkthrough.stepIndex).toBe(0);
  });

  it('the watch lesson: a mark of memtui itself does not count, and says how to start the program', async () => {
    const live = await open(watchLessonNumber);
    await live.run('mark');
    expect(live.walkthrough.stepIndex).toBe(0);
    expect(live.walkthrough.view().hint).toMatch(/^That marked memtui itself\. This lesson watches a C program, not memtui: quit \(q\) and start memtui with the program, npx memtui watch --lesson (\d+) -- \.\/before-you-begin/);
    // The command it gives opens this very lesson.
    expect(Number(/--lesson (\d+)/.exec(live.walkthrough.view().hint!)![1])).toBe(watchLessonNumber);
  });

  it('the watch lesson: a stat before the program ran its mmap stays open, and says to press Enter', async () => {
    const live = await open(watchLessonNumber);
    const watched = await watching.start([programs.build('paused')]);
    live.setSubject(watched);
    await pausedAt(watched, /^ready /);
    await live.run('mark');
    expect(live.walkthrough.stepIndex).toBe(1);
    await live.run('stat');
    expect(live.walkthrough.stepIndex).toBe(1);
    expect(live.walkthrough.view().hint).toMatch(/^VSZ has not moved since the mark yet: press Enter/);
    // memtui's own stat is not the program's.
    live.setSubject(null);
    await live.run('stat');
    expect(live.walkthrough.view().hint).toMatch(/^That stat measured memtui itself/);
  });

  it('failed commands never complete a step', async () => {
    const live = await open(2);
    for (const line of ['mmap 0', 'mmap x', 'maps nonsense', 'allco']) await live.run(line);
    expect(live.walkthrough.stepIndex).toBe(0);
  });
});

describe('navigation', () => {
  it('next, back, goto, list, and resuming a lesson where it was left', async () => {
    const live = await open(2);
    await live.run('mmap');
    expect(live.walkthrough.stepIndex).toBe(1);
    expect((await live.run('lesson next')).message).toMatch(/^lesson 3: Write into it/);
    expect((await live.run('lesson back')).message).toMatch(/^lesson 2: .* step 2 of 2/);
    const list = await live.run('lesson list');
    expect(list.details).toHaveLength(lessons.length);
    expect(list.details[1]).toMatch(/^> 2\. .*1\/2$/);
    const beyond = `lesson ${lessons.length + 1}`;
    expect((await live.run(beyond)).ok).toBe(false);
    expect((await live.run(beyond)).error).toBe(`${beyond}: there are lessons 1 to ${lessons.length} (lesson list shows them)`);
    await live.run('lesson hide');
    expect(live.walkthrough.active).toBe(false);
    await live.run('lesson 2');
    expect(live.walkthrough.stepIndex).toBe(1);
  });

  it('listing opens nothing, and the first next opens lesson 1', async () => {
    session = new Session();
    await session.run('lesson list');
    expect(session.walkthrough.active).toBe(false);
    expect((await session.run('lesson next')).message).toMatch(/^lesson 1: /);
    expect(session.walkthrough.active).toBe(true);
  });

  it('back from lesson 1 and next from the last lesson say so', async () => {
    const live = await open(1);
    expect((await live.run('lesson back')).error).toMatch(/first lesson/);
    await live.run(`lesson ${lessons.length}`);
    expect((await live.run('lesson next')).error).toMatch(/last lesson/);
  });
});

describe('a long session with a lesson open', () => {
  it('each check sees at most the newest RESULTS_PER_STEP results, and the step still passes after 2,000 commands', async () => {
    session = new Session();
    let most = 0;
    // Lesson 5 as shipped, each check wrapped to record how many results it was handed.
    const watched = lessons.map((lesson) => ({
      ...lesson,
      steps: lesson.steps.map((step) => ({ ...step, check: (input: CheckInput) => { most = Math.max(most, input.results.length); return step.check(input); } })),
    }));
    const walkthrough = new Walkthrough(watched, 4096);
    walkthrough.goto(5);
    const run = async (line: string) => { const result = await session.run(line); walkthrough.observe(result); return result; };
    for (const line of ['part a', 'init', 'alloc 512']) await run(line);
    expect(walkthrough.stepIndex).toBe(2);
    // The merge step: 2,000 commands that merge nothing, then the two frees that do.
    for (let round = 0; round < 1000; round += 1) {
      expect((await run('read #1 8')).ok).toBe(true);
      await run('stat');
    }
    expect(walkthrough.stepIndex).toBe(2);
    expect(most).toBe(RESULTS_PER_STEP);
    for (const line of ['alloc 1024', 'alloc 1024', 'free #2', 'free #3']) await run(line);
    expect(walkthrough.stepIndex).toBe(3);
  });
});
