import { Box } from 'ink';
import type { PageView } from '../../session/index.js';
import { gridLines } from '../grid-lines.js';
import { SegmentLine } from './segments.js';

export interface PageGridProps {
  pages: PageView[];
  selected: number;
  height: number;
  width: number;
  /** A used chunk to draw inverted (the one selected in the chunk list). */
  highlightId?: number | null;
}

/** Every mapped page as a row of cells: chunks by letter, free space '.', raw data '#', untouched '-'. */
export function PageGrid({ pages, selected, height, width, highlightId = null }: PageGridProps) {
  const { lines } = gridLines(pages, selected, height, highlightId);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((line, index) => <SegmentLine key={index} line={line} />)}
    </Box>
  );
}
