/**
 * The pure parts of watching: which mappings changed between two readings of maps, the marks of
 * changed pages carried while nothing else changes, and a program's output made safe to draw.
 */
import { describe, expect, it } from 'vitest';
import type { PresenceReading, TargetRegion } from '../../source/session/index.js';
import { regionChanges } from '../../source/session/watch/region-changes.js';
import { carryMarks } from '../../source/session/watch/region-pages.js';
import { printable } from '../../source/ui/view/program-pane.js';

const PAGE = 4096;

/** A mapping [start, start + pages) in pages of 4 KiB. */
function region(startPage: number, pages: number, perms = 'rw-p'): TargetRegion {
  const start = BigInt(startPage * PAGE);
  return {
    start: `0x${start.toString(16)}`, end: `0x${(start + BigInt(pages * PAGE)).toString(16)}`, pages, sizeBytes: pages * PAGE,
    perms, path: '', kind: 'anonymous', rssBytes: 0, anonymousBytes: 0, anonHugePagesBytes: 0, swapBytes: 0, privateDirtyBytes: 0,
  };
}

describe('regionChanges', () => {
  const before = [region(0x100, 4), region(0x200, 3), region(0x300, 16)];

  it('nothing changed: nothing said', () => {
    expect(regionChanges(before, before.map((entry) => ({ ...entry })))).toEqual(new Map());
  });

  it('a new mapping in a gap is new; one page merged into a neighbour (below or above) is +4 KiB; one unmapped from an end is -4 KiB', () => {
    const now = [region(0x100, 4), region(0x1ff, 4), region(0x280, 1), region(0x300, 15)];
    expect(regionChanges(before, now)).toEqual(new Map([
      [region(0x1ff, 4).start, { kind: 'resized', bytes: PAGE }],
      [region(0x280, 1).start, { kind: 'new' }],
      [region(0x300, 15).start, { kind: 'resized', bytes: -PAGE }],
    ]));
  });

  it('a mapping split in two by mprotect: each piece is told by how much smaller than the line it came from', () => {
    const now = [region(0x100, 4), region(0x200, 3), region(0x300, 4, 'r--p'), region(0x304, 12)];
    expect(regionChanges(before, now)).toEqual(new Map([
      [region(0x300, 4).start, { kind: 'resized', bytes: -12 * PAGE }],
      [region(0x304, 12).start, { kind: 'resized', bytes: -4 * PAGE }],
    ]));
  });

  it('a mapping that grew over the gap to its neighbour and merged with it: its size now less the two it covers', () => {
    const grown = [region(0x100, 4), region(0x200, 0x110)];
    expect(regionChanges(before, grown)).toEqual(new Map([[region(0x200, 0x110).start, { kind: 'resized', bytes: (0x110 - 3 - 16) * PAGE }]]));
  });

  it('only its bounds moved (the same size): changed by 0 bytes', () => {
    expect(regionChanges([region(0x100, 4)], [region(0x101, 4)])).toEqual(new Map([[region(0x101, 4).start, { kind: 'resized', bytes: 0 }]]));
  });
});

function reading(states: number[], changed: number): PresenceReading {
  return {
    start: '0x1000', end: `0x${(0x1000 + states.length * PAGE).toString(16)}`, pages: states.length,
    present: states.filter((state) => (state & 3) === 1).length, swapped: 0, absent: 0, presentShared: 0,
    changed, seenBefore: true, states: Uint8Array.from(states), hugePagesBytes: 0, notes: [],
  };
}

describe('carryMarks', () => {
  it('a reading with changes is kept with its time; the next without changes keeps its marks and that time', () => {
    const first = carryMarks(undefined, reading([1, 0x81, 0], 1), 1000);
    expect(first).toMatchObject({ kind: 'pages', readAt: 1000, changedAt: 1000 });
    const second = carryMarks(first, reading([1, 1, 0], 0), 2000);
    expect(second).toMatchObject({ kind: 'pages', readAt: 2000, changedAt: 1000, reading: { changed: 1 } });
    if (second.kind === 'pages') expect([...second.reading.states]).toEqual([1, 0x81, 0]);
    // A new change replaces the old marks.
    const third = carryMarks(second, reading([1, 1, 0x81], 1), 3000);
    expect(third).toMatchObject({ changedAt: 3000 });
    if (third.kind === 'pages') expect([...third.reading.states]).toEqual([1, 1, 0x81]);
  });

  it('nothing ever changed: no marks, no time', () => {
    expect(carryMarks(carryMarks(undefined, reading([1, 0], 0), 1000), reading([1, 0], 0), 2000)).toMatchObject({ changedAt: null, reading: { changed: 0 } });
  });
});

describe('a program\'s output on memtui\'s screen', () => {
  it('colours, cursor moves, titles and control characters are dropped; tabs become spaces; text stays', () => {
    expect(printable('\x1b[31mred\x1b[0m and \x1b[1;32mgreen\x1b[m')).toBe('red and green');
    expect(printable('\x1b]0;title\x07after\x1b[2J\x1b[H')).toBe('after');
    expect(printable('bell\x07 back\bspace\r')).toBe('bell backspace');
    expect(printable('a\tb\tc')).toBe('a       b       c');
    expect(printable('ünïcödé 🙂')).toBe('ünïcödé 🙂');
  });
});
