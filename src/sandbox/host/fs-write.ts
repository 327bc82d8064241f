/**
 * write-file: creates or replaces a file the plugin may write, atomically.
 * The bytes go to a fresh temp file in the same (pinned, verified) folder,
 * created O_EXCL | O_NOFOLLOW, fsync'd, then renamed over the target and
 * the folder fsync'd. rename() replaces a directory entry and never follows
 * a symlink, so even a link swapped in at the last moment is replaced, not
 * written through; an existing symlink target is refused up front.
 */
import { constants as C } from 'node:fs';
import { lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { resolveGuestPath } from './fs-paths.js';
import { childPath, errnoReason, openDir } from './fs-pin.js';
import { allow, CAPS, deny, Refusal, type HostContext, type Outcome } from './types.js';

export async function writeGuestFile(ctx: HostContext, raw: string, contents: Uint8Array): Promise<Outcome> {
  const target = String(raw);
  if (!(contents instanceof Uint8Array)) return deny(target, 'contents must be bytes');
  if (contents.byteLength > CAPS.writeBytes) {
    return deny(target, `${contents.byteLength} bytes is over the ${CAPS.writeBytes / 1024 / 1024} MiB write limit`);
  }
  const checked = await resolveGuestPath(ctx, raw, 'write');
  if (!checked.ok) return deny(target, checked.reason);
  const { abs, dir, name, real } = checked.path;
  try {
    const existing = await lstatOrUndefined(real);
    if (existing?.isSymbolicLink()) throw new Refusal(`"${raw}" is a symbolic link; weft does not write through links`);
    if (existing && !existing.isFile()) throw new Refusal(`"${raw}" exists and is not a regular file`);
    await ctx.hooks?.beforeOpen?.(abs);
    const folder = await openDir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Refusal(`the folder of "${raw}" does not exist; weft does not create folders for plugins`);
      throw error;
    });
    try {
      // Re-checked through the pinned folder: a link swapped in since the
      // first look is refused here; one swapped in later still cannot be
      // written through, because rename() replaces the link itself.
      if ((await lstatOrUndefined(childPath(folder, dir, name)))?.isSymbolicLink()) {
        throw new Refusal(`"${raw}" was replaced by a symbolic link; weft does not write through links`);
      }
      await replaceIn(folder, dir, name, contents, existing ? existing.mode & 0o777 : undefined);
    } finally {
      await folder.close();
    }
    return allow(target, null);
  } catch (error) {
    return deny(target, error instanceof Refusal ? error.message : errnoReason(error, raw));
  }
}

async function replaceIn(folder: FileHandle, dir: string, name: string, contents: Uint8Array, mode: number | undefined): Promise<void> {
  const tmp = childPath(folder, dir, `.weft-${randomBytes(8).toString('hex')}.tmp`);
  // A new file gets the usual 0o666 less umask; a replaced file keeps its mode
  // (set after the create, so a private file is never briefly wider).
  const file = await open(tmp, C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW, mode === undefined ? 0o666 : 0o600);
  let renamed = false;
  try {
    try {
      await file.writeFile(contents);
      if (mode !== undefined) await file.chmod(mode);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, childPath(folder, dir, name));
    renamed = true;
    await folder.sync().catch(() => {}); // some file systems refuse fsync on folders; the rename stands
  } finally {
    if (!renamed) await unlink(tmp).catch(() => {});
  }
}

async function lstatOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await lstat(p);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
