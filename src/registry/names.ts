/**
 * Names on the surfaces, as far as the registry can see them (skills,
 * plugin tools, config aliases; built-ins belong to the slash layer, which
 * runs detectCollisions again with its own). The snapshot's diagnostics
 * carry every collision, so `weft skill list`, the status line and /help
 * all show the same errors.
 *
 * Aliases (`commands.aliases`, alias → skill name) give a skill an extra
 * slash name. The collision message's own fix is "give one of them a slash
 * command of its own in commands.aliases", so an alias resolves it: a skill
 * whose derived slash name is contested and which has an uncontested alias
 * withdraws from the contested name, and the remaining claimant gets it.
 * An alias that itself collides withdraws nothing. A skill with an alias and
 * no contest keeps both names.
 */
import type { Diagnostic } from '../plugin/diagnostic.js';
import { detectCollisions, slashName, type Claim } from '../plugin/naming/index.js';
import type { RegistryTool } from './types.js';

interface AliasClaim extends Claim {
  target?: string;
}

export interface Names {
  /** Slash name → tool id (built-ins' names are not in it: they keep them). */
  slash: Map<string, string>;
  /** The contested slash names, each with its error (also among `diagnostics`). */
  slashConflicts: Array<{ name: string; diagnostic: Diagnostic }>;
  diagnostics: Diagnostic[];
}

function aliasMissing(alias: string, target: string, file: string): Diagnostic {
  return {
    code: 'alias-target-missing', severity: 'warning', file, field: `commands.aliases.${alias}`,
    problem: `the alias "${alias}" names "${target}", which is not a loaded skill or tool, so /${slashName(alias)} does nothing`,
    fix: 'Correct the skill name in commands.aliases, or remove the alias.',
  };
}

export interface NameOptions {
  /** Built-in slash commands: they keep their names; a skill or alias claiming one loses it. */
  builtins?: readonly string[];
  /** Which tools claim a slash name (default all; skills that are not user-invocable do not). */
  onSlash?: (tool: RegistryTool) => boolean;
}

export function resolveNames(tools: readonly RegistryTool[], aliases: Readonly<Record<string, string>>, configFile: string, options: NameOptions = {}): Names {
  const onSlash = options.onSlash ?? (() => true);
  const builtins: AliasClaim[] = (options.builtins ?? []).map((id) => ({ id, kind: 'builtin' }));
  const slashTools = tools.filter(onSlash);
  const ids = new Set(slashTools.map((t) => t.id));
  const claim = (t: RegistryTool): AliasClaim => ({ id: t.id, kind: t.origin === 'skill' ? 'skill' : 'plugin-tool', file: t.source.file });
  const all = tools.map(claim);
  const base: AliasClaim[] = [...builtins, ...slashTools.map(claim)];
  const diagnostics: Diagnostic[] = [];
  const aliasClaims: AliasClaim[] = [];
  for (const [alias, target] of Object.entries(aliases).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ids.has(target)) aliasClaims.push({ id: alias, kind: 'alias', file: configFile, name: slashName(alias), target });
    else diagnostics.push(aliasMissing(alias, target, configFile));
  }
  const first = detectCollisions([...base, ...aliasClaims], 'slash');
  const contested = new Set(first.collisions.flatMap((c) => c.claimants.map((k) => `${k.kind}\0${k.id}`)));
  const withdrawn = new Set(aliasClaims
    .filter((a) => !contested.has(`alias\0${a.id}`) && (contested.has(`skill\0${a.target}`) || contested.has(`plugin-tool\0${a.target}`)))
    .map((a) => a.target!));
  const final = withdrawn.size === 0 ? first : detectCollisions([...base.filter((c) => !withdrawn.has(c.id)), ...aliasClaims], 'slash');
  const slash = new Map<string, string>();
  for (const [name, won] of final.assigned) if (won.kind !== 'builtin') slash.set(name, won.kind === 'alias' ? won.target! : won.id);
  diagnostics.push(...final.collisions.map((c) => c.diagnostic));
  for (const surface of ['mcp', 'llm'] as const) diagnostics.push(...detectCollisions(all, surface).collisions.map((c) => c.diagnostic));
  const slashConflicts = final.collisions.map((c) => ({ name: c.name, diagnostic: c.diagnostic }));
  return { slash, slashConflicts, diagnostics };
}
