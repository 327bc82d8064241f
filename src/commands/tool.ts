import { UsageError } from '../plugin/errors.js';
import type { CommandModule } from './command.js';
import { toolCall } from './tool/call.js';
import { toolList } from './tool/list.js';

const SUBCOMMANDS = { list: toolList, call: toolCall };

const command: CommandModule = {
  name: 'tool',
  usage: 'weft tool list | call <plugin id>/<tool> | call <skill name> [--args JSON]',
  description: 'Tools by canonical id: list plugin tools, or call a plugin tool or a skill (approved plugins and native-command skills only; exit 4 when the tool fails, fuel, memory and deadline included).',
  flags: {
    args: { type: 'string', description: 'call: the arguments, one JSON object' },
  },
  async run(input) {
    const sub = input.args[0] ?? 'list';
    const handler = SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS];
    if (!handler) throw new UsageError(`unknown subcommand "tool ${sub}"`, `Use one of: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return handler(input);
  },
};

export default command;
