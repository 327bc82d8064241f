import { chooseRoute } from '../../config/routes.js';
import type { RegistrySnapshot } from '../../registry/index.js';
import type { SlashCommand } from '../types.js';
import { slashConflicts } from '../resolve.js';
import { pendingHow, pendingItems } from './pending.js';

/** The numbers the status line shows, and /status spells out. */
export interface StatusFacts {
  generation: number;
  skills: number;
  plugins: number;
  tools: number;
  errors: number;
  conflicts: number;
  pending: number;
  workspace?: { root: string; trust: string };
  /** Who answers chat: `provider/model`, absent when no model is configured. */
  model?: string;
}

export function statusFacts(s: RegistrySnapshot): StatusFacts {
  const chat = chooseRoute('chat', s.config);
  return {
    ...(chat?.model ? { model: `${chat.provider}/${chat.model}` } : {}),
    generation: s.id, skills: s.skills.active.size, plugins: s.plugins.filter((p) => p.state === 'approved').length, tools: s.tools.length,
    errors: s.diagnostics.filter((d) => d.severity === 'error').length, conflicts: slashConflicts(s).length, pending: pendingItems(s).length,
    ...(s.workspace ? { workspace: { root: s.workspace.root, trust: s.workspace.trust } } : {}),
  };
}

export const status: SlashCommand = {
  name: 'status', description: 'registry generation, what is loaded, errors, conflicts and pending approvals', source: 'builtin',
  run: async (_args, ctx) => {
    const s = ctx.registry.current();
    const f = statusFacts(s);
    const lines = [
      `generation ${f.generation}: ${f.skills} skill(s), ${f.plugins} plugin(s) approved, ${f.tools} tool(s)`,
      `workspace: ${f.workspace ? `${f.workspace.root} (${f.workspace.trust})` : 'none'}`,
      `model: ${f.model ?? 'none configured (see providers in the README)'}`,
      `errors: ${f.errors}; name conflicts: ${f.conflicts}; pending approvals: ${f.pending}`,
      ...s.diagnostics.filter((d) => d.severity === 'error').slice(0, 10).map((d) => `  ${d.file}: ${d.problem}`),
      ...pendingItems(s).map((p) => `  pending: ${p.kind} ${p.name}: ${pendingHow(p)}`),
    ];
    return { kind: 'text', text: lines.join('\n') };
  },
};
