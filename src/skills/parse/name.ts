/**
 * The effective name: frontmatter `name`, else the folder's name
 * (`name-defaulted`, info). A written name is checked against the Agent
 * Skills rules (`name-rule`) and against the folder (`name-dir-mismatch`).
 */
import type { SkillReport, Where } from './report.js';

export const NAME_MAX = 64;

/** What breaks the Agent Skills naming rules, one phrase each; empty when the name is fine. */
export function nameRuleProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('is empty');
  if (name.length > NAME_MAX) problems.push(`is ${name.length} characters long (the most is ${NAME_MAX})`);
  if (/[A-Z]/.test(name)) problems.push('has uppercase letters');
  if (/[^A-Za-z0-9-]/.test(name)) problems.push('has characters outside a-z, 0-9 and "-"');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('starts or ends with "-"');
  if (name.includes('--')) problems.push('has "--"');
  return problems;
}

/** A suggestion that follows the rules, for the fix text. */
export function suggestName(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, NAME_MAX).replace(/-+$/, '');
  return s || 'my-skill';
}

export function resolveName(written: string | undefined, dirName: string, report: SkillReport, where: Where): string {
  if (written === undefined || written === '') {
    report.add('name-defaulted', `The frontmatter has no name, so the folder's name "${dirName}" is used.`, `Add name: ${suggestName(dirName)} to the frontmatter.`, where);
    return dirName;
  }
  const problems = nameRuleProblems(written);
  if (problems.length > 0) {
    report.add('name-rule', `The name "${written}" breaks the Agent Skills naming rules: it ${problems.join('; it ')}. Names are 1-${NAME_MAX} characters of a-z, 0-9 and single hyphens inside.`, `Rename it to "${suggestName(written)}" (and the folder to match).`, where);
  }
  if (written !== dirName) {
    report.add('name-dir-mismatch', `The name "${written}" differs from the folder's name "${dirName}".`, `Rename the folder to "${written}", or set name: ${JSON.stringify(dirName)}.`, where);
  }
  return written;
}
