/**
 * "Did you mean" for slash commands: the naming module's closest names,
 * mapped back to commands, one suggestion per command (a command's aliases
 * never crowd out other commands).
 */
import { closestNames } from '../plugin/naming/closest.js';
import type { ResolvedCommands, SlashCommand } from './types.js';

export function suggest(typed: string, commands: ResolvedCommands, limit = 3): SlashCommand[] {
  const names = closestNames(typed, [...commands.byName.keys()], commands.byName.size);
  const out = [...new Set(names.map((n) => commands.byName.get(n)!))];
  return out.slice(0, limit);
}

/** Completions of a partly typed `/name`: prefix matches first (by name), then fuzzy ones. */
export function completeCommand(partial: string, commands: ResolvedCommands, limit = 8): string[] {
  const prefix = [...commands.byName.keys()].filter((n) => n.startsWith(partial)).sort();
  if (prefix.length > 0 || partial === '') return prefix.slice(0, limit);
  return suggest(partial, commands, limit).map((c) => c.name);
}
