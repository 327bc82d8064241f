import type { SkillJson } from '../../plugin/output.js';
import type { IndexedSkill, SkillIndex } from '../../skills/discovery/types.js';
import type { ParsedSkill } from '../../skills/types.js';

export function skillKind(skill: ParsedSkill): SkillJson['kind'] {
  return skill.weftTool?.kind ?? 'instruction';
}

export function parsedJson(skill: ParsedSkill, eligible: boolean, ineligibleReasons: string[]): SkillJson {
  return {
    path: skill.file, name: skill.name,
    ...(skill.description !== undefined ? { description: skill.description } : {}),
    loaded: skill.loaded, eligible, ineligibleReasons, kind: skillKind(skill), diagnostics: skill.diagnostics,
  };
}

export function indexedJson(entry: IndexedSkill, index: SkillIndex): SkillJson {
  return {
    ...parsedJson(entry.skill, entry.eligible, entry.ineligibleReasons),
    level: entry.level, root: entry.root, active: index.active.get(entry.skill.name) === entry,
  };
}
