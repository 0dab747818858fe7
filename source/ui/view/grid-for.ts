import { type Session, studentPicture } from '../../session/index.js';
import { type GridSource, labGrid } from './grid-view.js';
import { studentGrid } from './student-grid.js';

/**
 * What the grid shows for this session: the pages a loaded student allocator mapped (in its
 * driver process), else the pages memtui mapped for the lab. (A watched process brings a grid
 * of its own here.)
 */
export function gridFor(session: Session): GridSource {
  const picture = studentPicture(session.subject);
  if (picture) return studentGrid(picture);
  return labGrid(session.lab);
}
