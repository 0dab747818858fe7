// The terminal UI's figures (issues 4 and 10): keypress to frame and CPU per frame with 0, 1,000
// and 50,000 pages mapped, a full frame rendered in-process, and CPU used while idle. The
// binary runs in a real pseudo-terminal (@lydell/node-pty), as a user would start it.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import { render } from 'ink';
import React from 'react';
import { Session } from '../dist/session/index.js';
import { App } from '../dist/ui/app.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** The environment of a user's terminal: no CI variable (with it, chalk draws no colour and ink ignores resizes). */
function userEnv() {
  const env = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  return env;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function spawn(columns = 120, rows = 40) {
  const child = pty.spawn(process.execPath, [cli], {
    cols: columns, rows, cwd: process.cwd(), env: userEnv(),
  });
  let output = '';
  const listeners = new Set();
  child.onData((data) => {
    output += data;
    if (output.length > 1 << 20) output = output.slice(-(1 << 19));
    for (const listener of listeners) listener();
  });
  let consumed = 0;
  const waitFor = (pattern, timeout = 60_000) => new Promise((resolve, reject) => {
    const check = () => {
      const seen = output.slice(consumed);
      if (pattern.test(seen)) {
        consumed = output.length;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(process.hrtime.bigint());
      }
    };
    const timer = setTimeout(() => { listeners.delete(check); reject(new Error(`timed out waiting for ${pattern}`)); }, timeout);
    listeners.add(check);
    check();
  });
  return { child, waitFor, skip: () => { consumed = output.length; } };
}

/** The process drawing the screen: the bin starts node again with the screen's options (cli/relaunch.ts). */
function screenPid(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length > 0 ? Number(children[0]) : pid;
  } catch {
    return pid;
  }
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // proc(5): utime (14) + stime (15), in clock ticks
}

const TICK_MS = 10; // sysconf(_SC_CLK_TCK) is 100 on Linux x86_64

/** Arrow keys through the pages with `pages` mapped: time from key to the frame that shows the new selection, and CPU per key. */
async function keyToFrame(pages) {
  const term = spawn();
  await term.waitFor(/KEYS/);
  if (pages > 0) {
    term.child.write(':');
    await term.waitFor(/PROMPT/);
    for (let mapped = 0; mapped < pages; mapped += 1024) {
      term.child.write(`mmap ${Math.min(1024, pages - mapped)}\r`);
      await term.waitFor(/mmap [\d,]+ pages? -> #\d+/);
    }
    term.child.write('\x1b');
    await term.waitFor(/KEYS/);
    await sleep(300);
  }
  const pid = screenPid(term.child.pid);
  const latencies = [];
  const before = cpuTicks(pid);
  const presses = pages > 0 ? 40 : 20;
  for (let press = 1; press <= presses; press += 1) {
    term.skip();
    const sent = process.hrtime.bigint();
    // Down selects the next page: its label is drawn selected (">p<N> "). With no page, t toggles the part.
    if (pages > 0) term.child.write('\x1b[B');
    else term.child.write('t');
    const answered = await term.waitFor(pages > 0 ? new RegExp(`>p${press} `) : (press % 2 === 1 ? /Part B, / : /Part A, /));
    latencies.push(Number(answered - sent) / 1e6);
    // Past ink's frame throttle (30 frames a second), so each key starts a frame of its own.
    await sleep(80);
  }
  const cpuPerKey = ((cpuTicks(pid) - before) * TICK_MS) / presses;
  term.child.write('q');
  await new Promise((resolve) => term.child.onExit(resolve));
  return { latencies, cpuPerKey };
}

/**
 * CPU of the screen process while nobody types: right after start (1 s to 11 s, when V8's memory
 * reducer may still collect what the start left), and settled (from 20 s on, what the live header's
 * sampling costs).
 */
async function idleCpu(seconds = 10) {
  const term = spawn();
  await term.waitFor(/KEYS/);
  const pid = screenPid(term.child.pid);
  const window = async () => {
    const before = cpuTicks(pid);
    const started = process.hrtime.bigint();
    await sleep(seconds * 1000);
    const used = ((cpuTicks(pid) - before) * TICK_MS) / 1000;
    return (used / (Number(process.hrtime.bigint() - started) / 1e9)) * 100;
  };
  await sleep(1000);
  const early = await window();
  await sleep(Math.max(0, 20 - 1 - seconds) * 1000);
  const settled = await window();
  term.child.write('q');
  await new Promise((resolve) => term.child.onExit(resolve));
  return { early, settled };
}

/** A full frame at 120x40: the Part A page full of chunks and four Part B pages, rendered in-process. */
async function fullFrame() {
  const session = new Session();
  for (const line of ['init', ...Array.from({ length: 60 }, (_, index) => `alloc ${8 * (1 + (index % 7))}`),
    'part b', 'init', 'alloc 4096', 'alloc 2048', 'alloc 1024', 'alloc 256', 'alloc 3840', 'alloc 512', 'alloc 4096', 'alloc 1024']) {
    await session.run(line);
  }
  let writes = 0;
  let lastWrite = 0n;
  const stdout = new Writable({ write(_chunk, _encoding, done) { writes += 1; lastWrite = process.hrtime.bigint(); done(); } });
  Object.assign(stdout, { columns: 120, rows: 40, isTTY: true });
  const app = render(React.createElement(App, { session, sampleMs: 60_000 }), { stdout, patchConsole: false, exitOnCtrlC: false, maxFps: 1000 });
  await sleep(200);
  const times = [];
  for (let frame = 0; frame < 40; frame += 1) {
    const before = writes;
    const started = process.hrtime.bigint();
    await session.run(frame % 2 === 0 ? 'policy best' : 'policy first');
    while (writes === before) await sleep(0);
    times.push(Number(lastWrite - started) / 1e6);
  }
  app.unmount();
  session.dispose();
  return times;
}

export async function tui() {
  console.log('');
  console.log('Terminal UI: the built binary in a real pseudo-terminal, 120x40');
  console.log('===============================================================');
  const rows = [];
  for (const pages of [0, 1_000, 50_000]) {
    const { latencies, cpuPerKey } = await keyToFrame(pages);
    rows.push([`keypress to frame, ${pages.toLocaleString('en-US')} pages mapped (${pages > 0 ? 'down arrow: the next page selected' : 't: the part toggled'})`,
      `${median(latencies).toFixed(1)} ms`, `min ${Math.min(...latencies).toFixed(1)}, max ${Math.max(...latencies).toFixed(1)} ms; CPU ${cpuPerKey.toFixed(1)} ms a key`, pages === 1_000 ? 'aim < 16 ms' : pages === 50_000 ? 'aim within 2x of 1,000' : '']);
  }
  const frames = await fullFrame();
  rows.push(['full frame: command -> frame written (Part A page with 60 chunks + 4 Part B pages)', `${median(frames).toFixed(1)} ms`, `min ${Math.min(...frames).toFixed(1)}, max ${Math.max(...frames).toFixed(1)} ms over ${frames.length} frames`, 'aim < 16 ms']);
  const idle = await idleCpu();
  rows.push(['CPU while idle, 1 s to 11 s after start (one-time work after start)', `${idle.early.toFixed(2)} %`, 'utime+stime from /proc/PID/stat over 10 s', '']);
  rows.push(['CPU while idle, settled (20 s on), live sampling every 500 ms', `${idle.settled.toFixed(2)} %`, 'utime+stime from /proc/PID/stat over 10 s', 'aim < 2 %']);
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [what, value, spread, aim] of rows) console.log(`  ${what.padEnd(width)}  ${value.padStart(9)}  ${spread}  ${aim}`);
  console.log('  CPU a key is the screen process\'s utime+stime over the keys, in clock ticks of 10 ms: a coarse figure.');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await tui();
