// `npm run readme:tables`: the README's command and key tables, printed from the command
// registry (test/readme.test.ts checks that the README holds exactly these rows).
import { builtinCommands, CommandRegistry, commandTable, keyTable } from '../dist/session/index.js';

const registry = new CommandRegistry(builtinCommands);
console.log(commandTable(registry).join('\n'));
console.log('');
console.log(keyTable(registry).join('\n'));
