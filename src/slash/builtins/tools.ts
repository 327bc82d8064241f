import type { SlashCommand } from '../types.js';

export const tools: SlashCommand = {
  name: 'tools', description: 'every tool (skills and plugin tools) and whether it can run', source: 'builtin',
  run: async (_args, ctx) => {
    const s = ctx.registry.current();
    const rows = s.tools.map((t) => `  ${t.id}  [${t.kind === 'native' ? 'native command' : t.kind}${t.state === 'ready' ? '' : `; ${t.state}`}]  ${t.description}${t.reason ? `\n    ${t.reason}` : ''}`);
    return { kind: 'text', text: rows.length ? [`${rows.length} tool(s):`, ...rows].join('\n') : 'no tools loaded' };
  },
};

