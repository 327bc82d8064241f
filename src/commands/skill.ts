import { verbWithSubcommands } from './subcommands.js';

export default verbWithSubcommands({
  name: 'skill',
  usage: 'weft skill list | show <name> | check <path>... [--strict] | install <path> [--force] [--yes] | remove <name> | approve <name> [--yes] | revoke <name> | watch',
  description: 'Skills: list what is loaded (with shadowing, collisions and untrusted items), show one, check folders without installing, install into $CLAWFT_HOME/skills, remove a managed skill, approve or revoke a native-command skill, or watch the live registry\'s changes.',
  flags: {
    strict: { type: 'boolean', description: 'check: warnings fail too' },
    force: { type: 'boolean', description: 'install: replace an installed skill of the same name' },
    yes: { type: 'boolean', description: 'install/approve: approve a native-command skill without asking' },
  },
  defaultSubcommand: 'list',
  // Each loaded on use.
  subcommands: {
    list: async () => (await import('./skill/list.js')).listSkills,
    show: async () => (await import('./skill/show.js')).showSkill,
    check: async () => (await import('./skill/check.js')).checkSkills,
    install: async () => (await import('./skill/install.js')).installSkill,
    remove: async () => (await import('./skill/install.js')).removeSkill,
    approve: async () => (await import('./skill/approve.js')).approveSkillCommand,
    revoke: async () => (await import('./skill/approve.js')).revokeSkillCommand,
    watch: async () => (await import('./skill/watch.js')).watchSkills,
  },
});
