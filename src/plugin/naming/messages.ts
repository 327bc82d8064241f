/**
 * The words of a name collision: which surface, which name, who claims it
 * (kind, id, file) and, concretely, how to fix it. collisions.ts decides;
 * this file only phrases.
 */
import type { Diagnostic } from '../diagnostic.js';
import { SLASH_MAX, type Surface } from './surfaces.js';
import type { Claim } from './collisions.js';

const KIND_LABEL: Record<Claim['kind'], string> = {
  builtin: 'built-in',
  skill: 'skill',
  'plugin-tool': 'plugin tool',
  alias: 'alias',
};

/** `slash command "/deploy"`, `MCP tool name "deploy"`, `LLM tool name "deploy"`. */
export function surfaceLabel(surface: Surface, name: string): string {
  if (surface === 'slash') return `slash command "/${name}"`;
  return `${surface === 'mcp' ? 'MCP' : 'LLM'} tool name "${name}"`;
}

/** `skill "deploy" (/ws/.clawft/skills/deploy/SKILL.md)`. */
export function describeClaim(claim: Claim): string {
  const file = claim.file === undefined ? '' : ` (${claim.file})`;
  return `${KIND_LABEL[claim.kind]} "${claim.id}"${file}`;
}

function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** What to rename and where: `skill "deploy" (the `name:` field in F)`. */
function renameTarget(claim: Claim): string {
  const where = claim.file ?? 'its file';
  switch (claim.kind) {
    case 'skill':
      return `skill "${claim.id}" (the \`name:\` field in ${where})`;
    case 'plugin-tool':
      return `plugin tool "${claim.id}" (its \`tools[].name\` in ${where})`;
    case 'alias':
      return `alias "${claim.id}" (config \`commands.aliases\` in ${where})`;
    case 'builtin':
      return `built-in "${claim.id}"`;
  }
}

function aliasExample(name: string, target: Claim): string {
  const alias = `${name.slice(0, SLASH_MAX - 2)}_2`;
  return `"commands": {"aliases": {"${alias}": "${target.id}"}}`;
}

/**
 * The diagnostic for `name` on `surface`, claimed by `claimants` (sorted,
 * built-in first). `keeper` is the built-in that keeps the name, if any.
 */
export function collisionDiagnostic(
  surface: Surface,
  name: string,
  claimants: readonly Claim[],
  keeper: Claim | undefined,
): Diagnostic {
  const losers = claimants.filter((c) => c !== keeper);
  const label = surfaceLabel(surface, name);
  const problem = keeper
    ? `${label} belongs to ${describeClaim(keeper)}, so ${list(losers.map(describeClaim), 'and')} ` +
      `${losers.length === 1 ? 'does' : 'do'} not get it`
    : `${label} is claimed by ${list(claimants.map(describeClaim), 'and')}, ` +
      `so ${claimants.length === 2 ? 'neither' : 'none'} of them gets it`;
  const targets = losers.map(renameTarget);
  let fix = keeper
    ? `rename ${list(targets, 'and')}`
    : losers.length === 2
      ? `rename ${list(targets, 'or')}`
      : `rename all but one of ${list(targets, 'and')}`;
  const aliasTarget = losers.find((c) => c.kind !== 'alias');
  if (surface === 'slash' && aliasTarget) {
    fix +=
      `, or give ${keeper ? (losers.length === 1 ? 'it' : 'each') : 'one of them'} a slash command of its own in config ` +
      `\`commands.aliases\`, e.g. ${aliasExample(name, aliasTarget)}`;
  }
  const fileOwner = losers.find((c) => c.file !== undefined) ?? claimants.find((c) => c.file !== undefined);
  return {
    code: 'name-collision',
    severity: 'error',
    file: fileOwner?.file ?? '(no file)',
    ...(fileOwner?.kind === 'skill' ? { field: 'name' } : {}),
    problem: `${problem}.`,
    fix: `${fix.charAt(0).toUpperCase()}${fix.slice(1)}.`,
  };
}
