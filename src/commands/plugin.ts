import { verbWithSubcommands } from './subcommands.js';

export default verbWithSubcommands({
  name: 'plugin',
  usage: 'weft plugin list | check <dir> | install <dir> [--yes] [--force] | approve <id> [--yes] | revoke <id> | remove <id> | audit <id>',
  description: 'WebAssembly plugins: list them with their state and the permissions they ask, check one without installing, install, approve (grant what it asks), revoke, remove, and read the audit log of its host calls.',
  flags: {
    yes: { type: 'boolean', description: 'install/approve: grant what the plugin asks without a prompt' },
    force: { type: 'boolean', description: 'install: replace an installed plugin of the same id' },
  },
  defaultSubcommand: 'list',
  // Each loaded on use.
  subcommands: {
    list: async () => (await import('./plugin/list.js')).listCommand,
    check: async () => (await import('./plugin/check.js')).checkCommand,
    install: async () => (await import('./plugin/install.js')).installCommand,
    approve: async () => (await import('./plugin/approve.js')).approveCommand,
    revoke: async () => (await import('./plugin/approve.js')).revokeCommand,
    remove: async () => (await import('./plugin/install.js')).removeCommand,
    audit: async () => (await import('./plugin/audit.js')).auditCommand,
  },
});
