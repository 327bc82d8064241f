import { ExitCode } from '../../plugin/exit-codes.js';
import { runTool } from '../tool-command.js';
import { untrustedSkill } from '../untrusted.js';
import type { SlashCommand } from '../types.js';

/** `/skill <name> [args]`: a skill by its own name, reachable even when its /command is contested or missing. */
export const skill: SlashCommand = {
  name: 'skill', argumentHint: '<name> [args]', description: 'run a skill by its name (also when its /command is taken)', source: 'builtin',
  run: async (args, ctx) => {
    const [name = '', ...rest] = args.trim().split(/\s+/);
    if (!name) return { kind: 'error', message: '/skill takes the name of a skill', fix: 'See /skills for the names.', exitCode: ExitCode.usage };
    const s = ctx.registry.current();
    if (!s.skills.active.has(name)) {
      const untrusted = untrustedSkill(s, name, false, ctx.interactive, `/skill ${args.trim()}`);
      if (untrusted) return untrusted;
      return { kind: 'error', message: `no loaded skill is named "${name}"`, fix: 'See /skills for the names.', exitCode: ExitCode.usage };
    }
    return runTool(name, `skill ${name}`, args.trim().slice(name.length).trim() || rest.join(' '), ctx);
  },
  complete: (partial, s) => [...s.skills.active.keys()].filter((n) => n.startsWith(partial)).sort(),
};
