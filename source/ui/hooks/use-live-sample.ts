import { useEffect, useRef, useState } from 'react';
import type { Sample } from '../../result/index.js';
import type { Session } from '../../session/index.js';

function same(a: Sample, b: Sample): boolean {
  return a.vszBytes === b.vszBytes && a.rssBytes === b.rssBytes
    && a.ours.mappedBytes === b.ours.mappedBytes && a.ours.residentBytes === b.ours.residentBytes;
}

/**
 * VSZ, RSS and our part, read from /proc a few times a second. The state only changes when a
 * figure does, so an idle screen does not re-render. Right after a command (a new `version`),
 * the figures the session measured after it are shown in the same frame as its result.
 */
export function useLiveSample(session: Session, intervalMs = 500, version = 0): Sample {
  const [timed, setTimed] = useState(() => ({ sample: session.sample(), version }));
  const versionRef = useRef(version);
  versionRef.current = version;
  useEffect(() => {
    const timer = setInterval(() => {
      if (session.disposed) return;
      const next = session.sample();
      setTimed((previous) => (previous.version === versionRef.current && same(previous.sample, next)
        ? previous
        : { sample: next, version: versionRef.current }));
    }, intervalMs);
    return () => clearInterval(timer);
  }, [session, intervalMs]);
  const last = session.log.last;
  if (timed.version !== version && last) return { vszBytes: last.vszBytes, rssBytes: last.rssBytes, ours: last.ours };
  return timed.sample;
}
