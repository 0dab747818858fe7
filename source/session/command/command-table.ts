import { type CommandRegistry } from './registry.js';

/** The README's command table, from the registry: one row per command, its usage and summary. */
export function commandTable(registry: CommandRegistry): string[] {
  const rows = registry.all().map((spec) => {
    const aliases = spec.aliases?.length ? ` (also ${spec.aliases.map((alias) => `\`${alias}\``).join(', ')})` : '';
    return `| \`${registry.usage(spec).replaceAll('|', '\\|')}\`${aliases} | ${spec.summary.replaceAll('|', '\\|')} |`;
  });
  return ['| command | what it does |', '| --- | --- |', ...rows];
}

/** The README's table of single keys, from the commands' key bindings. */
export function keyTable(registry: CommandRegistry): string[] {
  const rows = registry.keys().map((binding) => `| \`${binding.key}\` | ${binding.label} |`);
  return ['| key | does |', '| --- | --- |', ...rows];
}
