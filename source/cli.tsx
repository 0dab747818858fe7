#!/usr/bin/env node
// Placeholder until the TUI lands: --version, --help and a screen that quits on q.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`memtui ${pkg.version}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('memtui: watch how the OS hands memory to a process\n\nUsage: memtui [--help] [--version]\n');
  process.exit(0);
}
process.stdout.write('memtui: press q to quit\n');
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', (data) => { if (data.toString().includes('q')) process.exit(0); });
