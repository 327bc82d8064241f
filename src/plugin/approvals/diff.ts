/**
 * The permission diff approvals judge a new plugin version by: the one in
 * src/plugin/permission-diff.ts, re-exported so the store can take another
 * (tests, or a caller with its own policy) through `DiffPermissions`.
 */
import type { ApprovalScope, PermissionDiff } from '../permission-diff.js';

export { diffPermissions, type ApprovalScope, type PermissionDiff } from '../permission-diff.js';

export type DiffPermissions = (approved: ApprovalScope, next: ApprovalScope) => PermissionDiff;
