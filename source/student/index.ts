// The student's own C allocator (issue 14): compiling it, the driver process that runs it, the
// checks of `memtui grade`, and StudentAllocator, the API of the UI's `load FILE`.
export { runGrade, gradeUsage, type GradeIo } from './grade-command.js';
export { gradeFile, checksFor, type FileReport, type GradeOptions } from './grade-file.js';
export { humanReport, jsonReport, summaryTable, exitStatus, tally } from './grade-report.js';
export type { Check, CheckResult, CrashFacts, Verdict } from './check-types.js';
export { StudentAllocator, defaultTimeoutMs, type StudentAllocatorOptions } from './student-allocator.js';
export type { StepResult, Operation, CallOutcome, ChunkProblem, Layout, PageView, ChunkView } from './step-result.js';
export type { LiveChunk, StrayWrite } from './chunk-table.js';
export { describeStack, outputTail, type CrashReport, type HangReport } from './crash-report.js';
export type { SourcePlace } from './source-places.js';
export { StudentError, type StudentErrorKind } from './student-error.js';
export { studentFile, partFromName, type Part, type StudentFile } from './student-file.js';
export { gaps, describeGaps, type Gap } from './free-space.js';
export { inferPolicy, describePolicy, policyChoice, type PolicyFinding, type PolicyName, type Placement } from './policy-inference.js';
export { cacheFolder } from './cache-folder.js';
export { ensureDriver } from './driver-build.js';
export { createLimiter } from './limiter.js';
export { examples, examplePath, type Example } from './examples.js';
export { pageCount } from './page-ranges.js';
