import type { SlashCommand } from '../types.js';

export const plugins: SlashCommand = {
  name: 'plugins', description: 'installed plugins, their state and tools', source: 'builtin',
  run: async (_args, ctx) => {
    const s = ctx.registry.current();
    const rows = s.plugins.map((p) => `  ${p.id}  ${p.state}${p.manifest ? `  ${p.manifest.version}  tools: ${p.manifest.tools.map((t) => t.name).join(', ')}` : ''}`);
    return { kind: 'text', text: rows.length ? [`${rows.length} plugin(s):`, ...rows].join('\n') : 'no plugins installed (weft plugin install <dir>)' };
  },
};
