import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { type MutableRefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { type Line, visibleWindow } from '../keyboard/line-editor.js';

export interface PromptProps {
  /** The line as the keyboard reducer follows it (text and cursor). */
  line: Line;
  /** A new number places a fresh text input at `line`; between placements the text input edits. */
  placement: number;
  width: number;
  /** Set to `placement` once that text input listens to the keyboard (see KeyContext). */
  listening: MutableRefObject<number>;
  /** Every value the text input produces, to check that the reducer still follows it. */
  onTextChange(value: string, placement: number): void;
  /** The mark before the line: ':' for a command, '>' for a line typed for the program. */
  lead?: string;
}

/**
 * The prompt's line, edited by ink-text-input. ink-text-input keeps its cursor private and puts
 * it at the end of the text it is mounted with; to put it anywhere else (Home, a paste in the
 * middle), a fresh input is mounted with the text up to the cursor, and the rest is given to it
 * right after: it keeps a cursor that lies inside the new text. A long line scrolls sideways
 * so the cursor stays in view; the frame never grows taller.
 */
export function Prompt({ line, placement, width, listening, onTextChange, lead = ':' }: PromptProps) {
  const [text, setText] = useState(line.value);
  const [seededFor, setSeededFor] = useState(-1);
  const latest = useRef(placement);
  latest.current = placement;
  const seeding = seededFor !== placement;

  useLayoutEffect(() => {
    if (seededFor !== placement) {
      setText(line.value);
      setSeededFor(placement);
    }
  }, [placement, seededFor, line.value]);
  // Runs after the text input's own effect has subscribed it to the keyboard.
  useEffect(() => {
    if (!seeding && latest.current === placement) listening.current = placement;
    return () => {
      if (listening.current === placement) listening.current = -1;
    };
  }, [placement, seeding, listening]);

  const shown = seeding ? line.value.slice(0, Math.max(0, line.cursor)) : text;
  const { start } = visibleWindow(line, width - 2);
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text bold>{start > 0 ? '<' : lead} </Text>
      <Box width={width - 2} overflow="hidden">
        <Box marginLeft={-start} width={Math.max(shown.length, line.value.length) + 1} flexShrink={0}>
          <TextInput
            key={placement}
            value={shown}
            onChange={(value) => {
              // A text input that was replaced may still hear a key before it unsubscribes.
              if (latest.current !== placement || seeding) return;
              setText(value);
              onTextChange(value, placement);
            }}
            onSubmit={() => undefined}
          />
        </Box>
      </Box>
    </Box>
  );
}
