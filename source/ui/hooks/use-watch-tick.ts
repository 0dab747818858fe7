import { useEffect, useState } from 'react';
import { type Session, watchedOf } from '../../session/index.js';

/**
 * While the session watches another process: a number that grows every `intervalMs` (its maps
 * and the selected mapping's pages are read again then, when the screen draws them) and
 * whenever the program memtui started prints, is sent input, or ends. 0, and no timer, otherwise.
 */
export function useWatchTick(session: Session, intervalMs: number): number {
  const watched = watchedOf(session.subject);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!watched) return undefined;
    const bump = () => setTick((value) => value + 1);
    const timer = setInterval(bump, intervalMs);
    const unsubscribe = watched.subscribe(bump);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [watched, intervalMs]);
  return tick;
}
