import { type CommandRegistry, targetHint } from '../../session/index.js';
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

/** Every key and every command, in full, wrapped to `width`: the help overlay scrolls through it. */
export function helpText(registry: CommandRegistry, width: number): Line[] {
  const lines: Line[] = [[seg('Keys (KEYS mode)', { bold: true })]];
  const keys = [...registry.keys().map((binding) => [binding.key, binding.label] as const), ...navigationKeys];
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
