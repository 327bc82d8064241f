/**
 * Workspace trust. Key: the realpath of the workspace folder (a symlinked
 * path and the real path are one workspace). No hash: trust lasts until
 * revoked. Matching is exact: trusting a folder says nothing about its
 * parents or, here, its subfolders; finding a workspace's root is the
 * caller's job.
 */
import fs from 'node:fs/promises';
import { WeftError } from '../errors.js';
import { realPathOrNull, revokeKey } from './keys.js';
import { readApprovals, updateApprovals } from './store-file.js';
import { deleteEntry, getEntry, setEntry, type WorkspaceTrust } from './types.js';

export interface TrustedWorkspace extends WorkspaceTrust {
  path: string;
}

/** Trust the folder. Throws naming it when it does not exist or is not a folder. */
export async function trustWorkspace(file: string, dir: string, now = new Date()): Promise<TrustedWorkspace> {
  const key = await realPathOrNull(dir);
  if (key === null) {
    throw new WeftError(`Cannot trust ${dir}: no such folder`, {
      code: 'workspace-not-found',
      file: dir,
      fix: 'Give the path of an existing workspace folder.',
    });
  }
  if (!(await fs.stat(key)).isDirectory()) {
    throw new WeftError(`Cannot trust ${dir}: not a folder`, {
      code: 'workspace-not-folder',
      file: dir,
      fix: 'Give the path of the workspace folder, not of a file in it.',
    });
  }
  const record = await updateApprovals(file, (data) => {
    const existing = getEntry(data.workspaces, key);
    if (existing) return existing; // trusting again keeps the first time
    const fresh: WorkspaceTrust = { trustedAt: now.toISOString() };
    setEntry(data.workspaces, key, fresh);
    return fresh;
  });
  return { path: key, ...record };
}

/** Withdraw trust; true when the folder was trusted. */
export async function revokeWorkspace(file: string, dir: string): Promise<boolean> {
  const key = await revokeKey(dir);
  return updateApprovals(file, (data) => deleteEntry(data.workspaces, key));
}

/** False for a folder that does not exist. */
export async function isWorkspaceTrusted(file: string, dir: string): Promise<boolean> {
  const key = await realPathOrNull(dir);
  return key !== null && getEntry((await readApprovals(file)).workspaces, key) !== undefined;
}

/** Trusted workspaces, sorted by path. */
export async function listTrustedWorkspaces(file: string): Promise<TrustedWorkspace[]> {
  const { workspaces } = await readApprovals(file);
  return Object.keys(workspaces)
    .sort()
    .map((key) => ({ path: key, ...(workspaces[key] as WorkspaceTrust) }));
}
