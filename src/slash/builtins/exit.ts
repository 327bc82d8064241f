import type { SlashCommand } from '../types.js';

export const exit: SlashCommand = {
  name: 'exit', aliases: ['quit'], description: 'leave weft', source: 'builtin', run: async () => ({ kind: 'exit' }),
};
