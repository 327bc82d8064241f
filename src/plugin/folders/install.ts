import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
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
 * Installs `source` as `<root>/<name>`: copies into a dot-prefixed temp folder
 * on the same filesystem, then renames into place; an existing copy is
 * renamed aside first and deleted last, so a crash at any moment leaves the
 * old or the new folder whole (recoverRoot finishes the job). Callers hold
 * withRootLock and have decided whether replacing is allowed.
 */
export async function installFolder(source: string, root: string, name: string): Promise<string> {
  const dest = path.join(root, name);
  const tmp = path.join(root, `${TMP_PREFIX}${name}-${suffix()}`);
  try {
    await copyTreeNoEscape(source, tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
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

/** Removes `<root>/<name>`: renamed to `.tmp-removed-…` first, which recovery deletes and never restores. */
export async function removeFolder(root: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  const aside = path.join(root, `${TMP_PREFIX}removed-${name}-${suffix()}`);
  await rename(dir, aside);
  await rm(aside, { recursive: true, force: true });
  return dir;
}
