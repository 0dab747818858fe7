import { useCallback, useSyncExternalStore } from 'react';
import type { Session } from '../../session/index.js';

/** The seq of the newest result: it changes when a command ran, and React renders then. */
export function useSessionVersion(session: Session): number {
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  return useSyncExternalStore(subscribe, () => session.log.last?.seq ?? 0);
}

/** The command line running now, or null: the footer says so while a slow command runs. */
export function useSessionRunning(session: Session): string | null {
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  return useSyncExternalStore(subscribe, () => session.running);
}
