import { Box, Text } from 'ink';
import type { KeyMode } from '../ui-state.js';

export interface FooterProps {
  mode: KeyMode;
  prompt: string;
  /** Characters of the prompt after the cursor (the app's line editor moves it). */
  cursorBack?: number;
  /** False when stdin is not a terminal: then nothing may take raw mode. */
  interactive: boolean;
  /** Columns of the terminal: a long line scrolls sideways instead of wrapping the frame taller. */
  width?: number;
}

/** At 80 columns the keys hint keeps the most used keys; ? lists every one. */
const shortKeysHint = ': command  ? help  q quit  m map  w write  a alloc  d free  n lesson';

const hints: Record<KeyMode, string> = {
  keys: ': type a command  ? help  q quit  m map  w write  r read  a alloc  d free  i init  t A/B  arrows/Tab select',
  prompt: 'type a command, Enter runs it (help lists them), up/down history, Esc back to single keys',
  help: 'any key closes help',
};

/** Which mode the keyboard is in, always on screen, and the prompt. */
export function Footer({ mode, prompt, cursorBack = 0, interactive, width = 80 }: FooterProps) {
  const badge = mode === 'prompt' ? ' PROMPT ' : mode === 'help' ? ' HELP ' : ' KEYS ';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text inverse bold>{badge}</Text>
        <Text color="gray"> {mode === 'keys' && width < hints.keys.length + 9 ? shortKeysHint : hints[mode]}</Text>
      </Text>
      <Box>
        <Text bold>{mode === 'prompt' ? ': ' : '  '}</Text>
        {mode === 'prompt' && interactive
          ? <PromptLine prompt={prompt} cursorBack={cursorBack} width={width - 3} />
          : <Text color="gray" wrap="truncate">{mode === 'prompt' ? prompt : mode === 'help' ? '' : 'press : to type a command'}</Text>}
      </Box>
    </Box>
  );
}

/** The typed line with the cursor as an inverse cell (the editing itself is in ui-state.ts). */
function PromptLine({ prompt, cursorBack, width }: { prompt: string; cursorBack: number; width: number }) {
  const at = prompt.length - Math.max(0, Math.min(cursorBack, prompt.length));
  // Keep the cursor in view: show the window of `width` characters that ends just after it.
  const start = Math.max(0, Math.min(at + 1, prompt.length + 1) - width);
  const shown = prompt.slice(start, start + width);
  const cursor = at - start;
  return (
    <Text wrap="truncate">
      {start > 0 ? '<' : ''}
      {shown.slice(start > 0 ? 1 : 0, cursor)}
      <Text inverse>{shown[cursor] ?? ' '}</Text>
      {shown.slice(cursor + 1)}
    </Text>
  );
}
