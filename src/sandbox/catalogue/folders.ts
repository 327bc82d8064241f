import path from 'node:path';
import type { WeftPaths } from '../../config/paths.js';
import type { WorkspaceStatus } from '../../config/trust.js';
import type { PluginFolder } from './types.js';

/** `$CLAWFT_HOME/plugins`, then `<workspace>/.clawft/plugins` (trusted or not). */
export function pluginFolders(paths: WeftPaths, workspace: WorkspaceStatus | null): PluginFolder[] {
  const folders: PluginFolder[] = [{ dir: path.join(paths.clawftHome, 'plugins'), scope: 'managed', trusted: true }];
  if (workspace) {
    folders.push({ dir: path.join(workspace.root, '.clawft', 'plugins'), scope: 'workspace', trusted: workspace.trust !== 'untrusted' });
  }
  return folders;
}

/** What no plugin may open, whatever it was granted: weft's home, and the workspace's weft, agent and git folders. */
export function protectedFolders(ctx: { clawftHome: string; workspace: string | null }): string[] {
  const ws = ctx.workspace;
  return [ctx.clawftHome, ...(ws ? ['.clawft', '.agents', '.git'].map((d) => path.join(ws, d)) : [])];
}
