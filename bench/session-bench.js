// What a command costs, and that it does not grow with what is mapped (issue 11): a script of
// 10,000 mmaps through the built binary, and the overhead of one command in a session that
// holds 1 page against one that holds 100,000.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../dist/session/index.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall time of `memtui --script` over `lines`, as a user would run it (fresh process, warm-up included). */
function scriptSeconds(lines, runs = 3) {
  const folder = mkdtempSync(join(tmpdir(), 'memtui-bench-'));
  try {
    const path = join(folder, 'script.txt');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [cli, '--script', path], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (result.status !== 0) throw new Error(`the script failed with status ${result.status}`);
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return times;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Median microseconds of one `line` in a session already holding `pages` pages (batches of `count`). */
async function commandMicros(pages, line, count = 2000, batches = 9) {
  const session = new Session({ logLimit: 0 });
  try {
    for (let mapped = 0; mapped < pages; mapped += 1024) {
      const result = await session.run(`mmap ${Math.min(1024, pages - mapped)}`);
      if (!result.ok) throw new Error(result.error);
    }
    await session.run('write p0 x');
    for (let warm = 0; warm < count; warm += 1) await session.run(line);
    const times = [];
    for (let batch = 0; batch < batches; batch += 1) {
      const started = process.hrtime.bigint();
      for (let index = 0; index < count; index += 1) await session.run(line);
      times.push(Number(process.hrtime.bigint() - started) / 1e3 / count);
    }
    return median(times);
  } finally {
    session.dispose();
  }
}

export async function sessionCost() {
  console.log('');
  console.log('A command\'s cost (issue 11)');
  console.log('==========================');
  const mmaps = scriptSeconds(Array.from({ length: 10_000 }, () => 'mmap'));
  console.log(`  memtui --script with 10,000 x mmap (a fresh process each run)   ${median(mmaps).toFixed(2)} s median of ${mmaps.length} (aim < 5 s)`);
  const rows = [];
  for (const line of ['mark', 'write p0 x', 'read p0 16', 'stat']) {
    const one = await commandMicros(1, line);
    const many = await commandMicros(100_352, line);
    rows.push([line, one, many]);
  }
  console.log('  one command, measured before and after, in a session holding:   1 page      100,352 pages   ratio (aim <= 2x)');
  for (const [line, one, many] of rows) {
    console.log(`    ${line.padEnd(62)} ${one.toFixed(1).padStart(6)} us  ${many.toFixed(1).padStart(10)} us   ${(many / one).toFixed(2)}x`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await sessionCost();
