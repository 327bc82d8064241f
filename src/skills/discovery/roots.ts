import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WeftConfig } from '../../config/types.js';
import type { WeftPaths } from '../../config/paths.js';
import { realOrResolved } from '../../config/paths.js';
import type { WorkspaceStatus } from '../../config/trust.js';
import type { SkillLevel } from '../../plugin/contract/skill.js';

/** Levels, highest precedence first. */
export const LEVELS: readonly SkillLevel[] = ['workspace', 'managed', 'extra', 'plugin', 'bundled'];

export interface SkillRoot {
  dir: string;
  level: SkillLevel;
  /** False only for the roots of an untrusted workspace: listed, not loaded. */
  trusted: boolean;
  /** The plugin id, for plugin-shipped roots. */
  plugin?: string;
  /** The workspace root, for workspace-level roots. */
  workspace?: string;
}

/** The skills bundled with weft: `skills/` at the package root. */
export const BUNDLED_SKILLS_DIR = fileURLToPath(new URL('../../../skills', import.meta.url));

export interface RootSources {
  paths: WeftPaths;
  workspace: WorkspaceStatus | null;
  config: WeftConfig;
  pluginDirs?: Array<{ dir: string; plugin: string }>;
  bundledDir?: string;
}

/**
 * Every skill root in precedence order. A folder listed twice is read once:
 * at its non-workspace level when a workspace root is also a managed (or
 * extra) root, otherwise at its highest level.
 */
export function skillRoots(sources: RootSources): SkillRoot[] {
  const { paths, workspace, config } = sources;
  const roots: SkillRoot[] = [];
  if (workspace) {
    const trusted = workspace.trust !== 'untrusted';
    roots.push({ dir: path.join(workspace.root, '.clawft', 'skills'), level: 'workspace', trusted, workspace: workspace.root });
    roots.push({ dir: path.join(workspace.root, '.agents', 'skills'), level: 'workspace', trusted, workspace: workspace.root });
  }
  roots.push({ dir: path.join(paths.clawftHome, 'skills'), level: 'managed', trusted: true });
  roots.push({ dir: path.join(paths.home, '.agents', 'skills'), level: 'managed', trusted: true });
  for (const dir of config.skills.extraDirs) roots.push({ dir, level: 'extra', trusted: true });
  for (const p of sources.pluginDirs ?? []) roots.push({ dir: p.dir, level: 'plugin', trusted: true, plugin: p.plugin });
  roots.push({ dir: sources.bundledDir ?? BUNDLED_SKILLS_DIR, level: 'bundled', trusted: true });
  return dedupe(roots);
}

function dedupe(roots: SkillRoot[]): SkillRoot[] {
  const out: SkillRoot[] = [];
  const index = new Map<string, number>();
  for (const root of roots) {
    const real = realOrResolved(root.dir);
    const at = index.get(real);
    if (at === undefined) {
      index.set(real, out.length);
      out.push(root);
    } else if (out[at]!.level === 'workspace' && root.level !== 'workspace') {
      out[at] = root;
    }
  }
  return out;
}
