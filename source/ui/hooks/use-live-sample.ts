import { useEffect, useState } from 'react';
import type { Sample } from '../../proc/index.js';
import type { Session } from '../../session/index.js';

function same(a: Sample, b: Sample): boolean {
  return a.vszBytes === b.vszBytes && a.rssBytes === b.rssBytes
    && a.ours.mappedBytes === b.ours.mappedBytes && a.ours.residentBytes === b.ours.residentBytes;
}

/**
 * VSZ, RSS and our part, read from /proc a few times a second. The state only changes when a
 * figure does, so an idle screen does not re-render.
 */
export function useLiveSample(session: Session, intervalMs = 400, version = 0): Sample {
  const [sample, setSample] = useState(() => session.sample());
  useEffect(() => {
    const read = () => {
      const next = session.sample();
      setSample((previous) => (same(previous, next) ? previous : next));
    };
    read();
    const timer = setInterval(read, intervalMs);
    return () => clearInterval(timer);
  }, [session, intervalMs, version]);
  return sample;
}
