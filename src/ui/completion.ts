/**
 * What to offer while typing: command names after `/`, then the command's
 * own argument completions (skill names for /skill, pending items for
 * /approve…). Pure, so it is tested without a terminal.
 */
import type { RegistrySnapshot } from '../registry/index.js';
import { completeCommand, type ResolvedCommands } from '../slash/index.js';

export interface Completion {
  /** The whole line after accepting it. */
  line: string;
  label: string;
  description?: string;
}

export function completions(line: string, commands: ResolvedCommands, snapshot: RegistrySnapshot, limit = 6): Completion[] {
  if (!line.startsWith('/')) return [];
  const space = line.indexOf(' ');
  if (space < 0) {
    return completeCommand(line.slice(1).toLowerCase(), commands, limit).map((name) => {
      const c = commands.byName.get(name);
      return { line: `/${name} `, label: `/${name}${c?.argumentHint ? ` ${c.argumentHint}` : ''}`, ...(c ? { description: c.description } : {}) };
    });
  }
  const name = line.slice(1, space).toLowerCase();
  const partial = line.slice(space + 1);
  if (partial.includes(' ')) return [];
  const command = commands.byName.get(name);
  return (command?.complete?.(partial, snapshot) ?? []).slice(0, limit).map((arg) => ({ line: `/${name} ${arg}`, label: arg }));
}

/** The longest common prefix of the candidates' lines (Tab fills it in). */
export function commonPrefix(items: readonly Completion[]): string {
  if (items.length === 0) return '';
  let prefix = items[0]!.line;
  for (const c of items) while (!c.line.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
