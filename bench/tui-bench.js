// The terminal UI's figures (issue 4): time to the first frame, the cost of a full frame,
// keypress-to-frame latency, and CPU used while idle with live sampling. The binary runs in a
// real pseudo-terminal (@lydell/node-pty), as a user would start it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import { render } from 'ink';
import React from 'react';
import { Writable } from 'node:stream';
import { Session } from '../dist/session/index.js';
import { App } from '../dist/ui/app.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function spawn(columns = 120, rows = 40) {
  const started = process.hrtime.bigint();
  const child = pty.spawn(process.execPath, [cli], {
    cols: columns, rows, cwd: process.cwd(), env: { ...process.env, CI: 'false', TERM: 'xterm-256color' },
  });
  let output = '';
  const listeners = new Set();
  child.onData((data) => {
    output += data;
    for (const listener of listeners) listener();
  });
  const waitFor = (pattern, from = 0, timeout = 10_000) => new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output.slice(from))) {
        listeners.delete(check);
        clearTimeout(timer);
        resolve(process.hrtime.bigint());
      }
    };
    const timer = setTimeout(() => { listeners.delete(check); reject(new Error(`timed out waiting for ${pattern}`)); }, timeout);
    listeners.add(check);
    check();
  });
  return { child, started, waitFor, get length() { return output.length; } };
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // proc(5): utime (14) + stime (15), in clock ticks
}

async function firstFrameAndLatency() {
  const firstFrames = [];
  const latencies = [];
  for (let run = 0; run < 5; run += 1) {
    const term = spawn();
    const shown = await term.waitFor(/PID \d+/);
    firstFrames.push(Number(shown - term.started) / 1e6);
    await sleep(300);
    for (let press = 0; press < 6; press += 1) {
      // t toggles Part A / Part B: the header's "mode a" / "mode b" is the frame that answers it.
      const from = term.length;
      const sent = process.hrtime.bigint();
      term.child.write('t');
      const answered = await term.waitFor(press % 2 === 0 ? /mode b/ : /mode a/, from);
      latencies.push(Number(answered - sent) / 1e6);
      await sleep(60);
    }
    term.child.write('q');
    await new Promise((resolve) => term.child.onExit(resolve));
  }
  return { firstFrames, latencies };
}

async function idleCpu(seconds = 10) {
  const term = spawn();
  await term.waitFor(/PID \d+/);
  await sleep(1000);
  const ticksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux x86_64
  const before = cpuTicks(term.child.pid);
  const started = process.hrtime.bigint();
  await sleep(seconds * 1000);
  const used = (cpuTicks(term.child.pid) - before) / ticksPerSecond;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  term.child.write('q');
  await new Promise((resolve) => term.child.onExit(resolve));
  return (used / elapsed) * 100;
}

/** A full frame at 120x40: the Part A page full of chunks and four Part B pages, rendered in-process. */
async function fullFrame() {
  const session = new Session();
  for (const line of ['init', ...Array.from({ length: 60 }, (_, index) => `alloc ${8 * (1 + (index % 7))}`),
    'mode b', 'init', 'alloc 4096', 'alloc 2048', 'alloc 1024', 'alloc 256', 'alloc 3840', 'alloc 512', 'alloc 4096', 'alloc 1024']) {
    session.run(line);
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
    session.run(frame % 2 === 0 ? 'policy best' : 'policy first');
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
  const { firstFrames, latencies } = await firstFrameAndLatency();
  const frames = await fullFrame();
  const idle = await idleCpu();
  const rows = [
    ['start to first frame (node start, imports, first render)', `${median(firstFrames).toFixed(0)} ms`, `min ${Math.min(...firstFrames).toFixed(0)}, max ${Math.max(...firstFrames).toFixed(0)} ms over ${firstFrames.length} starts`, 'aim < 500 ms'],
    ['full frame: command -> frame written (Part A page with 60 chunks + 4 Part B pages)', `${median(frames).toFixed(1)} ms`, `min ${Math.min(...frames).toFixed(1)}, max ${Math.max(...frames).toFixed(1)} ms over ${frames.length} frames`, 'aim < 16 ms'],
    ['keypress to frame (t toggles the mode line)', `${median(latencies).toFixed(1)} ms`, `min ${Math.min(...latencies).toFixed(1)}, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} keys`, ''],
    ['CPU while idle, live sampling every 500 ms', `${idle.toFixed(2)} %`, 'utime+stime from /proc/PID/stat over 10 s', 'aim < 2 %'],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [what, value, spread, aim] of rows) console.log(`  ${what.padEnd(width)}  ${value.padStart(9)}  ${spread}  ${aim}`);
  console.log('  the full frame includes the session running the command, the snapshot, React and ink\'s layout and output.');
}
