import { Box, Text } from 'ink';
import { formatKiB, type Sample } from '../../proc/index.js';
import type { HeapMode } from '../../session/index.js';

export interface HeaderProps {
  pid: number;
  sample: Sample;
  mark: Sample | null;
  mode: HeapMode;
  policy: string;
  pageSize: number;
}

function figure(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}

function since(now: number, mark: number | undefined): string {
  return mark === undefined ? '' : ` (${formatKiB(now - mark, true)} since mark)`;
}

/** PID, live VSZ and RSS with their change since the mark, and the part of each that is ours. */
export function Header({ pid, sample, mark, mode, policy, pageSize }: HeaderProps) {
  const { ours } = sample;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>memtui</Text>
        <Text>  PID {pid}  </Text>
        <Text bold>VSZ {figure(sample.vszBytes)}</Text>
        <Text color="gray">{since(sample.vszBytes, mark?.vszBytes)}</Text>
        <Text>  </Text>
        <Text bold>RSS {figure(sample.rssBytes)}</Text>
        <Text color="gray">{since(sample.rssBytes, mark?.rssBytes)}</Text>
      </Text>
      <Text wrap="truncate">
        <Text>ours: {ours.mappedBytes / pageSize} page{ours.mappedBytes === pageSize ? '' : 's'} ({figure(ours.mappedBytes)}) mapped, {ours.residentBytes / pageSize} ({figure(ours.residentBytes)}) resident</Text>
        <Text color="gray"> | mode {mode}: Part {mode.toUpperCase()}, {policy} fit</Text>
      </Text>
    </Box>
  );
}
