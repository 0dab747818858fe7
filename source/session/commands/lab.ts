import { defineCommand } from '../command/command-spec.js';
import { choiceParam, ParamError, type Param, wholeNumber } from '../command/param.js';
import { runProgram } from '../lab/lab-programs.js';
import { fail, type Outcome } from '../outcome.js';
import { quoteStart } from '../text/quote.js';

export const run = defineCommand({
  name: 'run', group: 'lab',
  summary: "replay the lab's own test program step by step",
  detail: 'Each step: the operation, where the chunk went, the data check; for test_ealloc the VSZ lines, expected next to measured. It runs on an allocator of its own: your chunks and ids are untouched.',
  example: 'run test_ealloc',
  params: [choiceParam('program', ['test_alloc', 'test_ealloc'] as const, { isNot: "one of the lab's programs", missing: 'which program' })],
  run({ lab }, { program }): Outcome {
    return runProgram(program!, { a: lab.policy('a'), b: lab.policy('b') });
  },
});

type LessonAction = { action: 'list' | 'next' | 'back' | 'hide' } | { action: 'goto'; number: number };

const lessonActions = ['list', 'next', 'back', 'hide'] as const;

/** `lesson [N|next|back|list|hide]`: a lesson number or a word; absent, the list. */
function lessonParam(): Param<'which', LessonAction> {
  return {
    name: 'which', usage: '[N|next|back|list|hide]',
    parse([word]) {
      if (word === undefined) return { action: 'list' };
      const lower = word.text.toLowerCase();
      if ((lessonActions as readonly string[]).includes(lower)) return { action: lower as (typeof lessonActions)[number] };
      const number = wholeNumber(lower);
      if (number === null || number < 1) return new ParamError(`"${quoteStart(word.text)}" is not a lesson number or next, back, list, hide`);
      return { action: 'goto', number };
    },
  };
}

export const lesson = defineCommand({
  name: 'lesson', group: 'lab',
  summary: 'the guided walkthrough: open lesson N, move on, go back, list them, hide it',
  detail: 'Each step asks for one action, watches the measurements, and explains what happened once it is seen.',
  example: 'lesson 2',
  params: [lessonParam()],
  keys: [
    { key: 'n', label: 'next lesson (or 1st)', line: () => 'lesson next' },
    { key: 'b', label: 'previous lesson', line: () => 'lesson back' },
    { key: 'l', label: 'list the lessons', line: () => 'lesson list' },
  ],
  run({ walkthrough }, { which }): Outcome {
    const reply = which.action === 'goto' ? walkthrough.goto(which.number)
      : which.action === 'next' ? walkthrough.next()
        : which.action === 'back' ? walkthrough.back()
          : which.action === 'hide' ? walkthrough.hide() : walkthrough.list();
    return reply.ok ? { ok: true, message: reply.message, details: reply.details, effect: { kind: 'none' } } : fail(reply.message);
  },
});
