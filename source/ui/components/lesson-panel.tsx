import { Box } from 'ink';
import type { LessonView } from '../../walkthrough/index.js';
import type { KeyMode } from '../keyboard/keyboard-reducer.js';
import { lessonLines } from '../lesson-lines.js';
import { SegmentLine } from './segments.js';

/**
 * The walkthrough beside the grid: the step to do now, then what the last finished step
 * measured and why. What to do and what was seen always show; the intro and the why give way.
 */
export function LessonPanel({ lesson, width, height, keyMode = 'keys' }: { lesson: LessonView; width: number; height: number; keyMode?: KeyMode }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lessonLines(lesson, width, height, keyMode === 'prompt').map((line, index) => <SegmentLine key={index} line={line} />)}
    </Box>
  );
}
