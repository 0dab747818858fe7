import { Box, Text } from 'ink';
import React from 'react';
import type { KeyMode } from '../ui-state.js';

export interface FooterProps {
  mode: KeyMode;
  prompt: string;
  /** Characters of the prompt after the cursor (the app's line editor moves it). */
  cursorBack?: number;
  /** False when stdin is not a terminal: then nothing may take raw mode. */
  interactive: boolean;
}

const hints: Record<KeyMode, string> = {
  keys: ': type a command  ? help  q quit  m map  w write  r read  a alloc  d free  i init  t A/B  arrows/Tab select',
  prompt: 'type a command, Enter runs it (help lists them), up/down history, Esc back to single keys',
  help: 'any key closes help',
};

/** Which mode the keyboard is in, always on screen, and the prompt. */
export function Footer({ mode, prompt, cursorBack = 0, interactive }: FooterProps) {
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
          ? <PromptLine prompt={prompt} cursorBack={cursorBack} />
          : <Text color="gray">{mode === 'prompt' ? prompt : 'press : to type a command'}</Text>}
      </Box>
    </Box>
  );
}

/** The typed line with the cursor as an inverse cell (the editing itself is in ui-state.ts). */
function PromptLine({ prompt, cursorBack }: { prompt: string; cursorBack: number }) {
  const at = prompt.length - Math.max(0, Math.min(cursorBack, prompt.length));
  return (
    <Text>
      {prompt.slice(0, at)}
      <Text inverse>{prompt[at] ?? ' '}</Text>
      {prompt.slice(at + 1)}
    </Text>
  );
}
