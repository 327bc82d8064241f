/** The empty skill record, and the guard that keeps parsing from ever throwing. */
import path from 'node:path';
import type { ParsedSkill } from '../types.js';
import type { SkillReport } from './report.js';

/** A skill with nothing read yet: named after its folder, not loaded. */
export function emptySkill(file: string, report: SkillReport): ParsedSkill {
  const dir = path.dirname(file);
  return {
    file, dir, name: path.basename(dir), body: '', frontmatter: {}, userInvocable: true, disableModelInvocation: false,
    allowedTools: [], loaded: false, diagnostics: report.diagnostics,
  };
}

/** Runs a parse; an unexpected exception becomes a `parse-failed` error instead of escaping. */
export function guarded(file: string, report: SkillReport, run: (report: SkillReport) => ParsedSkill): ParsedSkill {
  try {
    return run(report);
  } catch (err) {
    report.add('parse-failed', `weft could not parse this file: ${err instanceof Error ? err.message : String(err)}.`, 'This is a weft bug: report it with the file attached.');
    return emptySkill(file, report);
  }
}
