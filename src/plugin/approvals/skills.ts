/**
 * Approvals of native-command skills (instruction-only, plugin-backed and
 * bundled skills need none; deciding that is the caller's job). Key: the
 * realpath of the skill folder. Pinned to the folder's content hash: any
 * change to any file in it voids the approval.
 */
import { WeftError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { hashFolder } from './content-hash.js';
import { revokeKey } from './keys.js';
import { readApprovals, updateApprovals } from './store-file.js';
import { deleteEntry, getEntry, setEntry, type SkillApproval } from './types.js';

export type SkillStatus =
  | { approved: true; key: string; contentHash: string }
  | { approved: false; reason: 'never-approved' | 'changed'; key: string; contentHash: string };

export async function skillStatus(file: string, skillDir: string): Promise<SkillStatus> {
  const { root: key, hash: contentHash } = await hashFolder(skillDir);
  const record = getEntry((await readApprovals(file)).skills, key);
  if (!record) return { approved: false, reason: 'never-approved', key, contentHash };
  if (record.contentHash !== contentHash) return { approved: false, reason: 'changed', key, contentHash };
  return { approved: true, key, contentHash };
}

export interface ApproveSkillOptions {
  /**
   * The hash the user was shown. If the folder changed since, the approval
   * is refused rather than covering content nobody looked at.
   */
  expectedHash?: string;
  now?: Date;
}

/** Approve the skill folder as it is now. */
export async function approveSkill(
  file: string,
  skillDir: string,
  options: ApproveSkillOptions = {},
): Promise<SkillApproval & { key: string }> {
  const { root: key, hash: contentHash } = await hashFolder(skillDir);
  if (options.expectedHash !== undefined && options.expectedHash !== contentHash) {
    throw new WeftError(
      `The skill ${key} changed while it was being approved`,
      { code: 'skill-changed', file: key, fix: 'Review the skill again and approve what it contains now.' },
      ExitCode.approvalRequired,
    );
  }
  const record: SkillApproval = { contentHash, approvedAt: (options.now ?? new Date()).toISOString() };
  await updateApprovals(file, (data) => setEntry(data.skills, key, record));
  return { key, ...record };
}

/** Forget the approval; true when there was one. */
export async function revokeSkill(file: string, skillDir: string): Promise<boolean> {
  const key = await revokeKey(skillDir);
  return updateApprovals(file, (data) => deleteEntry(data.skills, key));
}
