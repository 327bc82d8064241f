import type { Workspace } from './workspace.js';

export type TrustState = 'not-needed' | 'trusted' | 'untrusted';

export interface WorkspaceStatus extends Workspace {
  /**
   * `not-needed`: the workspace holds nothing weft would load, so it asks
   * nothing and says nothing. Otherwise trusted or not, per the store.
   */
  trust: TrustState;
}

export interface TrustLookup {
  isWorkspaceTrusted(dir: string): Promise<boolean>;
}

export async function workspaceTrust(workspace: Workspace | null, store: TrustLookup): Promise<WorkspaceStatus | null> {
  if (!workspace) return null;
  if (workspace.content.length === 0) return { ...workspace, trust: 'not-needed' };
  return { ...workspace, trust: (await store.isWorkspaceTrusted(workspace.root)) ? 'trusted' : 'untrusted' };
}

/** The exact command that trusts the workspace at `root`, quoted for a POSIX shell when it needs to be. */
export function trustCommand(root: string): string {
  return `weft trust ${/^[\w@%+=:,./-]+$/.test(root) ? root : `'${root.replace(/'/g, `'\\''`)}'`}`;
}
