/**
 * Collisions: two ids that map to one name on a surface. Rules:
 * - A built-in always keeps its name. Anything else claiming it loses it,
 *   and that is a collision naming both.
 * - Between skills, plugin tools and aliases, two or more distinct claimants
 *   of one name all lose it: one collision lists every claimant.
 * - A claimant is (kind, id, file), a missing file counting as "": the same
 *   claimant twice is not a collision with itself (the first claim object
 *   seen is kept), while one skill name from two files, or a built-in and a
 *   skill with one id, is.
 * - Two distinct built-ins with one name are a programming error: throws.
 * - The result does not depend on input order: names are visited in sorted
 *   order, claimants sorted built-in, skill, plugin tool, alias, then by id
 *   and file (code-unit order, not locale order).
 */
import type { Diagnostic } from '../diagnostic.js';
import { collisionDiagnostic } from './messages.js';
import { surfaceName, type Surface } from './surfaces.js';

export type ClaimKind = 'builtin' | 'skill' | 'plugin-tool' | 'alias';

export interface Claim {
  /** Tool id: a skill's name, `<plugin id>/<tool>`, a built-in or alias name. */
  id: string;
  kind: ClaimKind;
  /** SKILL.md, plugin manifest or config file the claim comes from. */
  file?: string;
  /** The name on the surface, when already computed; else surfaceName(id). */
  name?: string;
}

export interface NameCollision<C extends Claim = Claim> {
  surface: Surface;
  name: string;
  /** Every claimant, sorted (built-in first). */
  claimants: C[];
  /** The built-in that keeps the name, when one claims it. */
  keptBy?: C;
  /** code `name-collision`, severity `error`. */
  diagnostic: Diagnostic;
}

export interface CollisionResult<C extends Claim = Claim> {
  /** Surface name → the one claimant that gets it, in name order. */
  assigned: Map<string, C>;
  collisions: NameCollision<C>[];
}

const KIND_ORDER: Record<ClaimKind, number> = { builtin: 0, skill: 1, 'plugin-tool': 2, alias: 3 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareClaims(a: Claim, b: Claim): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.id, b.id) || compareText(a.file ?? '', b.file ?? '')
  );
}

function claimantKey(claim: Claim): string {
  return JSON.stringify([claim.kind, claim.id, claim.file ?? '']);
}

/** Groups claims by surface name, one entry per distinct claimant. */
function groupByName<C extends Claim>(claims: readonly C[], surface: Surface): Map<string, Map<string, C>> {
  const groups = new Map<string, Map<string, C>>();
  for (const claim of claims) {
    const name = claim.name ?? surfaceName(claim.id, surface);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = new Map()));
    const key = claimantKey(claim);
    if (!group.has(key)) group.set(key, claim);
  }
  return groups;
}

/** Who gets which name on `surface`, and every collision (rules above). */
export function detectCollisions<C extends Claim>(claims: readonly C[], surface: Surface): CollisionResult<C> {
  const groups = groupByName(claims, surface);
  const assigned = new Map<string, C>();
  const collisions: NameCollision<C>[] = [];
  for (const name of [...groups.keys()].sort(compareText)) {
    const claimants = [...groups.get(name)!.values()].sort(compareClaims);
    const builtins = claimants.filter((c) => c.kind === 'builtin');
    if (builtins.length > 1) {
      const who = builtins.map((b) => `"${b.id}"${b.file ? ` (${b.file})` : ''}`).join(', ');
      throw new Error(`Built-ins ${who} both claim the ${surface} name "${name}": built-in names must be unique.`);
    }
    const keptBy = builtins[0];
    if (keptBy) assigned.set(name, keptBy);
    else if (claimants.length === 1) assigned.set(name, claimants[0]!);
    if (claimants.length > 1) {
      const diagnostic = collisionDiagnostic(surface, name, claimants, keptBy);
      collisions.push({ surface, name, claimants, ...(keptBy ? { keptBy } : {}), diagnostic });
    }
  }
  return { assigned, collisions };
}
