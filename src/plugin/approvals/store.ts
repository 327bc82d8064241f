/**
 * The approvals and trust store: one object over one file,
 * `$CLAWFT_HOME/approvals.json`. Queries re-read the file each time (it is
 * small, and another weft may have changed it); mutations are locked
 * read-modify-writes, written atomically. Nothing is cached, so two stores on
 * one file, in one process or two, never disagree.
 */
import path from 'node:path';
import { diffPermissions, type DiffPermissions } from './diff.js';
import * as plugins from './plugins.js';
import * as skills from './skills.js';
import { readApprovals } from './store-file.js';
import { APPROVALS_FILE_NAME, type ApprovalsData, type PluginApproval, type SkillApproval } from './types.js';
import * as workspaces from './workspaces.js';

export interface ApprovalsStoreOptions {
  /** Defaults to `diffPermissions` of src/plugin/permission-diff.ts. */
  diffPermissions?: DiffPermissions;
  /** The clock for `approvedAt` and friends. */
  now?: () => Date;
}

/** `<clawftHome>/approvals.json`. */
export function approvalsPath(clawftHome: string): string {
  return path.join(clawftHome, APPROVALS_FILE_NAME);
}

export class ApprovalsStore {
  readonly file: string;
  readonly #options: ApprovalsStoreOptions;

  constructor(file: string, options: ApprovalsStoreOptions = {}) {
    this.file = path.resolve(file);
    this.#options = options;
  }

  /** A store on `file`, checked readable now: throws if the file is corrupt. */
  static async load(file: string, options: ApprovalsStoreOptions = {}): Promise<ApprovalsStore> {
    const store = new ApprovalsStore(file, options);
    await store.read();
    return store;
  }

  /** Everything in the file, as it is now. An absent file is empty. */
  read(): Promise<ApprovalsData> {
    return readApprovals(this.file);
  }

  skillStatus(skillDir: string): Promise<skills.SkillStatus> {
    return skills.skillStatus(this.file, skillDir);
  }

  approveSkill(skillDir: string, options: { expectedHash?: string } = {}): Promise<SkillApproval & { key: string }> {
    return skills.approveSkill(this.file, skillDir, { ...options, now: this.#now() });
  }

  revokeSkill(skillDir: string): Promise<boolean> {
    return skills.revokeSkill(this.file, skillDir);
  }

  getPluginApproval(id: string): Promise<PluginApproval | undefined> {
    return plugins.getPluginApproval(this.file, id);
  }

  pluginStatus(id: string, candidate: plugins.PluginCandidate): Promise<plugins.PluginStatus> {
    const diff = this.#options.diffPermissions ?? diffPermissions;
    return plugins.pluginStatus(this.file, id, candidate, diff, this.#now());
  }

  approvePlugin(id: string, grant: plugins.PluginCandidate): Promise<PluginApproval> {
    return plugins.approvePlugin(this.file, id, grant, this.#now());
  }

  revokePlugin(id: string): Promise<boolean> {
    return plugins.revokePlugin(this.file, id);
  }

  trustWorkspace(dir: string): Promise<workspaces.TrustedWorkspace> {
    return workspaces.trustWorkspace(this.file, dir, this.#now());
  }

  revokeWorkspace(dir: string): Promise<boolean> {
    return workspaces.revokeWorkspace(this.file, dir);
  }

  isWorkspaceTrusted(dir: string): Promise<boolean> {
    return workspaces.isWorkspaceTrusted(this.file, dir);
  }

  listTrustedWorkspaces(): Promise<workspaces.TrustedWorkspace[]> {
    return workspaces.listTrustedWorkspaces(this.file);
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}
