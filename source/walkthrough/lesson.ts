import type { Result } from '../result/index.js';

/** What a step's check sees: the results since the step began, and the kernel's page size. */
export interface CheckInput {
  results: readonly Result[];
  pageSize: number;
}

/**
 * A check's answer. Passed: the figures actually measured, and a caveat when they differ from
 * the textbook (said plainly, with the likely reason). Not passed: perhaps a hint about why
 * the last action did not show the effect.
 */
export type Verdict =
  | { passed: true; observed: string; caveat?: string }
  | { passed: false; hint?: string };

export interface Step {
  /** What to do: a key or a command, which the user performs. */
  task: string;
  /** What to watch on screen while doing it. */
  watch: string;
  /** What happened and why, shown once the check has seen it. */
  why: string;
  check(input: CheckInput): Verdict;
}

export interface Lesson {
  number: number;
  title: string;
  intro: string;
  steps: Step[];
}
