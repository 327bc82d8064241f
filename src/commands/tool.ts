import { UsageError } from '../plugin/errors.js';
import type { CommandInput, CommandModule } from './command.js';

type Handler = (input: CommandInput) => Promise<number>;

// Loaded on use, so each subcommand pays only for what it needs (jco, the runtime…).
const SUBCOMMANDS: Record<string, () => Promise<Handler>> = {
  list: async () => (await import('./tool/list.js')).toolList,
  call: async () => (await import('./tool/call.js')).toolCall,
};

const command: CommandModule = {
  name: 'tool',
  usage: 'weft tool list | call <plugin id>/<tool> | call <skill name> [--args JSON]',
  description: 'Tools by canonical id: list plugin tools, or call a plugin tool or a skill (approved plugins and native-command skills only; exit 4 when the tool fails, fuel, memory and deadline included).',
  flags: {
    args: { type: 'string', description: 'call: the arguments, one JSON object' },
  },
  async run(input) {
    const sub = input.args[0] ?? 'list';
    const load = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!load) throw new UsageError(`unknown subcommand "tool ${sub}"`, `Use one of: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return (await load())(input);
  },
};

export default command;
