// Shared pieces of the bench: a seeded random stream, the workload driver, batch timing with
// medians (CPU time, wall time beside it), an optional forced GC for memory figures, and a
// plain-text table printer.
import v8 from 'node:v8';
import vm from 'node:vm';

/** A deterministic stream of 32-bit random words (mulberry32), pre-generated so the RNG is not timed. */
export function randomWords(count, seed) {
  const words = new Uint32Array(count);
  let state = seed >>> 0;
  for (let index = 0; index < count; index += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    words[index] = (t ^ (t >>> 14)) >>> 0;
  }
  return words;
}

/**
 * The workload step, written once and cloned per allocator (see `makeDriver`) so each allocator
 * gets its own type feedback and no allocator pays for another's call sites being polymorphic.
 *
 * Each iteration: when `target` chunks are live, free a random live one; then alloc a random
 * size (`unit` x 1..`units`). The live count stays at `target`, so occupancy stays put; a refused
 * alloc leaves one chunk fewer and the next iteration allocs without freeing first.
 * `adapter.alloc(size)` returns a handle or null; `adapter.free(handle)` releases it.
 */
function workloadDriver(adapter, live, target, ops, words, cursor) {
  const mask = words.length - 1;
  const unit = cursor.unit;
  const units = cursor.units;
  let index = cursor.index;
  let refused = 0;
  for (let op = 0; op < ops; op += 1) {
    if (live.length >= target) {
      const at = words[index++ & mask] % live.length;
      const handle = live[at];
      live[at] = live[live.length - 1];
      live.pop();
      adapter.free(handle);
    }
    const size = unit * (1 + (words[index++ & mask] % units));
    const handle = adapter.alloc(size);
    if (handle === null) refused += 1;
    else live.push(handle);
  }
  cursor.index = index;
  return refused;
}

const driverSource = `return (${workloadDriver.toString()});`;

/** A fresh copy of the driver function, with fresh type feedback. */
export function makeDriver() {
  return new Function(driverSource)();
}

/**
 * Fills until `stop(usedBytes, refusedSize)` says so, allocating random sizes from the stream.
 * Returns the live handles (in allocation order) and their sizes.
 */
export function prefill(adapter, words, cursor, stop) {
  const mask = words.length - 1;
  const live = [];
  const sizes = [];
  let used = 0;
  for (;;) {
    const size = cursor.unit * (1 + (words[cursor.index++ & mask] % cursor.units));
    const handle = adapter.alloc(size);
    if (handle === null) {
      if (stop(used, size)) break;
      continue;
    }
    live.push(handle);
    sizes.push(size);
    used += size;
    if (stop(used, 0)) break;
  }
  return { live, sizes, used };
}

/** Frees random live chunks (swap-remove, same stream) until `usedBytes <= goal`. */
export function thinTo(adapter, state, words, cursor, goal) {
  const mask = words.length - 1;
  const { live, sizes } = state;
  while (state.used > goal && live.length > 0) {
    const at = words[cursor.index++ & mask] % live.length;
    adapter.free(live[at]);
    state.used -= sizes[at];
    live[at] = live[live.length - 1];
    sizes[at] = sizes[sizes.length - 1];
    live.pop();
    sizes.pop();
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** CPU time of the whole process so far (user + system, every thread), in ns: getrusage(2) through Node. */
export function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/**
 * Times `step(ops)` (which runs `ops` free+alloc pairs and returns how many allocs were refused)
 * in `batches` batches after a warm-up. The batch size is calibrated in the warm-up so that one
 * batch takes about `batchMs`, within [minOps, maxOps]. Returns ns per pair of CPU time (the
 * process's user + system time, so a batch descheduled on a busy machine does not count the wait):
 * median, min, max; and the median of wall-clock time beside it.
 */
export function timeBatches(step, { batches = 15, batchMs = 20, warmupMs = 60, minOps = 5, maxOps = 50_000, afterBatch } = {}) {
  // Warm-up: run growing batches until warmupMs have passed; the last one calibrates.
  let ops = minOps;
  let perOp = 0;
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  for (;;) {
    const start = process.hrtime.bigint();
    step(ops);
    const elapsed = Number(process.hrtime.bigint() - start);
    perOp = elapsed / ops;
    if (process.hrtime.bigint() >= warmupEnd) break;
    ops = Math.min(maxOps, ops * 2);
  }
  ops = Math.max(minOps, Math.min(maxOps, Math.round((batchMs * 1e6) / Math.max(perOp, 1))));
  const cpu = [];
  const wall = [];
  let refused = 0;
  for (let batch = 0; batch < batches; batch += 1) {
    const startCpu = cpuNow();
    const start = process.hrtime.bigint();
    refused += step(ops);
    wall.push(Number(process.hrtime.bigint() - start) / ops);
    cpu.push((cpuNow() - startCpu) / ops);
    afterBatch?.();
  }
  return {
    median: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu), wall: median(wall),
    opsPerBatch: ops, batches, pairs: ops * batches, refused,
  };
}

let gcFunction;
/** A forced full GC when the runtime allows it (flag set at run time), else null. */
export function forceGc() {
  if (gcFunction === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc');
    } catch {
      gcFunction = null;
    }
  }
  if (!gcFunction) return false;
  gcFunction();
  gcFunction();
  return true;
}

/** JS heap bytes in use after a full GC, or NaN when GC cannot be forced. */
export function heapUsedAfterGc() {
  return forceGc() ? process.memoryUsage().heapUsed : Number.NaN;
}

/** JS heap plus external memory (typed arrays' backing stores live there) after a full GC, or NaN. */
export function memoryAfterGc() {
  if (!forceGc()) return Number.NaN;
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

// ---------------------------------------------------------------------------------------------
// Formatting

export function ns(value) {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 100_000) return `${Math.round(value).toLocaleString('en-US')}`;
  if (value >= 100) return value.toFixed(0);
  return value.toFixed(1);
}

export function ratio(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? `${Math.round(value).toLocaleString('en-US')}x` : `${value.toFixed(2)}x`;
}

export function int(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

export function bytes(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function percent(part, whole) {
  if (!whole) return '0%';
  const value = (100 * part) / whole;
  return value === 0 ? '0%' : value < 0.1 ? '<0.1%' : `${value.toFixed(1)}%`;
}

/**
 * Prints a table: `columns` is a list of { title, align: 'left' | 'right' }, `rows` a list of
 * arrays of strings; a row that is a plain string prints as a separator line with that text.
 */
export function printTable(columns, rows) {
  const widths = columns.map((column, index) => Math.max(
    column.title.length,
    ...rows.filter(Array.isArray).map((row) => String(row[index] ?? '').length),
  ));
  const cell = (text, index) => {
    const value = String(text ?? '');
    return columns[index].align === 'left' ? value.padEnd(widths[index]) : value.padStart(widths[index]);
  };
  const line = (cells) => `  ${cells.map(cell).join('  ')}`.trimEnd();
  const rule = `  ${widths.map((width) => '-'.repeat(width)).join('  ')}`;
  console.log(line(columns.map((column) => column.title)));
  console.log(rule);
  for (const row of rows) {
    if (Array.isArray(row)) console.log(line(row));
    else console.log(`  ${row}`);
  }
}

export function printHeading(title) {
  console.log('');
  console.log(title);
  console.log('='.repeat(title.length));
}

export function printNotes(notes) {
  for (const note of notes) console.log(`  ${note}`);
}
