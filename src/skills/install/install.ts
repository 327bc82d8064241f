import path from 'node:path';
import { formatDiagnostic, hasErrors } from '../../plugin/diagnostic.js';
import { WeftError } from '../../plugin/errors.js';
import { rm } from 'node:fs/promises';
import { contentHash } from '../../plugin/approvals/index.js';
import { commitStaged, pathExists, stageFolder } from '../../plugin/folders/install.js';
import { parseSkillFile } from '../parse/index.js';
import type { ParsedSkill } from '../types.js';
import { skillDirName } from './names.js';

export { withRootLock } from '../../plugin/folders/install.js';

export interface InstallPlan {
  skill: ParsedSkill;
  /** The folder it will occupy in the managed root. */
  dest: string;
  replaces: boolean;
}

/** Validates `source` (a skill folder) and says where it would go. Refuses invalid skills. */
export async function planInstall(source: string, root: string, force: boolean): Promise<InstallPlan> {
  const file = path.join(source, 'SKILL.md');
  if (!(await pathExists(file))) {
    throw new WeftError(`${source} holds no SKILL.md`, { code: 'skill-missing', file,
      fix: 'Point `weft skill install` at one skill folder (the one holding SKILL.md).' });
  }
  const skill = await parseSkillFile(file);
  if (!skill.loaded || hasErrors(skill.diagnostics)) {
    const errors = skill.diagnostics.filter((d) => d.severity === 'error');
    throw new WeftError(`${file} is not a valid skill; not installed:\n${errors.map(formatDiagnostic).join('\n')}`, {
      code: errors[0]?.code ?? 'skill-invalid', file, fix: errors[0]?.fix ?? 'Fix the errors above and install again.' });
  }
  const dest = path.join(root, skillDirName(skill.name, file));
  const replaces = await pathExists(dest);
  if (replaces && !force) {
    throw new WeftError(`a skill is already installed at ${dest}`, { code: 'skill-exists', file: dest, value: skill.name,
      fix: 'Add --force to replace it (the old copy is kept until the new one is in place), or remove it first.' });
  }
  return { skill, dest, replaces };
}

/**
 * Puts the planned skill in place (see commitStaged for crash safety). With
 * `expectedHash` (the hash of what the user was shown and approved), the
 * staged copy must hash the same, or nothing is installed.
 */
export async function commitInstall(plan: InstallPlan, source: string, root: string, expectedHash?: string): Promise<void> {
  const name = path.basename(plan.dest);
  if ((await pathExists(plan.dest)) && !plan.replaces) {
    throw new WeftError(`a skill appeared at ${plan.dest} meanwhile`, { code: 'skill-exists', file: plan.dest, fix: 'Run the install again (with --force to replace it).' });
  }
  const tmp = await stageFolder(source, root, name);
  if (expectedHash !== undefined && (await contentHash(tmp)) !== expectedHash) {
    await rm(tmp, { recursive: true, force: true });
    throw new WeftError(`${source} changed after you approved it; nothing was installed`, { code: 'skill-changed', file: source,
      fix: 'Run the install again and approve what it shows.' });
  }
  await commitStaged(tmp, root, name);
}
