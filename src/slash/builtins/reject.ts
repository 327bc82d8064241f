import { ExitCode } from '../../plugin/exit-codes.js';
import type { SlashCommand } from '../types.js';

/** `/reject <name>`: takes back the approval of a native-command skill or a plugin. */
export const reject: SlashCommand = {
  name: 'reject', argumentHint: '<name>', description: 'take back the approval of a native-command skill or plugin', source: 'builtin',
  run: async (args, ctx) => {
    const name = args.trim();
    if (!name) return { kind: 'error', message: '/reject takes the name of a skill or plugin', fix: 'See /approve and /tools for the names.', exitCode: ExitCode.usage };
    const s = ctx.registry.current();
    const skill = s.skills.active.get(name);
    const plugin = s.plugins.find((p) => p.id === name);
    if (!skill && !plugin) return { kind: 'error', message: `no skill or plugin is named "${name}"`, fix: 'See /skills and /plugins for the names.', exitCode: ExitCode.error };
    const revoked = skill ? await ctx.registry.approvals.revokeSkill(skill.skill.dir) : await ctx.registry.approvals.revokePlugin(name);
    if (!revoked) return { kind: 'text', text: `${name} was not approved; nothing changed` };
    await ctx.registry.reload('approval');
    return { kind: 'text', text: `${name} is no longer approved` };
  },
  complete: (partial, s) => [...s.skills.active.keys(), ...s.plugins.map((p) => p.id)].filter((n) => n.startsWith(partial)).sort(),
};
