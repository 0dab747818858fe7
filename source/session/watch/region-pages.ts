import { PAGE_CHANGED, type PresenceReading, type TargetProblem } from '../../target/index.js';

/**
 * The pages of one mapping as the screen shows them: the newest pagemap reading, with the pages
 * of the last change marked. A page is marked when its state differed from the reading before;
 * the marks stay until a later reading sees another change, so a page that turned present while
 * the program sits paused stays marked (with how long ago) instead of for one second only.
 */
export type RegionPages =
  | { kind: 'pages'; reading: PresenceReading; readAt: number; changedAt: number | null }
  | { kind: 'too-large'; pages: number; message: string }
  | { kind: 'problem'; problem: TargetProblem };

/**
 * The newest reading of a range, with the marks of `previous` (a reading of the same range)
 * carried over when nothing changed since: the states are the same then, only the marks are
 * copied. `reading.changed` keeps counting the marked pages.
 */
export function carryMarks(previous: RegionPages | undefined, reading: PresenceReading, now: number): RegionPages {
  if (reading.changed > 0 || previous?.kind !== 'pages' || previous.changedAt === null) {
    return { kind: 'pages', reading, readAt: now, changedAt: reading.changed > 0 ? now : null };
  }
  const before = previous.reading.states;
  const { states } = reading;
  if (before.length !== states.length) return { kind: 'pages', reading, readAt: now, changedAt: null };
  for (let page = 0; page < states.length; page += 1) states[page] = states[page]! | (before[page]! & PAGE_CHANGED);
  return { kind: 'pages', reading: { ...reading, changed: previous.reading.changed }, readAt: now, changedAt: previous.changedAt };
}
