import type { SlashCommand } from '../types.js';

/** A clean screen and a new conversation; the old one stays in /resume. */
export const clear: SlashCommand = {
  name: 'clear', description: 'clear the screen and start a new conversation (/resume brings the old one back)', source: 'builtin',
  run: async (_args, ctx) => {
    ctx.sessions.startNew();
    return { kind: 'clear' };
  },
};
