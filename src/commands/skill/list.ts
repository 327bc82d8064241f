import { formatDiagnostic, type Diagnostic } from '../../plugin/diagnostic.js';
import { BUILTIN_SLASH_NAMES } from '../../plugin/naming/index.js';
import type { RegistryTool } from '../../registry/index.js';
import { resolveNames } from '../../registry/names.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { SkillListJson } from '../../plugin/output.js';
import type { SkillIndex } from '../../skills/discovery/types.js';
import type { CommandInput } from '../command.js';
import { emit, plain } from '../report.js';
import { indexedJson } from './json.js';
import { loadIndex, skillContext } from './load.js';

/**
 * Slash-name conflicts among the loaded skills, config aliases and the REPL's
 * built-ins, by the registry's own rules (resolveNames), so `weft skill list`
 * shows what the status line and /help show. Plugin tools' names are the
 * REPL's concern (they need the plugin scan).
 */
function nameConflicts(index: SkillIndex, aliases: Readonly<Record<string, string>>, configFile: string): Diagnostic[] {
  const tools = [...index.active.values()].map((e) => ({
    id: e.skill.name, kind: 'instruction', origin: 'skill', description: '', inputSchema: {}, state: 'ready', version: '',
    source: { file: e.skill.file }, userInvocable: e.skill.userInvocable,
  }) as RegistryTool & { userInvocable: boolean });
  const names = resolveNames(tools, aliases, configFile, { builtins: BUILTIN_SLASH_NAMES, onSlash: (t) => (t as { userInvocable?: boolean }).userInvocable !== false });
  return names.slashConflicts.map((c) => c.diagnostic);
}

export function listJson(index: SkillIndex, conflicts: Diagnostic[] = []): SkillListJson {
  return {
    skills: index.skills.map((s) => indexedJson(s, index)),
    shadowed: index.shadowed,
    collisions: index.collisions,
    nameConflicts: conflicts,
    untrusted: index.untrusted,
    diagnostics: index.diagnostics,
  };
}

function state(s: SkillListJson['skills'][number], colliding: Set<string>): string {
  if (!s.loaded) return 'not loaded';
  if (!s.active) return colliding.has(s.path) ? 'collision' : 'shadowed';
  if (!s.eligible) return 'ineligible';
  return s.kind === 'native' ? 'ready, runs commands' : 'ready';
}

function clip(text: string, width: number): string {
  const line = plain(text).replace(/\s+/g, ' ');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** The human table, then what needs attention: collisions, shadowing, untrusted, errors. */
export function listText(data: SkillListJson): string {
  const rows = data.skills.filter((s) => s.loaded);
  const colliding = new Set(data.collisions.flatMap((c) => c.files));
  const width = Math.min(32, Math.max(4, ...rows.map((s) => s.name.length)));
  const out = rows.map((s) => `${clip(s.name, width).padEnd(width)}  ${(s.level ?? '').padEnd(9)}  ${state(s, colliding).padEnd(20)}  ${clip(s.eligible || !s.active ? s.description ?? '' : s.ineligibleReasons.join('; '), 60)}`);
  if (rows.length === 0) out.push('no skills loaded');
  for (const c of data.collisions) out.push('', `error: ${c.diagnostic.problem}`, `  fix: ${c.diagnostic.fix}`);
  for (const d of data.nameConflicts) out.push('', `error: ${d.problem}`, `  fix: ${d.fix}`);
  for (const s of data.shadowed) out.push(`shadowed: ${s.name}: ${s.winner.level} ${s.winner.file} hides ${s.shadowed.level} ${s.shadowed.file}`);
  for (const u of data.untrusted) out.push(`untrusted: ${u.file} (${u.reason})`);
  const problems = [...data.diagnostics, ...data.skills.filter((s) => !s.loaded).flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error'))];
  if (problems.length > 0) out.push('', ...problems.map(formatDiagnostic));
  return out.join('\n');
}

export async function listSkills(input: CommandInput): Promise<number> {
  const ctx = await skillContext(input);
  const index = await loadIndex(ctx, input);
  const aliases = ctx.config.config?.commands.aliases ?? {};
  emit(input, listJson(index, nameConflicts(index, aliases, ctx.paths.configFile)), listText);
  return ExitCode.ok;
}
