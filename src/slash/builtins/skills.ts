import type { RegistrySnapshot } from '../../registry/index.js';
import type { SlashCommand } from '../types.js';
import { slashConflicts } from '../resolve.js';

export function skillsText(s: RegistrySnapshot): string {
  const tools = new Map(s.tools.map((t) => [t.id, t]));
  const rows = [...s.skills.active.values()].map((e) => {
    const t = tools.get(e.skill.name);
    const state = !e.eligible ? `ineligible: ${e.ineligibleReasons.join('; ')}` : t?.state === 'needs-approval' ? 'needs approval' : 'ready';
    const native = e.skill.weftTool?.kind === 'native' ? ', runs a native command' : '';
    return `  ${e.skill.name}  (${e.level}${native}; ${state})  ${e.skill.description ?? ''}`;
  }).sort();
  const out = [`${rows.length} skill(s) loaded:`, ...rows];
  const conflicts = slashConflicts(s);
  if (conflicts.length) out.push('', 'Name conflicts:', ...conflicts.map((c) => `  /${c.name}: ${c.problem}\n    fix: ${c.fix}`));
  if (s.skills.collisions.length) out.push('', 'Skills sharing a name at one level (neither loads):', ...s.skills.collisions.map((c) => `  ${c.name}: ${c.files.join(', ')}`));
  if (s.skills.untrusted.length) out.push('', `${s.skills.untrusted.length} skill(s) of the untrusted workspace are not loaded (/trust to load them).`);
  return out.join('\n');
}

export const skills: SlashCommand = {
  name: 'skills', description: 'the skills loaded, their level and state, and name conflicts', source: 'builtin',
  run: async (_args, ctx) => ({ kind: 'text', text: skillsText(ctx.registry.current()) }),
};

