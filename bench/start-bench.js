// A user's first contact (issue 8): what `npm install memtui` puts on their disk, and the time
// from starting the bin to the first whole frame in a real pseudo-terminal.
//
//   node bench/start-bench.js [path/to/cli.js]     measures another build too (for before/after)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';

const repo = fileURLToPath(new URL('..', import.meta.url));
/** The environment of a user's terminal: no CI variable (with it, chalk draws no colour and ink ignores resizes). */
function userEnv() {
  const env = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  return env;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function bytesUnder(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += bytesUnder(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Packs this checkout and installs the tarball as a user would (no devDependencies). */
export function installedSize() {
  const folder = mkdtempSync(join(tmpdir(), 'memtui-install-'));
  try {
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', folder], { cwd: repo, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('npm', ['init', '-y'], { cwd: folder, stdio: 'ignore' });
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(folder, tarball)], { cwd: folder, stdio: 'ignore' });
    const list = execFileSync('npm', ['ls', '--all', '--omit=dev', '--parseable'], { cwd: folder, encoding: 'utf8' });
    const packages = list.trim().split('\n').filter((line) => line.includes('node_modules')).length;
    return { packages, bytes: bytesUnder(join(folder, 'node_modules')) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Start to the first whole frame (header and footer drawn), over `runs` starts. */
export async function firstFrame(cli = join(repo, 'dist', 'cli.js'), runs = 9, node = process.execPath) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    const child = pty.spawn(node, [cli], { cols: 120, rows: 40, cwd: repo, env: userEnv() });
    let output = '';
    const shown = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first frame within 10 s:\n${output}`)), 10_000);
      child.onData((data) => {
        output += data;
        if (/PID \d+/.test(output) && /KEYS/.test(output)) {
          clearTimeout(timer);
          resolve(process.hrtime.bigint());
        }
      });
    });
    times.push(Number(shown - started) / 1e6);
    child.write('q');
    await new Promise((resolve) => child.onExit(resolve));
  }
  return times;
}

export async function startup() {
  console.log('');
  console.log('A user\'s install and start');
  console.log('==========================');
  const { packages, bytes } = installedSize();
  const frames = await firstFrame();
  console.log(`  npm install memtui (the packed tarball, no devDependencies)  ${packages} packages, ${(bytes / 2 ** 20).toFixed(1)} MiB on disk`);
  console.log(`  start to first whole frame, 120x40, ${process.version}          ${median(frames).toFixed(0)} ms median (min ${Math.min(...frames).toFixed(0)}, max ${Math.max(...frames).toFixed(0)} over ${frames.length} starts)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cli = process.argv[2];
  if (cli) {
    const node = process.argv[3] ?? process.execPath;
    const frames = await firstFrame(cli, 9, node);
    console.log(`${cli} with ${node}: first frame ${median(frames).toFixed(0)} ms median (min ${Math.min(...frames).toFixed(0)}, max ${Math.max(...frames).toFixed(0)})`);
  } else {
    await startup();
  }
}
