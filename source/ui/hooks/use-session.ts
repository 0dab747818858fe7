import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import { buildSnapshot, type Session, type Snapshot } from '../../session/index.js';

/** The session as React sees it: a snapshot rebuilt once per change of the log. */
export function useSession(session: Session): Snapshot {
  const cache = useRef<{ seq: number; snapshot: Snapshot } | null>(null);
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const getVersion = useCallback(() => session.log.length === 0 ? 0 : session.log[session.log.length - 1]!.seq, [session]);
  const version = useSyncExternalStore(subscribe, getVersion);
  return useMemo(() => {
    if (cache.current?.seq !== version) cache.current = { seq: version, snapshot: buildSnapshot(session) };
    return cache.current.snapshot;
  }, [session, version]);
}
