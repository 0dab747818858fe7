import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { KeyMode } from '../keyboard/keyboard-reducer.js';
import type { Theme } from '../theme.js';

export interface FooterProps {
  mode: KeyMode;
  /** The keys hint of KEYS mode, when the screen has keys of its own (watching a process). */
  keysHint?: string;
  /** The prompt, drawn in PROMPT mode (the App gives it, wired to the keyboard). */
  prompt: ReactNode;
  width?: number;
  theme: Theme;
  /** The command line still running, when one takes a while (a student's code compiling, a slow call). */
  running?: string | null;
}

/** At 80 columns the keys hint keeps the most used keys; ? lists every one. */
const shortKeysHint = ': command  ? help  q quit  m map  w write  a alloc  d free  n lesson';

const hints: Record<KeyMode, string> = {
  keys: ': type a command  ? help  q quit  m map  w write  r read  a alloc  d free  i init  t A/B  arrows/Tab select',
  prompt: 'type a command, Enter runs it (help lists them), up/down history, Esc back to single keys',
  help: 'arrows, PgUp/PgDn scroll; any other key closes help',
  input: 'a line for the program: Enter sends it (empty: Enter alone), Esc back to single keys',
};

/** Which mode the keyboard is in, always on screen, and the prompt. */
export function Footer({ mode, keysHint, prompt, width = 80, theme, running = null }: FooterProps) {
  const badge = mode === 'prompt' ? ' PROMPT ' : mode === 'help' ? ' HELP ' : mode === 'input' ? ' INPUT ' : ' KEYS ';
  const hint = mode === 'keys' && keysHint !== undefined ? keysHint : mode === 'keys' && width < hints.keys.length + 9 ? shortKeysHint : hints[mode];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text inverse bold>{badge}</Text>
        {running === null
          ? <Text color={theme('muted')}> {hint}</Text>
          : <Text color={theme('warn')}> running: {running} ... (keys wait for it)</Text>}
      </Text>
      {mode === 'prompt' || mode === 'input'
        ? prompt
        : <Text color={theme('muted')} wrap="truncate">{mode === 'help' ? ' ' : '  press : to type a command'}</Text>}
    </Box>
  );
}
