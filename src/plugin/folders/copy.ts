import { copyFile, lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { WeftError } from '../errors.js';

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Copies a folder (a skill, a plugin) without ever following a link out of
 * it. A link to a file inside the folder is copied as that file's bytes (the
 * copy holds no links, so its content hash is well defined); any other link
 * is refused.
 */
export async function copyTreeNoEscape(source: string, dest: string): Promise<void> {
  const realSource = await realpath(source);
  async function copyDir(from: string, to: string): Promise<void> {
    await mkdir(to, { recursive: false, mode: 0o755 });
    for (const entry of (await readdir(from, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const src = path.join(from, entry.name);
      const dst = path.join(to, entry.name);
      if (entry.isDirectory()) await copyDir(src, dst);
      else if (entry.isFile()) await copyFile(src, dst, constants.COPYFILE_EXCL);
      else if (entry.isSymbolicLink()) await copyLink(src, dst);
    }
  }
  async function copyLink(src: string, dst: string): Promise<void> {
    const target = await realpath(src).catch(() => undefined);
    const stat = target ? await lstat(target) : undefined;
    if (!target || !inside(target, realSource) || !stat?.isFile()) {
      throw new WeftError(`${src} is a link ${target ? `to ${target}` : 'that leads nowhere'}; a folder is installed only with its own files`, {
        code: 'path-escape', file: src, fix: 'Replace the link with a copy of the file it points to, then install again.',
      });
    }
    await copyFile(target, dst, constants.COPYFILE_EXCL);
  }
  await copyDir(realSource, dest);
}
