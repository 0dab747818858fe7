import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import React from 'react';
import type { KeyMode } from '../ui-state.js';

export interface FooterProps {
  mode: KeyMode;
  prompt: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  /** False when stdin is not a terminal: then nothing may take raw mode. */
  interactive: boolean;
}

const hints: Record<KeyMode, string> = {
  keys: ': type a command  ? help  q quit  m map  w write  r read  a alloc  d free  i init  t A/B  arrows/Tab select',
  prompt: 'type a command, Enter runs it (help lists them), up/down history, Esc back to single keys',
  help: 'any key closes help',
};

/** Which mode the keyboard is in, always on screen, and the prompt. */
export function Footer({ mode, prompt, onChange, onSubmit, interactive }: FooterProps) {
  const badge = mode === 'prompt' ? ' PROMPT ' : mode === 'help' ? ' HELP ' : ' KEYS ';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text inverse bold>{badge}</Text>
        <Text color="gray"> {hints[mode]}</Text>
      </Text>
      <Box>
        <Text bold>{mode === 'prompt' ? ': ' : '  '}</Text>
        {mode === 'prompt' && interactive
          ? <TextInput value={prompt} onChange={onChange} onSubmit={onSubmit} />
          : <Text color="gray">{mode === 'prompt' ? prompt : 'press : to type a command'}</Text>}
      </Box>
    </Box>
  );
}
