export { Session, type SessionOptions } from './session.js';
export { warmUp } from './warm-up.js';
export { selfSubject, type Subject, type SubjectHandling } from './subject.js';
export { studentPicture, type StudentPicture } from './student/loaded-allocator.js';
export { WatchedProcess, PAGES_READ_LIMIT_BYTES, type RegionsView, type WatchedProcessOptions } from './watch/watched-process.js';
export { watchPid, watchProgram, type WatchOpening } from './watch/open-watch.js';
export { type RegionChange } from './watch/region-changes.js';
export { type RegionPages } from './watch/region-pages.js';
export { watchedOf } from './commands/watch.js';
// What the screen needs of a watched process's readings (the UI reaches target/ only through here).
export {
  PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED, pageChanged, pageState,
  type ExitReport, type OutputLine, type PresenceReading, type TargetProblem, type TargetRegion,
} from '../target/index.js';
export { ResultLog } from './result-log.js';
export { LabState, partName, partTitle, type Heap } from './lab/lab-state.js';
export type { PageSpan, NamedPage } from './lab/page-directory.js';
export { AddressBudget, MAX_PAGES_MAPPED, RUNTIME_RESERVE_BYTES, SCREEN_ADDRESS_SPACE_BYTES } from './lab/address-budget.js';
export { CommandRegistry } from './command/registry.js';
export { defineCommand, usageOf, type CommandSpec, type CommandContext, type KeyBinding, type Selection, type CommandGroup } from './command/command-spec.js';
export { choiceParam, countParam, integerParam, restParam, targetParam, commandNameParam, ParamError, type Param, type Word } from './command/param.js';
export { MAX_LINE_LENGTH, parseLine, type ParsedLine } from './command/parse-line.js';
export { commandTable, keyTable } from './command/command-table.js';
export { targetHint, parseTarget, type Target } from './command/target.js';
export { builtinCommands } from './commands/index.js';
export { MAX_PAGES_PER_MMAP, MAX_READ_BYTES } from './commands/memory.js';
export { type Outcome, fail, succeed } from './outcome.js';
export { splitCommands, splitScript } from './text/split-commands.js';
export { tokenize } from './text/tokenize.js';
export { quoteStart } from './text/quote.js';
export { hexdump } from './text/hexdump.js';
export { runScript, type ScriptInput, type ScriptOptions, type ScriptOutput, type ScriptSummary } from './script/script-runner.js';
// The lessons, for the CLI's --lesson range (the CLI enters the walkthrough through the session).
export { lessons, ownAllocatorLesson } from '../walkthrough/index.js';
