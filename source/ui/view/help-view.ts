import { type CommandRegistry, type CommandSpec, targetHint } from '../../session/index.js';
import { type Line, seg } from './line.js';
import { wrapWords } from './wrap.js';

/** Keys that move around the screen rather than run a command. */
export const navigationKeys: ReadonlyArray<readonly [string, string]> = [
  ['arrows', 'select a page or chunk'],
  ['Tab', 'pages <-> chunk list'],
  ['Enter', 'hexdump the selection'],
  [': or /', 'type a command'],
  ['Esc', 'back to single keys'],
  ['PgUp PgDn', 'scroll the log'],
  ['[ ]', 'scroll the lesson'],
  ['?', 'this help'],
  ['q Ctrl-C', 'quit (unmaps all)'],
];

/** Keys of watching a program memtui started (`watch --`): its input. */
export const programKeys: ReadonlyArray<readonly [string, string]> = [
  ['Enter', 'Enter to the program'],
  ['>', 'type a line for it'],
  ['Esc', 'back from its line'],
];

/** The KEYS hint of the footer while watching: a running program's keys first, then the mappings'. */
export function watchKeysHint(programRunning: boolean, width: number): string {
  const full = programRunning
    ? 'Enter to the program  > type a line for it  arrows select  v pages  s stat  k mark  M maps  : command  ? help  q quit'
    : 'arrows select  Enter or v pages  s stat  k mark  M maps  p ps  : command  ? help  q quit';
  // At 80 columns (the badge takes 9): what the watch lesson uses, and the way out.
  const short = programRunning
    ? 'Enter to program  > type  v pages  s stat  k mark  ? help  q quit'
    : 'arrows select  Enter pages  s stat  k mark  M maps  ? help  q quit';
  return full.length + 9 <= width ? full : short;
}

/** Keys of the grid while watching a process: its mappings, not pages of ours. */
const watchingKeys: ReadonlyArray<readonly [string, string]> = [
  ['arrows', 'select a mapping'],
  ['Enter', 'pages of the mapping (as v)'],
];

/**
 * Every key and every command, in full, wrapped to `width`: the help overlay scrolls through it.
 * While watching a process, the keys of commands it refuses are left out, and its own are first.
 */
export function helpText(registry: CommandRegistry, width: number, options: { watching?: boolean; program?: boolean; refused?: (spec: CommandSpec) => boolean } = {}): Line[] {
  const lines: Line[] = [[seg('Keys (KEYS mode)', { bold: true })]];
  const watching = options.watching === true;
  // Keys of commands the process measured now would refuse are left out.
  const refused = options.refused ?? (() => false);
  const bound = registry.all().filter((spec) => !(watching && spec.changesMemory) && !refused(spec)).flatMap((spec) => spec.keys ?? []);
  const navigation = watching
    ? navigationKeys.filter(([key]) => key !== 'Enter' && key !== 'Tab' && key !== 'arrows')
    : navigationKeys;
  const keys = [
    ...(options.program ? programKeys : []),
    ...(watching ? watchingKeys.filter(([key]) => !(options.program && key === 'Enter')) : []),
    ...bound.map((binding) => [binding.key, binding.label] as const),
    ...navigation,
  ];
  const keyWidth = Math.max(...keys.map(([key]) => key.length));
  const cell = (key: string, label: string) => `  ${key.padEnd(keyWidth)}  ${label}`;
  const columnWidth = Math.max(...keys.map(([key, label]) => cell(key, label).length)) + 2;
  const perLine = Math.max(1, Math.floor(width / columnWidth));
  for (let index = 0; index < keys.length; index += perLine) {
    lines.push([seg(keys.slice(index, index + perLine).map(([key, label]) => cell(key, label).padEnd(columnWidth)).join('').trimEnd())]);
  }
  lines.push([], [seg('Commands (press : first; scripts and -e take them as they are)', { bold: true })]);
  const usageWidth = Math.max(...registry.all().map((spec) => registry.usage(spec).length));
  const beside = width >= usageWidth + 40;
  for (const spec of registry.all()) {
    const usage = registry.usage(spec);
    if (beside) {
      const summary = wrapWords(spec.summary, width - usageWidth - 4);
      lines.push([seg(`  ${usage.padEnd(usageWidth)}  `, { bold: true }), seg(summary[0]!)]);
      for (const more of summary.slice(1)) lines.push([seg(`${' '.repeat(usageWidth + 4)}${more}`)]);
    } else {
      lines.push([seg(`  ${usage}`, { bold: true })]);
      for (const text of wrapWords(spec.summary, width - 6)) lines.push([seg(`      ${text}`)]);
    }
  }
  lines.push([]);
  for (const text of wrapWords(`${targetHint[0]!.toUpperCase()}${targetHint.slice(1)}. help <command> in the prompt explains one command with an example.`, width)) lines.push([seg(text, { tone: 'muted' })]);
  return lines;
}
