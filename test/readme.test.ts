/**
 * The README is the front door: its command and key tables are the registry's (so a command
 * added or renamed cannot leave it behind), it gives the two commands a fresh clone needs, every
 * exit status the binary's --help names, and its links lead to files that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, signalNumbers } from '../source/cli/exit-status.js';
import { builtinCommands, CommandRegistry, commandTable, keyTable } from '../source/session/index.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const registry = new CommandRegistry(builtinCommands);

/** The table in `text` whose header row is `header`, as its lines. */
function tableAfter(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start === -1) return [];
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('README', () => {
  it('holds the command table exactly as the registry prints it (npm run readme:tables)', () => {
    const expected = commandTable(registry);
    expect(tableAfter(readme, expected[0]!)).toEqual(expected);
  });

  it('holds the key table exactly as the registry prints it', () => {
    const expected = keyTable(registry);
    expect(tableAfter(readme, expected[0]!)).toEqual(expected);
  });

  it('gives the two commands of a fresh clone: start, and test', () => {
    expect(readme).toContain('```sh\nnpm install && npx memtui\n```');
    expect(readme).toContain('```sh\nnpm test\n```');
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.test).toBeDefined();
  });

  it('lists every exit status memtui uses, and each signal it handles', () => {
    const rows = tableAfter(readme, '| exit status | meaning |').slice(2);
    const statuses = rows.map((row) => row.split('|')[1]!.trim());
    for (const [name, status] of Object.entries(EXIT)) expect(statuses, `${name} (${status})`).toContain(String(status));
    const bySignal = rows.find((row) => row.startsWith('| 128+N |')) ?? '';
    for (const [signal, number] of Object.entries(signalNumbers)) expect(bySignal).toContain(`${128 + number} ${signal}`);
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((match) => match[1]!).filter((target) => !/^https?:/.test(target));
    expect(links.length).toBeGreaterThan(3);
    for (const target of links) expect(existsSync(join(dirname(join(root, 'README.md')), target)), target).toBe(true);
  });
});
