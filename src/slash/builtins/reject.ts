import { ExitCode } from '../../plugin/exit-codes.js';
import type { SlashCommand } from '../types.js';

export const reject: SlashCommand = {
  name: 'reject', argumentHint: '<name>', description: 'take back the approval of a native-command skill or plugin', source: 'builtin',
  run: async (args, ctx) => {
    const name = args.trim();
    if (!name) return { kind: 'error', message: '/reject takes the name of a skill or plugin', exitCode: ExitCode.usage };
    const s = ctx.registry.current();
    const skill = s.skills.active.get(name);
    const revoked = skill ? await ctx.registry.approvals.revokeSkill(skill.skill.dir) : await ctx.registry.approvals.revokePlugin(name);
    await ctx.registry.reload('approval');
    return { kind: 'text', text: revoked ? `${name} is no longer approved` : `${name} was not approved; nothing changed` };
  },
  complete: (partial, s) => [...s.skills.active.keys(), ...s.plugins.map((p) => p.id)].filter((n) => n.startsWith(partial)).sort(),
};

