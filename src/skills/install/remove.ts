import { rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WeftError } from '../../plugin/errors.js';
import { SKILL_DIR_PATTERN } from './names.js';
import { TMP_PREFIX } from './recover.js';

/** Removes a managed skill by folder name; anything but one safe segment is refused. */
export async function removeManagedSkill(root: string, name: string): Promise<string> {
  const folder = name.toLowerCase();
  if (!SKILL_DIR_PATTERN.test(folder) || folder.includes('..')) {
    throw new WeftError(`"${name}" is not a managed skill name`, { code: 'skill-name-unsafe', value: name,
      fix: 'Give the name as `weft skill list` shows it for a managed skill (no "/", no "..").' });
  }
  const dir = path.join(root, folder);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    throw new WeftError(`no managed skill "${name}" in ${root}`, { code: 'skill-not-found', value: name,
      fix: 'Only managed skills can be removed; see `weft skill list` for their names and levels.' });
  }
  // Renamed aside first, so a crash leaves either the skill or a .tmp- folder that recovery deletes (never restores).
  const trash = path.join(root, `${TMP_PREFIX}removed-${folder}-${randomBytes(4).toString('hex')}`);
  await rename(dir, trash);
  await rm(trash, { recursive: true, force: true });
  return dir;
}
