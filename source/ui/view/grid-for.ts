import type { Session } from '../../session/index.js';
import { type GridSource, labGrid } from './grid-view.js';

/**
 * What the grid shows for this session: the pages memtui mapped for the lab. (A student's
 * allocator, loaded, or a watched process bring grids of their own here.)
 */
export function gridFor(session: Session): GridSource {
  return labGrid(session.lab);
}
