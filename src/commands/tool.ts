import { verbWithSubcommands } from './subcommands.js';

export default verbWithSubcommands({
  name: 'tool',
  usage: 'weft tool list | call <tool id> [--args JSON]',
  description: 'The tools of the live registry: list them (skills by name, plugin tools as <plugin id>/<tool>) with their state, or call one (exit 3 until approved, 4 when the tool fails: fuel, memory and deadline included).',
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
