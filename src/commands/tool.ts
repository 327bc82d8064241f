import { verbWithSubcommands } from './subcommands.js';

export default verbWithSubcommands({
  name: 'tool',
  usage: 'weft tool list | call <plugin id>/<tool> | call <skill name> [--args JSON]',
  description: 'Tools by canonical id: list plugin tools, or call a plugin tool or a skill (approved plugins and native-command skills only; exit 4 when the tool fails, fuel, memory and deadline included).',
  flags: {
    args: { type: 'string', description: 'call: the arguments, one JSON object' },
  },
  defaultSubcommand: 'list',
  // Each loaded on use.
  subcommands: {
    list: async () => (await import('./tool/list.js')).toolList,
    call: async () => (await import('./tool/call.js')).toolCall,
  },
});
