/** The approvals and trust store: `$CLAWFT_HOME/approvals.json`. */
export { ApprovalsStore, approvalsPath, type ApprovalsStoreOptions } from './store.js';
export { contentHash, hashFolder, type FolderHash, type HashedFile } from './content-hash.js';
export type { ApprovalScope, DiffPermissions, PermissionDiff } from './diff.js';
export type { SkillStatus, ApproveSkillOptions } from './skills.js';
export type { PluginCandidate, PluginStatus } from './plugins.js';
export type { TrustedWorkspace } from './workspaces.js';
export { readApprovals, updateApprovals, serializeApprovals, writeAtomic } from './store-file.js';
export { withLock, type LockOptions } from '../lock.js';
export {
  APPROVALS_FILE_NAME,
  APPROVALS_FILE_VERSION,
  emptyApprovals,
  type ApprovalsData,
  type PluginApproval,
  type SkillApproval,
  type WorkspaceTrust,
} from './types.js';
