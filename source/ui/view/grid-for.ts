import { type Session, studentPicture, watchedOf } from '../../session/index.js';
import { type GridSource, labGrid } from './grid-view.js';
import { regionGrid } from './region-grid.js';
import { studentGrid } from './student-grid.js';

/**
 * What the grid shows for this session: the mappings of a watched process (`--pid`, `watch`),
 * the pages a loaded student allocator mapped (in its driver process), else the pages memtui
 * mapped for the lab.
 */
export function gridFor(session: Session): GridSource {
  const watched = watchedOf(session.subject);
  if (watched) return regionGrid(watched, session.lab.pageSize);
  const picture = studentPicture(session.subject);
  if (picture) return studentGrid(picture);
  return labGrid(session.lab);
}
