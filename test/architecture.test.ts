/**
 * The walls between rooms (docs/architecture.md), checked on the imports as they are: every
 * arrow between rooms is one the design allows, another room is entered only through its
 * index, and no two rooms import each other in a circle.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importEdges, roomCycles, roomOf } from './support/import-graph.js';

const SOURCE = fileURLToPath(new URL('../source', import.meta.url));

/** Which rooms a room may import. */
const allowed: Record<string, readonly string[]> = {
  native: [],
  proc: [],
  heap: ['native'],
  lab: ['heap', 'native'],
  result: ['heap'],
  walkthrough: ['result'],
  student: ['proc'],
  target: ['proc', 'native', 'result'],
  session: ['native', 'proc', 'heap', 'result', 'walkthrough', 'student', 'target'],
  ui: ['session', 'result', 'heap', 'walkthrough'],
  cli: ['session'],
  root: ['cli', 'session', 'student', 'ui', 'result'],
};

const edges = importEdges(SOURCE);
const between = (list: readonly ImportEdge[]) => list.filter((edge) => roomOf(edge.from) !== roomOf(edge.to));

describe('the walls between rooms', () => {
  it('reads the imports of the whole tree', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(new Set(edges.map((edge) => roomOf(edge.from)))).toEqual(new Set(Object.keys(allowed)));
  });

  it('every arrow between rooms is one the design allows', () => {
    const wrong = between(edges)
      .filter((edge) => !allowed[roomOf(edge.from)]!.includes(roomOf(edge.to)))
      // The CLI only names the UI bundle's type; the UI itself is loaded as one file.
      .filter((edge) => !(edge.from === 'main.ts' && edge.to === 'ui/entry' && edge.typeOnly));
    expect(wrong.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
  });

  it('another room is entered only through its index', () => {
    const around = between(edges).filter((edge) => !/\/index$/.test(edge.to) && !(edge.from === 'main.ts' && edge.to === 'ui/entry'));
    expect(around.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
  });

  it('no rooms import each other in a circle', () => {
    const rooms = between(edges).map((edge) => ({ from: roomOf(edge.from), to: roomOf(edge.to) }));
    expect(roomCycles(rooms)).toEqual([]);
  });

  it('the cycle check finds a planted cycle, and names it', () => {
    const planted = [{ from: 'session', to: 'walkthrough' }, { from: 'walkthrough', to: 'result' }, { from: 'result', to: 'session' }];
    expect(roomCycles(planted)).toEqual([['session', 'walkthrough', 'result', 'session']]);
  });
});
