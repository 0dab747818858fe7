export { openTarget, type TargetOpening } from './open-target.js';
export { Target } from './target.js';
export { type TargetSample, type PresenceReading, type RegionHolding, type HoldingRegion } from './target-readings.js';
export { MAX_PRESENCE_PAGES } from './page-range.js';
export { type TargetRegion } from './region.js';
export { type TargetProblem, type TargetProblemKind, type Reading } from './target-problem.js';
export { type ProcessIdentity } from './process-identity.js';
export { formatAddress, parseAddress } from './address.js';
export {
  PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED, PAGE_CHANGED, PAGE_STATE_MASK, pageState, pageChanged, type PageState,
} from './page-states.js';
export { launchProgram, type LaunchOptions, type Launching } from './launch-program.js';
export { LaunchedProgram, type OutputWait, type SendResult, type LineBuffering } from './launched-program.js';
export { type OutputLine, type OutputStream } from './output-buffer.js';
export { type ExitReport } from './exit-report.js';
export { findProgram, type ProgramLookup } from './program-path.js';
