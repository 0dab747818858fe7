import { defineCommand } from '../command/command-spec.js';
import { commandNameParam } from '../command/param.js';
import { targetHint } from '../command/target.js';
import type { Outcome } from '../outcome.js';

export const help = defineCommand({
  name: 'help', aliases: ['?', 'h'], group: 'general',
  summary: 'list the commands, or explain one',
  detail: 'Targets: #<id> as shown on screen, 0x<address> inside one of our pages, p<N> for page N of the grid.',
  example: 'help alloc',
  params: [commandNameParam('topic')],
  run({ registry }, { topic }): Outcome {
    if (topic !== null) {
      const spec = registry.find(topic)!;
      const aliases = spec.aliases?.length ? ` (also: ${spec.aliases.join(', ')})` : '';
      return {
        ok: true, message: `${registry.usage(spec)}: ${spec.summary}${aliases}`,
        details: [spec.detail, `example: ${spec.example}`], effect: { kind: 'none' },
      };
    }
    const width = Math.max(...registry.all().map((spec) => registry.usage(spec).length));
    return {
      ok: true,
      message: 'commands (help <command> explains one; ; separates commands on one line):',
      details: [...registry.all().map((spec) => `${registry.usage(spec).padEnd(width)}  ${spec.summary}`), targetHint],
      effect: { kind: 'none' },
    };
  },
});

export const quit = defineCommand({
  name: 'quit', aliases: ['exit', 'q'], group: 'general',
  summary: 'leave memtui; every page is unmapped first',
  detail: 'Ctrl-C and q do the same in the UI.',
  example: 'quit',
  params: [],
  run(): Outcome {
    return { ok: true, message: 'quit: unmapping everything and leaving', effect: { kind: 'none' }, quit: true };
  },
});
