import type { PolicyFinding } from './policy-inference.js';
import type { Probe, ProbeOptions } from './probe.js';
import type { Part } from './student-file.js';

/** pass: the rule held; fail: it did not; crash: the code died; timeout: a call never returned. */
export type Verdict = 'pass' | 'fail' | 'crash' | 'timeout';

/** Where a crash happened, for tools: the JSON of a crash verdict carries it. */
export interface CrashFacts {
  signal: string | null;
  exitCode: number | null;
  faultAddress: string | null;
  function: string | null;
  file: string | null;
  line: number | null;
  operation: string;
}

export interface CheckResult {
  check: string;
  verdict: Verdict;
  /** On a pass, what was verified (and for finds-free-chunk, the policy); otherwise expected and seen. */
  detail: string;
  crash?: CrashFacts;
  /** finds-free-chunk: the placement policies the student's choices match. */
  policy?: PolicyFinding;
}

/** One rule of the lab, tested in a fresh driver process. `run` returns the pass detail or throws (see Probe). */
export interface Check {
  id: string;
  part: Part;
  /** What the check verifies, in a sentence (the docs and `grade`'s pass lines use it). */
  rule: string;
  /** What the probe watches beyond the checks made after every call. */
  watch?: ProbeOptions;
  run(probe: Probe): Promise<string>;
}
