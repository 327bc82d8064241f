import type { IndexedSkill, Shadowing, SkillCollision } from './types.js';
import { LEVELS } from './roots.js';

export interface Resolution {
  active: Map<string, IndexedSkill>;
  shadowed: Shadowing[];
  collisions: SkillCollision[];
}

function collision(name: string, claimants: IndexedSkill[]): SkillCollision {
  const files = claimants.map((c) => c.skill.file);
  const level = claimants[0]!.level;
  return {
    name, level, files,
    diagnostic: {
      code: 'skill-collision', severity: 'error', file: files[0]!, field: 'name',
      problem: `${files.length} ${level} skills are named "${name}" (${files.join(', ')}), so none of them serves the name`,
      fix: 'Rename all but one (the `name:` field of its SKILL.md), or remove the copies you do not want.',
    },
  };
}

/**
 * Who serves each name: the highest level wins and hides the lower ones
 * (recorded as shadowing); two of one name at the winning level collide and
 * neither serves it, whatever order they were read in.
 */
export function resolvePrecedence(skills: IndexedSkill[]): Resolution {
  const byName = new Map<string, IndexedSkill[]>();
  for (const s of skills) if (s.skill.loaded) byName.set(s.skill.name, [...(byName.get(s.skill.name) ?? []), s]);
  const result: Resolution = { active: new Map(), shadowed: [], collisions: [] };
  for (const name of [...byName.keys()].sort()) {
    const claimants = byName.get(name)!.sort((a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || (a.skill.file < b.skill.file ? -1 : 1));
    const top = claimants.filter((c) => c.level === claimants[0]!.level);
    if (top.length > 1) result.collisions.push(collision(name, top));
    else result.active.set(name, top[0]!);
    for (const lower of claimants.slice(top.length)) {
      result.shadowed.push({
        name,
        winner: { file: top[0]!.skill.file, level: top[0]!.level },
        shadowed: { file: lower.skill.file, level: lower.level },
      });
    }
  }
  return result;
}
