import path from 'node:path';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../plugin/diagnostic.js';
import { WeftError } from '../plugin/errors.js';
import { applyHome, applyWorkspace } from './layer.js';
import type { WeftPaths } from './paths.js';
import { trustCommand } from './trust.js';
import { readConfigFile } from './read-file.js';
import type { WeftConfig } from './types.js';

export interface ConfigFileInfo {
  path: string;
  scope: 'home' | 'workspace';
  applied: boolean;
  reason?: string;
}

export interface LoadedConfig {
  /** Absent when a file has errors: callers keep their last good config or stop. */
  config?: WeftConfig;
  /** The home layer alone (defaults filled in), when the home file has no errors. */
  home?: WeftConfig;
  /**
   * When a file has errors: what applies without the broken files (the
   * `homeFallback` given, or the defaults, in place of a broken home file;
   * no workspace layer in place of a broken workspace file).
   */
  kept?: WeftConfig;
  diagnostics: Diagnostic[];
  files: ConfigFileInfo[];
}

export interface WorkspaceForConfig {
  root: string;
  trusted: boolean;
}

export function workspaceConfigFile(root: string): string {
  return path.join(root, '.clawft', 'config.json');
}

/**
 * Reads the home config, then a trusted workspace's config over it.
 * `homeFallback` (a long-running caller's last good home layer) stands in
 * for a broken home file in `kept`.
 */
export async function loadConfig(paths: WeftPaths, workspace: WorkspaceForConfig | null, homeFallback?: WeftConfig): Promise<LoadedConfig> {
  const homeFile = await readConfigFile(paths.configFile, true);
  const files: ConfigFileInfo[] = [];
  const diagnostics = [...homeFile.diagnostics];
  if (homeFile.exists) files.push({ path: homeFile.file, scope: 'home', applied: homeFile.content !== undefined });
  const homeOk = !hasErrors(homeFile.diagnostics);
  const home = applyHome(homeFile.content && { file: homeFile.file, content: homeFile.content, base: paths.clawftHome }, paths.home);
  let config = homeOk ? home : (homeFallback ?? home);

  if (workspace) {
    const file = workspaceConfigFile(workspace.root);
    if (!workspace.trusted) {
      const exists = (await readConfigFile(file)).exists;
      if (exists) files.push({ path: file, scope: 'workspace', applied: false, reason: `workspace not trusted (run \`${trustCommand(workspace.root)}\`)` });
    } else {
      const ws = await readConfigFile(file);
      diagnostics.push(...ws.diagnostics);
      if (ws.content) {
        const layered = applyWorkspace(config, { file, content: ws.content, base: workspace.root }, paths.home);
        config = layered.config;
        diagnostics.push(...layered.diagnostics);
      }
      if (ws.exists) files.push({ path: file, scope: 'workspace', applied: ws.content !== undefined });
    }
  }
  const homeLayer = homeOk ? { home } : {};
  return hasErrors(diagnostics) ? { diagnostics, files, kept: config, ...homeLayer } : { config, diagnostics, files, ...homeLayer };
}

/** For one-shot commands: the config, or a WeftError (exit 1) listing every error. */
export function requireConfig(loaded: LoadedConfig): WeftConfig {
  if (loaded.config) return loaded.config;
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0]!;
  throw new WeftError(`configuration has ${errors.length} error(s):\n${errors.map(formatDiagnostic).join('\n')}`, {
    code: first.code, file: first.file, ...(first.field ? { field: first.field } : {}), fix: first.fix,
  });
}
