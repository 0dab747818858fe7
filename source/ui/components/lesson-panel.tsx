import { Box } from 'ink';
import React from 'react';
import type { LessonView } from '../../walkthrough/index.js';
import { lessonLines } from '../lesson-lines.js';
import { SegmentLine } from './segments.js';

/**
 * The walkthrough beside the grid: the step to do now, then what the last finished step
 * measured and why. What to do and what was seen always show; the intro and the why give way.
 */
export function LessonPanel({ lesson, width, height }: { lesson: LessonView; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lessonLines(lesson, width, height).map((line, index) => <SegmentLine key={index} line={line} />)}
    </Box>
  );
}
