import { type Session, studentPicture, watchedOf } from '../../session/index.js';
import { useLiveSample } from '../hooks/use-live-sample.js';
import type { Theme } from '../theme.js';
import { headerLines, type WatchHeader } from '../view/header-view.js';
import { ScreenLines } from './screen-lines.js';

export interface LiveHeaderProps {
  session: Session;
  /** The newest result's seq: its measured figures show in the same frame. */
  version: number;
  sampleMs: number;
  width: number;
  theme: Theme;
  /** Grows while watching another process (each second, and when its program prints or ends): its state line follows. */
  tick?: number;
}

/** The header with its own live sampling, so a new sample re-renders the header alone. */
export function LiveHeader({ session, version, sampleMs, width, theme }: LiveHeaderProps) {
  const sample = useLiveSample(session, sampleMs, version);
  const { lab } = session;
  const { subject } = session;
  const student = studentPicture(subject);
  const allocator = student ? `your ${subject.label}, Part ${student.part.toUpperCase()}` : undefined;
  const watched = watchedOf(subject);
  const watch: WatchHeader | null = watched && {
    state: watched.sample?.state ?? null,
    ended: watched.exit?.message ?? watched.ended?.message ?? null,
  };
  const lines = headerLines({ pid: subject.pid, subject: subject.ownMemory ? null : subject.label, sample, mark: session.mark, pageSize: lab.pageSize, part: lab.part, policy: lab.policy(), allocator, watch }, width);
  return <ScreenLines lines={lines} theme={theme} width={width} />;
}
