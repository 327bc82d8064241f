/**
 * Approval keys for folders: the realpath, so a symlinked path and the real
 * path are one skill or one workspace.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** realpath of `dir`, or null when it does not exist. */
export async function realPathOrNull(dir: string): Promise<string | null> {
  try {
    return await fs.realpath(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * The key to revoke under: the realpath when the folder still exists, else
 * the absolute path as given (so a deleted folder can still be revoked).
 */
export async function revokeKey(dir: string): Promise<string> {
  return (await realPathOrNull(dir)) ?? path.resolve(dir);
}
