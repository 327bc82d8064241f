import { UsageError } from '../plugin/errors.js';
import type { CommandModule } from './command.js';
import { approveCommand, revokeCommand } from './plugin/approve.js';
import { auditCommand } from './plugin/audit.js';
import { checkCommand } from './plugin/check.js';
import { installCommand, removeCommand } from './plugin/install.js';
import { listCommand } from './plugin/list.js';

const SUBCOMMANDS = {
  list: listCommand, check: checkCommand, install: installCommand, approve: approveCommand, revoke: revokeCommand, remove: removeCommand, audit: auditCommand,
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
    const handler = SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS];
    if (!handler) throw new UsageError(`unknown subcommand "plugin ${sub}"`, `Use one of: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return handler(input);
  },
};

export default command;
