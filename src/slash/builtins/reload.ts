import type { SlashCommand } from '../types.js';

export const reload: SlashCommand = {
  name: 'reload', description: 're-read skills, plugins and config now (they also reload by themselves when files change)', source: 'builtin',
  run: async (_args, ctx) => {
    const before = ctx.registry.current().id;
    const s = await ctx.registry.reload('manual');
    return { kind: 'text', text: s.id === before ? `nothing changed (generation ${s.id})` : `reloaded: generation ${s.id}` };
  },
};
