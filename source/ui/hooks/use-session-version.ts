import { useCallback, useSyncExternalStore } from 'react';
import type { Session } from '../../session/index.js';

/** The seq of the newest result: it changes when a command ran, and React renders then. */
export function useSessionVersion(session: Session): number {
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  return useSyncExternalStore(subscribe, () => session.log.last?.seq ?? 0);
}
