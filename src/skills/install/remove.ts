import { stat } from 'node:fs/promises';
import path from 'node:path';
import { WeftError } from '../../plugin/errors.js';
import { removeFolder } from '../../plugin/folders/install.js';
import { SKILL_DIR_PATTERN } from './names.js';

/** Removes a managed skill by folder name; anything but one safe segment is refused. */
export async function removeManagedSkill(root: string, name: string): Promise<string> {
  const folder = name.toLowerCase();
  if (!SKILL_DIR_PATTERN.test(folder) || folder.includes('..')) {
    throw new WeftError(`"${name}" is not a managed skill name`, { code: 'skill-name-unsafe', value: name,
      fix: 'Give the name as `weft skill list` shows it for a managed skill (no "/", no "..").' });
  }
  const isDir = await stat(path.join(root, folder)).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    throw new WeftError(`no managed skill "${name}" in ${root}`, { code: 'skill-not-found', value: name,
      fix: 'Only managed skills can be removed; see `weft skill list` for their names and levels.' });
  }
  return removeFolder(root, folder);
}
