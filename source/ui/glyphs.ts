import type { Cell } from '../session/index.js';

/**
 * Chunks are told apart without colour: each used chunk gets a letter from its id, free space
 * is '.', a raw block that holds data is '#', an untouched one '-'. Colour, where the terminal
 * has it, only repeats what the glyph says.
 */
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const palette = ['cyan', 'magenta', 'yellow', 'green', 'blueBright', 'redBright', 'cyanBright', 'magentaBright'] as const;

export function chunkLetter(id: number): string {
  return letters[(id - 1) % letters.length]!;
}

export function chunkColor(id: number): string {
  return palette[(id - 1) % palette.length]!;
}

export function cellGlyph(cell: Cell): string {
  switch (cell.kind) {
    case 'free': return '.';
    case 'used': return chunkLetter(cell.id);
    case 'written': return '#';
    case 'untouched': return '-';
  }
}

export function cellColor(cell: Cell): string | undefined {
  switch (cell.kind) {
    case 'free': return 'gray';
    case 'used': return chunkColor(cell.id);
    case 'written': return 'yellow';
    case 'untouched': return 'gray';
  }
}

export const colorEnabled = (): boolean => !('NO_COLOR' in process.env) || process.env.NO_COLOR === '';
