import type { Diagnostic } from '../../plugin/diagnostic.js';
import type { ParsedSkill } from '../types.js';

function duplicateDiagnostic(skill: ParsedSkill, others: ParsedSkill[]): Diagnostic {
  return {
    code: 'duplicate-name', severity: 'warning', file: skill.file, field: 'name',
    problem: `another skill in the same root is also named "${skill.name}": ${others.map((o) => o.file).join(', ')}`,
    fix: 'Give one of them a different `name:` in its SKILL.md (or remove one).',
  };
}

/** Marks every loaded skill that shares its name with another in one root. */
export function markDuplicates(skills: ParsedSkill[]): ParsedSkill[] {
  const byName = new Map<string, ParsedSkill[]>();
  for (const s of skills) if (s.loaded) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  return skills.map((s) => {
    const same = s.loaded ? byName.get(s.name)! : [];
    if (same.length < 2) return s;
    return { ...s, diagnostics: [...s.diagnostics, duplicateDiagnostic(s, same.filter((o) => o !== s))] };
  });
}
