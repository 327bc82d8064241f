import { UsageError } from '../plugin/errors.js';
import type { CommandModule } from './command.js';
import { approveSkillCommand, revokeSkillCommand } from './skill/approve.js';
import { checkSkills } from './skill/check.js';
import { installSkill, removeSkill } from './skill/install.js';
import { listSkills } from './skill/list.js';
import { showSkill } from './skill/show.js';
import { watchSkills } from './skill/watch.js';

const SUBCOMMANDS = {
  list: listSkills, show: showSkill, check: checkSkills, install: installSkill, remove: removeSkill,
  approve: approveSkillCommand, revoke: revokeSkillCommand, watch: watchSkills,
};

const command: CommandModule = {
  name: 'skill',
  usage: 'weft skill list | show <name> | check <path>... [--strict] | install <path> [--force] [--yes] | remove <name> | approve <name> [--yes] | revoke <name> | watch',
  description: 'Skills: list what is loaded (with shadowing, collisions and untrusted items), show one, check folders without installing, install into $CLAWFT_HOME/skills, remove a managed skill, approve or revoke a native-command skill, or watch the live registry\'s changes.',
  flags: {
    strict: { type: 'boolean', description: 'check: warnings fail too' },
    force: { type: 'boolean', description: 'install: replace an installed skill of the same name' },
    yes: { type: 'boolean', description: 'install/approve: approve a native-command skill without asking' },
  },
  async run(input) {
    const sub = input.args[0] ?? 'list';
    const handler = SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS];
    if (!handler) throw new UsageError(`unknown subcommand "skill ${sub}"`, `Use one of: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return handler(input);
  },
};

export default command;
