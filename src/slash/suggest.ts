/**
 * "Did you mean": a unique prefix wins outright (`/hel` is `/help`), else
 * fuse.js ranks names and descriptions, one suggestion per command (a
 * command's aliases never crowd out other commands).
 */
import Fuse from 'fuse.js';
import type { ResolvedCommands, SlashCommand } from './types.js';

export function suggest(typed: string, commands: ResolvedCommands, limit = 3): SlashCommand[] {
  const prefixed = [...new Set([...commands.byName].filter(([n]) => n.startsWith(typed)).map(([, c]) => c))];
  if (prefixed.length === 1) return prefixed;
  const rows = commands.list.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((name) => ({ name, command: c })));
  // 0.55 lets a swapped pair of letters through (/hlep); only hits close to the best one are offered.
  const fuse = new Fuse(rows, { keys: ['name'], threshold: 0.55, ignoreLocation: true, includeScore: true });
  // Equal scores: a name starting with the same letter first (/hlep → /help before /clear).
  const first = (name: string): number => (name[0] === typed[0] ? 0 : 1);
  const hits = fuse.search(typed).sort((x, y) => (x.score ?? 0) - (y.score ?? 0) || first(x.item.name) - first(y.item.name));
  const best = hits[0]?.score ?? 0;
  const seen = new Set<SlashCommand>(prefixed);
  const out = [...prefixed];
  for (const hit of hits) {
    if (out.length >= limit || (hit.score ?? 0) > best + 0.1) break;
    if (seen.has(hit.item.command)) continue;
    seen.add(hit.item.command);
    out.push(hit.item.command);
  }
  return out.slice(0, limit);
}

/** Completions of a partly typed `/name`: prefix matches first (by name), then fuzzy ones. */
export function completeCommand(partial: string, commands: ResolvedCommands, limit = 8): string[] {
  const prefix = [...commands.byName.keys()].filter((n) => n.startsWith(partial)).sort();
  if (prefix.length > 0 || partial === '') return prefix.slice(0, limit);
  return suggest(partial, commands, limit).map((c) => c.name);
}
