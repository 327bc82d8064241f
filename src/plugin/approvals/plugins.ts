/**
 * Plugin approvals. Key: the plugin id. The record holds what the user
 * granted (permissions and tools). A new version (new content hash) whose
 * permission diff against the record is empty keeps the approval: the record
 * takes the new hash and version, and its permissions and tools become the
 * new version's (a subset of the grant, so a later re-widening asks again).
 * A non-empty diff voids it, and the status carries only the diff.
 */
import type { ManifestTool, PluginPermissions } from '../manifest/types.js';
import type { DiffPermissions, PermissionDiff } from './diff.js';
import { readApprovals, updateApprovals } from './store-file.js';
import { deleteEntry, getEntry, setEntry, type PluginApproval } from './types.js';

/** The plugin as found on disk now. */
export interface PluginCandidate {
  contentHash: string;
  version: string;
  permissions: PluginPermissions;
  tools: ManifestTool[];
}

export type PluginStatus =
  | { approved: true; updated: boolean; record: PluginApproval }
  | { approved: false; reason: 'never-approved' }
  | { approved: false; reason: 'permissions-widened'; diff: PermissionDiff; record: PluginApproval };

/** The recorded approval, or undefined. Read-only. */
export async function getPluginApproval(file: string, id: string): Promise<PluginApproval | undefined> {
  return getEntry((await readApprovals(file)).plugins, id);
}

/**
 * Is this plugin, as it is now, approved? Same hash: yes. New hash and an
 * empty diff: yes, and the record is carried forward on disk (`updated`).
 */
export async function pluginStatus(
  file: string,
  id: string,
  candidate: PluginCandidate,
  diffPermissions: DiffPermissions,
  now = new Date(),
): Promise<PluginStatus> {
  const first = judge(await getPluginApproval(file, id), candidate, diffPermissions);
  if (!('carryForward' in first)) return first;
  // Re-judge against the fresh record under the lock: it may have changed.
  return updateApprovals(file, (data) => {
    const verdict = judge(getEntry(data.plugins, id), candidate, diffPermissions);
    if (!('carryForward' in verdict)) return verdict;
    const next: PluginApproval = {
      ...verdict.carryForward,
      version: candidate.version,
      contentHash: candidate.contentHash,
      permissions: structuredClone(candidate.permissions),
      tools: structuredClone(candidate.tools),
      updatedAt: now.toISOString(),
    };
    setEntry(data.plugins, id, next);
    return { approved: true, updated: true, record: next };
  });
}

function judge(
  record: PluginApproval | undefined,
  candidate: PluginCandidate,
  diffPermissions: DiffPermissions,
): PluginStatus | { carryForward: PluginApproval } {
  if (!record) return { approved: false, reason: 'never-approved' };
  if (record.contentHash === candidate.contentHash) return { approved: true, updated: false, record };
  const diff = diffPermissions(
    { permissions: record.permissions, tools: record.tools },
    { permissions: candidate.permissions, tools: candidate.tools },
  );
  return diff.empty ? { carryForward: record } : { approved: false, reason: 'permissions-widened', diff, record };
}

/** Record the approval: `permissions` are the ones granted, `tools` the ones approved. */
export async function approvePlugin(
  file: string,
  id: string,
  grant: PluginCandidate,
  now = new Date(),
): Promise<PluginApproval> {
  const record: PluginApproval = {
    version: grant.version,
    contentHash: grant.contentHash,
    permissions: structuredClone(grant.permissions),
    tools: structuredClone(grant.tools),
    approvedAt: now.toISOString(),
  };
  await updateApprovals(file, (data) => setEntry(data.plugins, id, record));
  return record;
}

/** Forget the approval; true when there was one. */
export async function revokePlugin(file: string, id: string): Promise<boolean> {
  return updateApprovals(file, (data) => deleteEntry(data.plugins, id));
}
