import { loadConfig, type LoadedConfig } from '../config/load.js';
import type { WeftPaths } from '../config/paths.js';
import { workspaceTrust, type WorkspaceStatus } from '../config/trust.js';
import { findWorkspace } from '../config/workspace.js';
import { ApprovalsStore } from '../plugin/approvals/index.js';

/** Where a command runs: the workspace, its trust, and the configuration. */
export interface RunContext {
  paths: WeftPaths;
  approvals: ApprovalsStore;
  workspace: WorkspaceStatus | null;
  config: LoadedConfig;
}

export async function loadContext(paths: WeftPaths): Promise<RunContext> {
  const approvals = new ApprovalsStore(paths.approvalsFile);
  const workspace = await workspaceTrust(findWorkspace(paths), approvals);
  const config = await loadConfig(paths, workspace && { root: workspace.root, trusted: workspace.trust !== 'untrusted' });
  return { paths, approvals, workspace, config };
}
