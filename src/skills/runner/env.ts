/**
 * The environment of a native command: an allowlist, never the parent's
 * environment minus a deny-list. A skill gets PATH, HOME, LANG and TERM, plus
 * the names it declares in `requires.env` (passed even when a provider uses
 * the same variable: the approval prompt lists them, so approving grants
 * them). Values come only from the user's environment, and a name weft holds
 * for itself (a key it took from config and set, not one the user exported)
 * is never passed, declared or not.
 */
import type { ParsedSkill } from '../types.js';

export const BASE_ENV_NAMES: readonly string[] = ['PATH', 'HOME', 'LANG', 'TERM'];

/**
 * The names a skill will receive, in a stable order: what the approval
 * prompt and `weft skill show` list.
 */
export function nativeEnvNames(skill: Pick<ParsedSkill, 'openclaw'>): string[] {
  const names = [...BASE_ENV_NAMES];
  for (const name of skill.openclaw?.requires.env ?? []) if (!names.includes(name)) names.push(name);
  return names;
}

/** The exact environment to run the skill's command with (use with execa's `extendEnv: false`). */
export function nativeEnv(
  skill: Pick<ParsedSkill, 'openclaw'>,
  env: NodeJS.ProcessEnv,
  heldByWeft: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of nativeEnvNames(skill)) {
    if (heldByWeft.has(name)) continue;
    // Own properties only: a name like "constructor" must not reach the prototype.
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (typeof value === 'string') out[name] = name === 'PATH' ? absolutePath(value) : value;
  }
  return out;
}

/**
 * PATH without empty or relative entries: the command runs in the workspace,
 * and `.` (or an empty entry, which means `.`) would let a bare command name
 * resolve to a file of the workspace that no approval covered.
 */
export function absolutePath(value: string): string {
  return value.split(':').filter((dir) => dir.startsWith('/')).join(':');
}
