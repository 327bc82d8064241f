import { UsageError } from '../plugin/errors.js';
import type { CommandInput, CommandModule } from './command.js';

type Handler = (input: CommandInput) => Promise<number>;

// Loaded on use, so each subcommand pays only for what it needs (jco, the runtime…).
const SUBCOMMANDS: Record<string, () => Promise<Handler>> = {
  list: async () => (await import('./plugin/list.js')).listCommand,
  check: async () => (await import('./plugin/check.js')).checkCommand,
  install: async () => (await import('./plugin/install.js')).installCommand,
  approve: async () => (await import('./plugin/approve.js')).approveCommand,
  revoke: async () => (await import('./plugin/approve.js')).revokeCommand,
  remove: async () => (await import('./plugin/install.js')).removeCommand,
  audit: async () => (await import('./plugin/audit.js')).auditCommand,
};

const command: CommandModule = {
  name: 'plugin',
  usage: 'weft plugin list | check <dir> | install <dir> [--yes] [--force] | approve <id> [--yes] | revoke <id> | remove <id> | audit <id>',
  description: 'WebAssembly plugins: list them with their state and the permissions they ask, check one without installing, install, approve (grant what it asks), revoke, remove, and read the audit log of its host calls.',
  flags: {
    yes: { type: 'boolean', description: 'install/approve: grant what the plugin asks without a prompt' },
    force: { type: 'boolean', description: 'install: replace an installed plugin of the same id' },
  },
  async run(input) {
    const sub = input.args[0] ?? 'list';
    const load = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!load) throw new UsageError(`unknown subcommand "plugin ${sub}"`, `Use one of: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return (await load())(input);
  },
};

export default command;
