import type { SlashCommand } from '../types.js';

export const clear: SlashCommand = {
  name: 'clear', description: 'clear the screen', source: 'builtin', run: async () => ({ kind: 'clear' }),
};
