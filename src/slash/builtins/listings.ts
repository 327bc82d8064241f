/** /skills, /tools and /plugins: views of the current snapshot. */
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

export const tools: SlashCommand = {
  name: 'tools', description: 'every tool (skills and plugin tools) and whether it can run', source: 'builtin',
  run: async (_args, ctx) => {
    const s = ctx.registry.current();
    const rows = s.tools.map((t) => `  ${t.id}  [${t.kind === 'native' ? 'native command' : t.kind}${t.state === 'ready' ? '' : `; ${t.state}`}]  ${t.description}${t.reason ? `\n    ${t.reason}` : ''}`);
    return { kind: 'text', text: rows.length ? [`${rows.length} tool(s):`, ...rows].join('\n') : 'no tools loaded' };
  },
};

export const plugins: SlashCommand = {
  name: 'plugins', description: 'installed plugins, their state and tools', source: 'builtin',
  run: async (_args, ctx) => {
    const s = ctx.registry.current();
    const rows = s.plugins.map((p) => `  ${p.id}  ${p.state}${p.manifest ? `  ${p.manifest.version}  tools: ${p.manifest.tools.map((t) => t.name).join(', ')}` : ''}`);
    return { kind: 'text', text: rows.length ? [`${rows.length} plugin(s):`, ...rows].join('\n') : 'no plugins installed (weft plugin install <dir>)' };
  },
};
