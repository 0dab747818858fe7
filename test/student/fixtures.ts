import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A fixture library's path (test/fixtures/student/NAME). */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/student/${name}`, import.meta.url));
}

/** The 1-based line of a fixture that holds `text`: crash reports must name that line. */
export function lineOf(name: string, text: string): number {
  const index = readFileSync(fixture(name), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${name} has no line with "${text}"`);
  return index + 1;
}
