import { Text } from 'ink';
import { colorEnabled } from '../glyphs.js';
import type { Line } from '../grid-lines.js';

/** One screen line from its segments; colour only where the terminal wants it. */
export function SegmentLine({ line }: { line: Line }) {
  const color = colorEnabled();
  return (
    <Text wrap="truncate">
      {line.map((segment, index) => (
        <Text key={index} color={color ? segment.color : undefined} bold={segment.bold} inverse={segment.inverse}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
