import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic, hasErrors } from '../../plugin/diagnostic.js';
import { WeftError } from '../../plugin/errors.js';
import { withLock } from '../../plugin/lock.js';
import { parseSkillFile } from '../parse/index.js';
import type { ParsedSkill } from '../types.js';
import { copySkillTree } from './copy.js';
import { skillDirName } from './names.js';
import { TMP_PREFIX, TRASH_PREFIX } from './recover.js';

export interface InstallPlan {
  skill: ParsedSkill;
  /** The folder it will occupy in the managed root. */
  dest: string;
  replaces: boolean;
}

const suffix = () => randomBytes(4).toString('hex');
const exists = (p: string) => stat(p).then(() => true, () => false);

/** Changes to a managed root hold `<root>/.install.lock`. */
export function withRootLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  return mkdir(root, { recursive: true }).then(() => withLock(path.join(root, '.install'), fn, { timeoutMs: 10_000 }));
}

/** Validates `source` (a skill folder) and says where it would go. Refuses invalid skills. */
export async function planInstall(source: string, root: string, force: boolean): Promise<InstallPlan> {
  const file = path.join(source, 'SKILL.md');
  if (!(await exists(file))) {
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
  const replaces = await exists(dest);
  if (replaces && !force) {
    throw new WeftError(`a skill is already installed at ${dest}`, { code: 'skill-exists', file: dest, value: skill.name,
      fix: 'Add --force to replace it (the old copy is kept until the new one is in place), or remove it first.' });
  }
  return { skill, dest, replaces };
}

/**
 * Copies into a dot-prefixed temp folder on the same filesystem, then
 * renames into place; a replaced skill is renamed aside first and deleted
 * last, so a crash at any moment leaves the old or the new skill whole
 * (recoverManagedRoot finishes the job).
 */
export async function commitInstall(plan: InstallPlan, source: string, root: string): Promise<void> {
  const name = path.basename(plan.dest);
  const tmp = path.join(root, `${TMP_PREFIX}${name}-${suffix()}`);
  try {
    await copySkillTree(source, tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  if (!(await exists(plan.dest))) {
    await rename(tmp, plan.dest);
    return;
  }
  const trash = path.join(root, `${TRASH_PREFIX}${name}-${suffix()}`);
  await rename(plan.dest, trash);
  await rename(tmp, plan.dest);
  await rm(trash, { recursive: true, force: true });
}
