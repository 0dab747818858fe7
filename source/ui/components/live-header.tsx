import type { Session } from '../../session/index.js';
import type { HeapMode } from '../../session/index.js';
import { useLiveSample } from '../hooks/use-live-sample.js';
import { Header } from './header.js';

export interface LiveHeaderProps {
  session: Session;
  /** The newest result's seq: its measured figures show in the same frame. */
  version: number;
  sampleMs: number;
  mode: HeapMode;
  policy: string;
  pageSize: number;
}

/** The header with its own live sampling, so a new sample re-renders the header alone. */
export function LiveHeader({ session, version, sampleMs, mode, policy, pageSize }: LiveHeaderProps) {
  const sample = useLiveSample(session, sampleMs, version);
  return <Header pid={process.pid} sample={sample} mark={session.mark} mode={mode} policy={policy} pageSize={pageSize} />;
}
