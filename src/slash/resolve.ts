/**
 * One pure resolve(): built-ins plus the registry snapshot's slash names
 * (skills, plugin tools and config aliases, after the naming module's
 * collision rules, built-ins included) become the command set and its
 * conflicts. Never kept by hand: the REPL calls it again for each snapshot.
 */
import { findTool, type RegistrySnapshot } from '../registry/index.js';
import { toolCommand } from './tool-command.js';
import type { Conflict, ResolvedCommands, SlashCommand } from './types.js';

const cache = new WeakMap<readonly SlashCommand[], WeakMap<RegistrySnapshot, ResolvedCommands>>();

/** The slash collisions of the snapshot (the registry computed them with the built-ins). */
export function slashConflicts(snapshot: RegistrySnapshot): Conflict[] {
  return snapshot.slashConflicts.map(({ name, diagnostic: d }) => ({ name, problem: d.problem, fix: d.fix, file: d.file }));
}

export function resolveCommands(snapshot: RegistrySnapshot, builtins: readonly SlashCommand[]): ResolvedCommands {
  let perSnapshot = cache.get(builtins);
  if (!perSnapshot) cache.set(builtins, (perSnapshot = new WeakMap()));
  const hit = perSnapshot.get(snapshot);
  if (hit) return hit;

  const byName = new Map<string, SlashCommand>();
  const list: SlashCommand[] = [];
  for (const b of builtins) {
    list.push(b);
    for (const n of [b.name, ...(b.aliases ?? [])]) byName.set(n, b);
  }
  // A tool with several names (an alias) is one command: its own name first, aliases after.
  const names = new Map<string, string[]>();
  for (const [name, id] of snapshot.slash) names.set(id, [...(names.get(id) ?? []), name]);
  for (const [id, all] of names) {
    const tool = findTool(snapshot, id);
    if (!tool) continue;
    const own = all.find((n) => !Object.hasOwn(snapshot.config.commands.aliases, n)) ?? all[0]!;
    const command = { ...toolCommand(own, tool, snapshot), aliases: all.filter((n) => n !== own) };
    list.push(command);
    for (const n of all) byName.set(n, command);
  }
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const resolved: ResolvedCommands = { byName, list, conflicts: slashConflicts(snapshot), generation: snapshot.id };
  perSnapshot.set(snapshot, resolved);
  return resolved;
}
