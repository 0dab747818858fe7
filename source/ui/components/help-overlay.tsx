import { Box, Text } from 'ink';
import React from 'react';
import { commandHelp, targetHint } from '../../session/index.js';
import { singleKeys } from '../ui-state.js';

const navigation: Array<[string, string]> = [
  ['arrows', 'select a page (or a chunk, after Tab)'],
  ['Tab', 'switch the selection between pages and chunks'],
  ['Enter', 'hexdump the selection'],
  [':  or  /', 'type a command (Esc returns to single keys)'],
  ['PgUp PgDn', 'scroll the log'],
  ['?', 'this help'],
  ['q  Ctrl-C', 'quit (every page is unmapped first)'],
];

/** Every key and every command, in two columns when the terminal is wide enough. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const keys = [...singleKeys.map((entry): [string, string] => [entry.key, entry.label]), ...navigation];
  const commands = Object.values(commandHelp).map((entry): [string, string] => [entry.usage, entry.summary]);
  const twoColumns = width >= 150;
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
  // Narrow: keys packed three to a line, then the commands; both fit 80x24.
  const packed: string[] = [];
  const keyCell = Math.floor(width / 3);
  const short = keys.map(([key, label]) => `${key} ${label}`.slice(0, keyCell - 1).padEnd(keyCell));
  for (let index = 0; index < short.length; index += 3) packed.push(short.slice(index, index + 3).join(''));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold>Keys</Text>
      {packed.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
      <Text bold>Commands</Text>
      {commandLines.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
    </Box>
  );
}
