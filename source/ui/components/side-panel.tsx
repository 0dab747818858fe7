import { Box, Text } from 'ink';
import { type ChunkInfo, hex, type HeapStats } from '../../heap/index.js';
import { partName, type HeapMode } from '../../session/index.js';
import { chunkColor, chunkLetter, colorEnabled } from '../glyphs.js';

export interface SidePanelProps {
  mode: HeapMode;
  chunks: Array<ChunkInfo & { screenPage: number }>;
  stats: HeapStats | null;
  selectedId: number | null;
  focused: boolean;
  width: number;
  height: number;
}

export function statsLine(stats: HeapStats): string {
  return `free ${stats.freeBytes} B in ${stats.freeChunks} chunk${stats.freeChunks === 1 ? '' : 's'}, largest ${stats.largestFreeBytes} B, fragmentation ${Math.round(stats.fragmentation * 100)}%`;
}

/** The chunk list of the current allocator and its free-space figures. */
export function SidePanel({ mode, chunks, stats, selectedId, focused, width, height }: SidePanelProps) {
  const color = colorEnabled();
  if (!stats) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text bold wrap="truncate">{partName[mode]}</Text>
        <Text color="gray" wrap="wrap">not initialised: press i (or type init). t switches between Part A and Part B.</Text>
      </Box>
    );
  }
  const summary = [
    `${stats.pagesMapped}/${stats.maxPages} page${stats.maxPages === 1 ? '' : 's'}, ${stats.policy} fit`,
    `free ${stats.freeBytes} B in ${stats.freeChunks} chunk${stats.freeChunks === 1 ? '' : 's'}`,
    `largest free ${stats.largestFreeBytes} B`,
    `fragmentation ${Math.round(stats.fragmentation * 100)}%`,
  ];
  const room = Math.max(1, height - summary.length - 2);
  const selectedIndex = Math.max(0, chunks.findIndex((chunk) => chunk.id === selectedId));
  const first = Math.max(0, Math.min(selectedIndex - Math.floor(room / 2), chunks.length - room));
  const visible = chunks.slice(first, first + room);
  // The address column only where it fits; offset and size always.
  const withAddress = width >= 44;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">{mode === 'a' ? 'Part A' : 'Part B'} chunks{focused ? ' (Tab: pages)' : ' (Tab: select)'}</Text>
      {summary.map((line) => <Text key={line} wrap="truncate">{line}</Text>)}
      <Text color="gray" wrap="truncate">{withAddress ? '   id    address        offset  size state' : '   id    offset  size state'}</Text>
      {visible.map((chunk) => {
        const selected = focused && chunk.id === selectedId;
        const label = chunk.free ? '  . free' : `${chunkLetter(chunk.id)} #${chunk.id}`;
        return (
          <Text key={`${chunk.page}:${chunk.offset}`} wrap="truncate" inverse={selected}
            color={color && !chunk.free ? chunkColor(chunk.id) : chunk.free && color ? 'gray' : undefined}>
            {`${selected ? '>' : ' '}${label.padEnd(7)}${withAddress ? ` ${hex(chunk.address).slice(-12)}` : ''} ${`p${chunk.screenPage}+${chunk.offset}`.padStart(7)} ${String(chunk.size).padStart(5)} ${chunk.free ? 'free' : 'used'}`}
          </Text>
        );
      })}
      {chunks.length > first + room ? <Text color="gray">{`  ... ${chunks.length - first - room} more`}</Text> : null}
    </Box>
  );
}
