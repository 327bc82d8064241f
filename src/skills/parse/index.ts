/**
 * Parsing one SKILL.md. Every file yields a ParsedSkill: `loaded` when it has
 * a description and no error diagnostics, otherwise with the diagnostics that
 * say why. Parsing never throws.
 */
import path from 'node:path';
import type { ParsedSkill } from '../types.js';
import { guarded } from './guard.js';
import { SkillReport } from './report.js';
import { buildSkill } from './skill.js';

export { parseSkillBytes, parseSkillFileSync } from './read.js';
export { parseSkillFile } from './read-async.js';
export { MAX_SKILL_FILE_BYTES } from './size.js';
export { SKILL_CODES, isSkillCode, severityOf, type SkillCode } from './codes.js';
export { nameRuleProblems } from './name.js';

/** Parses the text of `file` (its folder is the skill's folder); pure apart from path resolution. */
export function parseSkillText(text: string, file: string): ParsedSkill {
  const abs = path.resolve(file);
  return guarded(abs, new SkillReport(abs), (report) => buildSkill(text, abs, report));
}
