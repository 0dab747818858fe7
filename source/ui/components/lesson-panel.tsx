import { Box, Text } from 'ink';
import React from 'react';
import type { LessonView } from '../../walkthrough/index.js';

/**
 * The walkthrough beside the grid: the step to do now, then what the last finished step
 * measured and why. It clips to its height; the current step always comes first.
 * What to do and what was seen never shrink (yoga would cut every text a little, the task's
 * command too): the intro and the why give way, cut at the bottom.
 */
export function LessonPanel({ lesson, width, height }: { lesson: LessonView; width: number; height: number }) {
  const currentIndex = lesson.steps.findIndex((step) => step.status === 'current');
  const current = lesson.steps[currentIndex];
  const doneSteps = lesson.steps.filter((step) => step.status === 'done');
  const lastDone = [...lesson.steps.entries()].filter(([, step]) => step.status === 'done').pop();
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box flexShrink={0}><Text bold wrap="wrap">Lesson {lesson.number}/{lesson.count}: {lesson.title}</Text></Box>
      <Box flexShrink={0}><Text color="gray" wrap="truncate">{'steps '}{lesson.steps.map((step) => (step.status === 'done' ? '[x]' : step.status === 'current' ? '[>]' : '[ ]')).join('')}  n next, b back, l list</Text></Box>
      {doneSteps.length === 0 ? <Text wrap="wrap">{lesson.intro}</Text> : null}
      {current
        ? (
          <>
            <Box flexShrink={0}><Text wrap="wrap"><Text bold>Do ({currentIndex + 1}/{lesson.steps.length}): </Text>{current.task}</Text></Box>
            <Box flexShrink={0}><Text wrap="wrap"><Text bold>Watch: </Text>{current.watch}</Text></Box>
            {lesson.hint ? <Box flexShrink={0}><Text wrap="wrap" color="yellow">Not yet: {lesson.hint}</Text></Box> : null}
          </>
        )
        : <Box flexShrink={0}><Text bold wrap="wrap" color="green">Lesson complete. {lesson.number < lesson.count ? 'Press n for the next one.' : 'That was the last lesson.'}</Text></Box>}
      {lastDone
        ? (
          <>
            <Box flexShrink={0}><Text wrap="wrap" color="green"><Text bold>Seen ({lastDone[0] + 1}): </Text>{lastDone[1].observed}</Text></Box>
            {lastDone[1].caveat ? <Text wrap="wrap" color="yellow"><Text bold>Note: </Text>{lastDone[1].caveat}</Text> : null}
            <Text wrap="wrap"><Text bold>Why: </Text>{lastDone[1].why}</Text>
          </>
        )
        : null}
    </Box>
  );
}
