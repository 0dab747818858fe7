import { Box, Text } from 'ink';
import type { Theme } from '../theme.js';
import type { Line } from '../view/line.js';

/** Lines as the view model made them: one Text per line, one nested Text per segment. */
export function ScreenLines({ lines, theme, width }: { lines: readonly Line[]; theme: Theme; width: number }) {
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((line, row) => (
        <Text key={row} wrap="truncate">
          {line.length === 0 ? ' ' : line.map((segment, index) => (
            <Text key={index} color={theme(segment.tone)} bold={segment.bold} inverse={segment.inverse}>{segment.text}</Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
