// What a command costs, and that it does not grow with what is mapped (issue 11): a script of
// 10,000 mmaps through the built binary, and the overhead of one command in a session that
// holds 1 page against one that holds 100,000.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** KiB of `field` (VmRSS, VmHWM) in /proc/PID/status. */
function statusKiB(pid, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * RSS of `memtui --json` fed `total` lines of `line` through a pipe, read at each of `marks`
 * results (one JSON line each), before stdin closes: what a long piped script holds.
 */
function pipedRss(line, total, marks) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--json'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const readings = [];
    let results = 0;
    let written = 0;
    let pending = marks.slice();
    const chunk = `${line}\n`.repeat(1000);
    const feed = () => {
      // Stay a little ahead of the reader so each reading is taken with the script still open.
      while (written < total && written - results < 4000) {
        child.stdin.write(chunk);
        written += 1000;
      }
      if (written >= total && !child.stdin.writableEnded) child.stdin.end();
    };
    child.stdout.on('data', (data) => {
      for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) {
        results += 1;
        if (pending.length > 0 && results === pending[0]) {
          readings.push({ results, rss: statusKiB(child.pid, 'VmRSS'), peak: statusKiB(child.pid, 'VmHWM') });
          pending = pending.slice(1);
        }
      }
      feed();
    });
    child.on('error', reject);
    child.on('exit', (status) => (status === 0 ? resolve(readings) : reject(new Error(`memtui exited ${status}`))));
    feed();
  });
}

/** Milliseconds from SIGINT, sent `afterMs` into a long script, to the exit of memtui, and its status. */
function sigintToExit(afterMs = 1500) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli], { stdio: ['pipe', 'ignore', 'ignore'] });
    const lines = 'mmap\nwrite p0 x\nstat\nmunmap p0\n'.repeat(25_000);
    child.stdin.on('error', () => {});
    child.stdin.end(lines.replaceAll('p0', '#1'));
    let sent = 0n;
    setTimeout(() => { sent = process.hrtime.bigint(); child.kill('SIGINT'); }, afterMs);
    child.on('error', reject);
    child.on('exit', (status, signal) => resolve({ ms: Number(process.hrtime.bigint() - sent) / 1e6, status: status ?? signal }));
  });
}

/** Seconds for `pairs` alloc+free commands in one session, with `lesson` open first (or none). */
async function allocFreeSeconds(pairs, lesson) {
  const session = new Session({ logLimit: 0 });
  try {
    for (const line of ['mode a', 'init', ...(lesson ? [`lesson ${lesson}`] : [])]) await session.run(line);
    const started = process.hrtime.bigint();
    for (let pair = 0; pair < pairs; pair += 1) {
      const made = await session.run('alloc 64');
      if (!made.ok) throw new Error(made.error);
      await session.run(`free #${made.effect.chunk.id}`);
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
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
  const withLesson = [];
  const without = [];
  for (let run = 0; run < 3; run += 1) {
    without.push(await allocFreeSeconds(1000));
    withLesson.push(await allocFreeSeconds(1000, 5));
  }
  console.log(`  2,000 commands (alloc 64 / free, 1,000 times): no lesson ${median(without).toFixed(2)} s, lesson 5 open ${median(withLesson).toFixed(2)} s (${(median(withLesson) / median(without)).toFixed(2)}x)`);
  const marks = [10_000, 50_000, 100_000, 200_000, 300_000];
  const readings = await pipedRss('stat', 300_000, marks);
  console.log('  RSS of memtui --json while 300,000 x stat come through a pipe (read at each count, script still open;');
  console.log('  V8 grows its heap to a working size, then RSS stays level: results are written and dropped):');
  for (const { results, rss, peak } of readings) {
    console.log(`    after ${results.toLocaleString('en-US').padStart(7)} results   RSS ${rss.toLocaleString('en-US').padStart(7)} KiB   peak so far ${peak.toLocaleString('en-US').padStart(7)} KiB`);
  }
  const stops = [];
  for (let run = 0; run < 5; run += 1) stops.push(await sigintToExit());
  const statuses = [...new Set(stops.map((stop) => stop.status))].join(', ');
  console.log(`  SIGINT 1.5 s into a 100,000-line script to exit: median ${median(stops.map((stop) => stop.ms)).toFixed(1)} ms of ${stops.length} (max ${Math.max(...stops.map((stop) => stop.ms)).toFixed(1)} ms), status ${statuses}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await sessionCost();
