import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { WeftError } from '../errors.js';
import path from 'node:path';
import { withLock } from '../lock.js';
import { copyTreeNoEscape } from './copy.js';
import { TMP_PREFIX, TRASH_PREFIX } from './recover.js';

const suffix = () => randomBytes(4).toString('hex');
export const pathExists = (p: string) => stat(p).then(() => true, () => false);

/** Changes to an install root (skills, plugins) hold `<root>/.install.lock`. */
export function withRootLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  return mkdir(root, { recursive: true }).then(() => withLock(path.join(root, '.install'), fn, { timeoutMs: 10_000 }));
}

/**
 * Copies `source` into a dot-prefixed temp folder inside `root` (same
 * filesystem, ignored by discovery, deleted by recovery) and returns it.
 * A source that contains the root is refused: the copy would copy itself.
 */
export async function stageFolder(source: string, root: string, name: string): Promise<string> {
  const [from, into] = await Promise.all([realpath(source), realpath(root)]);
  const rel = path.relative(from, into);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new WeftError(`${source} contains the folder it would be installed into (${root})`, { code: 'install-into-itself',
      file: source, fix: 'Install the one skill or plugin folder, not a folder around weft\'s own home.' });
  }
  const tmp = path.join(root, `${TMP_PREFIX}${name}-${suffix()}`);
  try {
    await copyTreeNoEscape(source, tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return tmp;
}

/**
 * Renames a staged folder into place as `<root>/<name>`; an existing copy is
 * renamed aside first and deleted last, so a crash at any moment leaves the
 * old or the new folder whole (recoverRoot finishes the job). Callers hold
 * withRootLock and have decided whether replacing is allowed.
 */
export async function commitStaged(tmp: string, root: string, name: string): Promise<string> {
  const dest = path.join(root, name);
  if (!(await pathExists(dest))) {
    await rename(tmp, dest);
    return dest;
  }
  const trash = path.join(root, `${TRASH_PREFIX}${name}-${suffix()}`);
  await rename(dest, trash);
  await rename(tmp, dest);
  await rm(trash, { recursive: true, force: true });
  return dest;
}

/** stageFolder then commitStaged. */
export async function installFolder(source: string, root: string, name: string): Promise<string> {
  return commitStaged(await stageFolder(source, root, name), root, name);
}

/** Removes `<root>/<name>`: renamed to `.tmp-removed-…` first, which recovery deletes and never restores. */
export async function removeFolder(root: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  const aside = path.join(root, `${TMP_PREFIX}removed-${name}-${suffix()}`);
  await rename(dir, aside);
  await rm(aside, { recursive: true, force: true });
  return dir;
}
