/**
 * The approvals file, `$CLAWFT_HOME/approvals.json`: every approval and trust
 * decision weft keeps. One file, pretty-printed with sorted keys so a person
 * can read (and, in an emergency, edit) it:
 *
 * {
 *   "version": 1,
 *   "skills": {
 *     "/home/me/.clawft/skills/deploy": { "contentHash": "sha256:…", "approvedAt": "2026-…Z" }
 *   },
 *   "plugins": {
 *     "acme.weather": {
 *       "version": "1.2.0", "contentHash": "sha256:…",
 *       "permissions": { "network": [...], "filesystem": [...], "env_vars": [...], "shell": false },
 *       "tools": [ { "name": "forecast", "input_schema": {...} } ],
 *       "approvedAt": "2026-…Z", "updatedAt": "2026-…Z"
 *     }
 *   },
 *   "workspaces": { "/home/me/src/project": { "trustedAt": "2026-…Z" } }
 * }
 */
import type { ManifestTool, PluginPermissions } from '../manifest/types.js';

export const APPROVALS_FILE_VERSION = 1;
export const APPROVALS_FILE_NAME = 'approvals.json';

/** A native-command skill, keyed by the realpath of its folder. */
export interface SkillApproval {
  /** `sha256:<hex>` of the folder when approved; any change voids it. */
  contentHash: string;
  /** ISO 8601 time of the approval. */
  approvedAt: string;
}

/** A plugin, keyed by its id. */
export interface PluginApproval {
  /** The version last approved (or carried forward, see `updatedAt`). */
  version: string;
  contentHash: string;
  /** What the user granted. */
  permissions: PluginPermissions;
  /** The tools the user approved, schemas included. */
  tools: ManifestTool[];
  approvedAt: string;
  /** When a new version with no new permissions took over the approval. */
  updatedAt?: string;
}

/** A trusted workspace, keyed by its realpath. No hash: trust lasts until revoked. */
export interface WorkspaceTrust {
  trustedAt: string;
}

export interface ApprovalsData {
  version: typeof APPROVALS_FILE_VERSION;
  skills: Record<string, SkillApproval>;
  plugins: Record<string, PluginApproval>;
  workspaces: Record<string, WorkspaceTrust>;
}

export function emptyApprovals(): ApprovalsData {
  return { version: APPROVALS_FILE_VERSION, skills: {}, plugins: {}, workspaces: {} };
}

/** An own entry of a section (never an inherited `constructor` or `__proto__`). */
export function getEntry<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Set an entry; safe for any key, `__proto__` included. */
export function setEntry<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Remove an entry; true when there was one. */
export function deleteEntry<V>(record: Record<string, V>, key: string): boolean {
  if (!Object.hasOwn(record, key)) return false;
  delete record[key];
  return true;
}
