import { Box, Text } from 'ink';
import React from 'react';
import type { Result } from '../../session/index.js';
import { logWindow } from '../log-lines.js';
import { SegmentLine } from './segments.js';

export function LogView({ results, height, scroll, width }: { results: readonly Result[]; height: number; scroll: number; width: number }) {
  const { lines } = logWindow(results, height, scroll, width);
  if (results.length === 0) {
    return (
      <Box flexDirection="column" height={height} width={width}>
        <Text wrap="wrap">Welcome. Everything on this screen is this process, measured live from /proc. Press m to map a page, i to start an allocator, ? for every key, or l for the guided lab (lesson 1 starts from zero).</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height} width={width}>
      {lines.map((line, index) => <SegmentLine key={index} line={line} />)}
    </Box>
  );
}
