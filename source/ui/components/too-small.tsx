import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">memtui needs {MIN_COLUMNS}x{MIN_ROWS}; this terminal is {columns}x{rows}.</Text>
      <Text wrap="truncate">Enlarge the terminal; q quits.</Text>
    </Box>
  );
}
