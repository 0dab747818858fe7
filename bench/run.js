// `npm run bench`: builds first (see package.json), then runs each section in order. A section
// is a function (context) => void | Promise<void> that prints its own heading and table; later
// sections (the TUI timings, for one) are added to `sections` below. `context` carries figures
// from one section to a later one (bookkeeping reads the Part B heaps' figures).
import os from 'node:os';
import { bookkeeping, partAPolicies, partB, sideBySide } from './allocator-bench.js';
import { grade } from './grade-bench.js';
import { native } from './native-bench.js';
import { pagemap } from './pagemap-bench.js';
import { sessionCost } from './session-bench.js';
import { startup } from './start-bench.js';
import { tui } from './tui-bench.js';

const sections = [sideBySide, partAPolicies, partB, bookkeeping, native, startup, sessionCost, tui, pagemap, grade];

function printHeader() {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(', ');
  console.log('memtui bench');
  console.log(`  date:    ${new Date().toISOString()}`);
  console.log(`  node:    ${process.version} (V8 ${process.versions.v8}), ${process.platform} ${os.release()} ${process.arch}`);
  console.log(`  cpu:     ${models || 'unknown'} x ${cpus.length}`);
  console.log(`  memory:  ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log('  timing:  CPU time (process.cpuUsage) around batches of operations; medians over 15 batches after a warm-up');
  console.log('           (on this VM medians move by up to ~40% from run to run: compare rows of one run, not runs)');
}

const started = process.hrtime.bigint();
printHeader();
const context = {};
for (const section of sections) await section(context);
console.log('');
console.log(`bench done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
