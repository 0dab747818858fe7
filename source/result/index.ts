// The words every room shares about what a command did: results, effects, measurements, and
// how byte counts are written. The session makes them; the walkthrough and the screen read them.
export { kib, plural } from './bytes.js';
export { type Delta, describeDelta, difference, type Footprint, type Sample } from './measurement.js';
export type { Effect, EffectKind, HeapPart, Measured, PagesRegion, Result, StudentWrites } from './result.js';
export { formatResult, resultToJson } from './format-result.js';
