import type { CommandModule } from './command.js';

/** A CLI verb: its summary for `weft --help`, and a lazy loader. */
export interface VerbEntry {
  name: string;
  aliases: string[];
  summary: string;
  load: () => Promise<CommandModule>;
}

/**
 * Every verb weft has. Loaders are lazy so `weft --version` and `--help`
 * import nothing heavy. Verbs are singular; the plural is an alias.
 */
export const VERBS: VerbEntry[] = [
  { name: 'config', aliases: ['configs'], summary: 'show or check the configuration', load: async () => (await import('./config.js')).default },
  { name: 'mcp', aliases: [], summary: 'serve skills and plugin tools over MCP (stdio or HTTP)', load: async () => (await import('./mcp.js')).default },
  { name: 'plugin', aliases: ['plugins'], summary: 'list, check, install, approve, revoke or remove plugins', load: async () => (await import('./plugin.js')).default },
  { name: 'skill', aliases: ['skills'], summary: 'list, show, check, install or remove skills', load: async () => (await import('./skill.js')).default },
  { name: 'tool', aliases: ['tools'], summary: 'list or call tools (skills and plugin tools)', load: async () => (await import('./tool.js')).default },
  { name: 'trust', aliases: [], summary: 'trust, revoke or list workspaces', load: async () => (await import('./trust.js')).default },
];

export function findVerb(word: string): VerbEntry | undefined {
  return VERBS.find((v) => v.name === word || v.aliases.includes(word));
}
