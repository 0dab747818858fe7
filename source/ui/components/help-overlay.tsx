import { Box, Text } from 'ink';
import { commandHelp, targetHint } from '../../session/index.js';
import { singleKeys } from '../keyboard/keyboard-reducer.js';

const navigation: Array<[string, string]> = [
  ['arrows', 'select page/chunk'],
  ['Tab', 'pages <-> chunk list'],
  ['Enter', 'hexdump the selection'],
  [': or /', 'type a command'],
  ['Esc', 'back to single keys'],
  ['PgUp PgDn', 'scroll the log'],
  ['?', 'this help'],
  ['q Ctrl-C', 'quit (unmaps all)'],
];

/** Every key and every command, in two columns when the terminal is wide enough. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const keys = [...singleKeys.map((entry): [string, string] => [entry.key, entry.label]), ...navigation];
  const commands = Object.values(commandHelp).map((entry): [string, string] => [entry.usage, entry.summary]);
  const twoColumns = width >= 150 && height >= Math.max(keys.length, commands.length) + 2;
  const keyLines = keys.map(([key, label]) => `${key.padEnd(10)} ${label}`);
  const commandWidth = Math.max(...commands.map(([usage]) => usage.length));
  const commandLines = commands.map(([usage, summary]) => `${usage.padEnd(commandWidth)}  ${summary}`);
  if (twoColumns) {
    return (
      <Box height={height} width={width}>
        <Box flexDirection="column" width={52}>
          <Text bold>Keys (KEYS mode)</Text>
          {keyLines.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
        </Box>
        <Box flexDirection="column" width={width - 53}>
          <Text bold>Commands (PROMPT mode, scripts, -e)</Text>
          {commandLines.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
          <Text color="gray" wrap="truncate">{targetHint}</Text>
        </Box>
      </Box>
    );
  }
  // Narrow (80x24 up): keys and command usages packed in columns; help <command> explains one.
  const pack = (cells: string[], perLine: number): string[] => {
    const cellWidth = Math.floor(width / perLine);
    const short = cells.map((cell) => (cell.length < cellWidth ? cell : `${cell.slice(0, cellWidth - 2)}~`).padEnd(cellWidth));
    const lines: string[] = [];
    for (let index = 0; index < short.length; index += perLine) lines.push(short.slice(index, index + perLine).join('').trimEnd());
    return lines;
  };
  // The roomiest arrangement that fits: keys two to a line where possible, commands with summaries.
  const keyColumns = 3;
  const keyPacked = pack(keys.map(([key, label]) => `${key} ${label}`), keyColumns);
  let commandPacked = commandLines;
  if (keyPacked.length + commandPacked.length + 2 > height) commandPacked = pack(commands.map(([usage]) => usage), 3);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold>Keys (KEYS mode)</Text>
      {keyPacked.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
      <Text bold>Commands (press : first; help &lt;command&gt; explains one)</Text>
      {commandPacked.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
    </Box>
  );
}
