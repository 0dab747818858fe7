import type { Result } from '../result/index.js';
import type { Lesson } from './lesson.js';

export type StepStatus = 'done' | 'current' | 'todo';

export interface StepView {
  task: string;
  watch: string;
  status: StepStatus;
  /** Once done: what was measured, what it means, and where the numbers differ from the book. */
  observed?: string;
  caveat?: string;
  why?: string;
}

export interface LessonView {
  number: number;
  count: number;
  title: string;
  intro: string;
  steps: StepView[];
  /** Why the last action did not complete the step, when the check could tell. */
  hint: string | null;
  complete: boolean;
  /** Per lesson: steps done and steps in all. */
  progress: Array<{ number: number; title: string; done: number; steps: number }>;
}

interface Record_ {
  observed: string;
  caveat?: string;
}

/** A reply to a lesson command: a line for the log, and the lesson list when asked. */
export interface LessonReply {
  ok: boolean;
  message: string;
  details: string[];
}

/** Results a step's check sees at most: the newest, since the step began. */
export const RESULTS_PER_STEP = 64;

/**
 * Where the student is: lesson, step, and what each finished step measured. Progress is kept
 * for every lesson, so leaving and coming back (in the same run) resumes where they were.
 */
export class Walkthrough {
  readonly lessons: readonly Lesson[];
  readonly pageSize: number;
  active = false;
  #lesson = 0;
  #step: number[];
  #records: Array<Array<Record_ | undefined>>;
  #results: Result[] = [];
  #hint: string | null = null;

  constructor(lessons: readonly Lesson[], pageSize: number) {
    this.lessons = lessons;
    this.pageSize = pageSize;
    this.#step = lessons.map(() => 0);
    this.#records = lessons.map((lesson) => lesson.steps.map(() => undefined));
  }

  get lessonIndex(): number { return this.#lesson; }
  get stepIndex(): number { return this.#step[this.#lesson]!; }

  /** Every result of the session passes here; the current step's check decides. */
  observe(result: Result): void {
    if (!this.active || result.command === 'lesson') return;
    const lesson = this.lessons[this.#lesson]!;
    const stepIndex = this.#step[this.#lesson]!;
    const step = lesson.steps[stepIndex];
    if (!step) return;
    this.#results.push(result);
    // A check looks at what happened since its step began; the newest few are all it needs,
    // and keeping only those keeps each check's cost the same after thousands of commands.
    if (this.#results.length > RESULTS_PER_STEP) this.#results.shift();
    const verdict = step.check({ results: this.#results, pageSize: this.pageSize });
    if (verdict.passed) {
      this.#records[this.#lesson]![stepIndex] = { observed: verdict.observed, caveat: verdict.caveat };
      this.#step[this.#lesson] = stepIndex + 1;
      this.#results = [];
      this.#hint = null;
    } else if (verdict.hint) {
      this.#hint = verdict.hint;
    }
  }

  goto(number: number): LessonReply {
    const index = number - 1;
    if (!this.lessons[index]) {
      return { ok: false, message: `lesson ${number}: there are lessons 1 to ${this.lessons.length} (lesson list shows them)`, details: [] };
    }
    this.#lesson = index;
    this.active = true;
    this.#results = [];
    this.#hint = null;
    return { ok: true, message: this.#headline(), details: [] };
  }

  next(): LessonReply {
    if (!this.active) return this.goto(this.#lesson + 1);
    if (this.#lesson + 1 >= this.lessons.length) return { ok: false, message: 'this is the last lesson (lesson list shows them all)', details: [] };
    return this.goto(this.#lesson + 2);
  }

  back(): LessonReply {
    if (this.#lesson === 0) return { ok: false, message: 'this is the first lesson', details: [] };
    return this.goto(this.#lesson);
  }

  hide(): LessonReply {
    this.active = false;
    return { ok: true, message: 'walkthrough hidden; lesson (or n) brings it back where you were', details: [] };
  }

  /** Lists the lessons with progress; opens nothing (n opens the current one). */
  list(): LessonReply {
    return {
      ok: true,
      message: `lessons (lesson N opens one; n ${this.active ? 'next' : 'opens lesson ' + (this.#lesson + 1)}, b back):`,
      details: this.view().progress.map((entry) => {
        const mark = entry.done === entry.steps ? 'done' : entry.done > 0 ? `${entry.done}/${entry.steps}` : '';
        const here = entry.number === this.#lesson + 1 ? '>' : ' ';
        return `${here} ${entry.number}. ${entry.title.padEnd(36)} ${mark}`;
      }),
    };
  }

  #headline(): string {
    const lesson = this.lessons[this.#lesson]!;
    const step = this.#step[this.#lesson]!;
    const where = step >= lesson.steps.length ? 'complete' : `step ${step + 1} of ${lesson.steps.length}: ${lesson.steps[step]!.task}`;
    return `lesson ${lesson.number}: ${lesson.title} - ${where}`;
  }

  view(): LessonView {
    const lesson = this.lessons[this.#lesson]!;
    const current = this.#step[this.#lesson]!;
    return {
      number: lesson.number,
      count: this.lessons.length,
      title: lesson.title,
      intro: lesson.intro,
      steps: lesson.steps.map((step, index) => {
        const record = this.#records[this.#lesson]![index];
        const status: StepStatus = record ? 'done' : index === current ? 'current' : 'todo';
        return { task: step.task, watch: step.watch, status, ...(record ? { observed: record.observed, caveat: record.caveat, why: step.why } : {}) };
      }),
      hint: this.#hint,
      complete: current >= lesson.steps.length,
      progress: this.lessons.map((entry, index) => ({
        number: entry.number, title: entry.title, steps: entry.steps.length,
        done: this.#records[index]!.filter(Boolean).length,
      })),
    };
  }
}
