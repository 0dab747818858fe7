import { Box, Text } from 'ink';
import type { Result } from '../../session/index.js';
import { logWindow } from '../log-lines.js';
import { SegmentLine } from './segments.js';

export function LogView({ results, height, scroll, width }: { results: readonly Result[]; height: number; scroll: number; width: number }) {
  // Scrolled back, the top row says so and how to return.
  const { lines, maxScroll } = logWindow(results, scroll > 0 ? height - 1 : height, scroll, width);
  if (results.length === 0) {
    return (
      <Box flexDirection="column" height={height} width={width}>
        <Text wrap="wrap">Welcome. Everything on this screen is this process, measured live from /proc. Press n to start the guided lab at lesson 1 (l lists the lessons), m to map a page, i to start an allocator, : to type a command, ? for every key.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height} width={width}>
      {scroll > 0 ? <Text inverse wrap="truncate">{` log scrolled back ${Math.min(scroll, maxScroll)} lines: PgDn (or any command) returns to the newest `}</Text> : null}
      {lines.map((line, index) => <SegmentLine key={index} line={line} />)}
    </Box>
  );
}
