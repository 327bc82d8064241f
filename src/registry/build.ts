/**
 * Building one snapshot, off to the side: workspace and trust, config (the
 * last good one when an edit broke it), plugins, skill roots (plugin-shipped
 * ones included), cached discovery, native approvals, tools, names. Nothing
 * here publishes; registry.ts decides whether and when to swap it in.
 */
import path from 'node:path';
import { loadConfig, workspaceConfigFile } from '../config/load.js';
import type { WeftPaths } from '../config/paths.js';
import { workspaceTrust } from '../config/trust.js';
import { DEFAULT_CONFIG, type WeftConfig } from '../config/types.js';
import { findWorkspace } from '../config/workspace.js';
import type { ApprovalsStore } from '../plugin/approvals/index.js';
import type { Diagnostic } from '../plugin/diagnostic.js';
import { admissionLimits } from '../sandbox/admission/index.js';
import { pluginFolders, type PluginRecord } from '../sandbox/catalogue/index.js';
import { skillRoots, type SkillRoot } from '../skills/discovery/roots.js';
import type { SkillIndex } from '../skills/discovery/types.js';
import type { EligibilityEnv } from '../skills/eligibility.js';
import { discoverCached } from './discover.js';
import { resolveNames } from './names.js';
import { BUILTIN_SLASH_NAMES } from '../plugin/naming/index.js';
import type { PluginCache } from './plugin-cache.js';
import type { SkillCache } from './skill-cache.js';
import { PLUGIN_FOLDER_DEPTH, SKILL_ROOT_DEPTH, type WatchTargets } from './targets.js';
import { buildTools } from './tools.js';
import type { RegistrySnapshot } from './types.js';

export interface BuildContext {
  paths: WeftPaths;
  approvals: ApprovalsStore;
  skillCache: SkillCache;
  pluginCache: PluginCache;
  /** The config of the last good build: kept while an edit leaves a config file broken. */
  lastGood?: LastGoodConfig;
  bundledDir?: string;
  eligibility?: EligibilityEnv;
}

/** What the last build with valid config files had, and for which workspace and trust. */
export interface LastGoodConfig {
  config: WeftConfig;
  /** Its home layer alone. */
  home: WeftConfig | undefined;
  /** Workspace root and trust it was layered for. */
  workspaceKey: string;
}

export interface Built {
  /** The snapshot with `id` still 0: the registry numbers what it publishes. */
  snapshot: RegistrySnapshot;
  components: ReadonlyMap<string, Uint8Array>;
  /** Set when the config files loaded without errors: the next build's fallback. */
  lastGood?: LastGoodConfig;
  /** What the watcher should watch for this snapshot. */
  targets: WatchTargets;
}

function watchTargets(paths: WeftPaths, roots: readonly SkillRoot[], folders: ReadonlyArray<{ dir: string }>, workspace: string | null): WatchTargets {
  return {
    dirs: [
      ...roots.map((r) => ({ dir: r.dir, depth: SKILL_ROOT_DEPTH })),
      ...folders.map((f) => ({ dir: f.dir, depth: PLUGIN_FOLDER_DEPTH })),
    ],
    // SOUL.md: whether the workspace needs trust at all depends on it.
    files: [paths.configFile, paths.approvalsFile, ...(workspace ? [workspaceConfigFile(workspace), path.join(workspace, 'SOUL.md')] : [])],
  };
}

function configKept(file: string): Diagnostic {
  return {
    code: 'config-kept', severity: 'warning', file,
    problem: 'the configuration has errors, so the last good configuration stays in effect',
    fix: 'Fix the errors reported for the config file; the new configuration applies as soon as it is saved.',
  };
}

/** A build that threw: the registry keeps the previous snapshot and reports this. */
export function reloadFailed(error: unknown, file: string): Diagnostic {
  return {
    code: 'reload-failed', severity: 'error', file,
    problem: `reloading failed (${error instanceof Error ? error.message : String(error)}); the previous snapshot stays live`,
    fix: 'Fix the cause, then save any watched file (or run /reload) to try again.',
  };
}

/** Plugin-shipped skill roots: the `skills` folders of every readable plugin declaring capability `skill`. */
function pluginSkillDirs(records: readonly PluginRecord[]): Array<{ dir: string; plugin: string }> {
  return records.flatMap((r) => (r.manifest && r.state !== 'invalid' && r.state !== 'untrusted' && r.manifest.capabilities.includes('skill')
    ? r.manifest.skills.map((s) => ({ dir: path.join(r.dir, s), plugin: r.manifest!.id }))
    : []));
}

/** Native-command skill folders approved exactly as they are now → that content hash (bundled ones need no approval). */
async function approvedNative(index: SkillIndex, approvals: ApprovalsStore): Promise<Map<string, string>> {
  const native = [...index.active.values()].filter((e) => e.skill.weftTool?.kind === 'native' && e.level !== 'bundled');
  const approved = new Map<string, string>();
  await Promise.all(native.map(async (e) => {
    // A folder that cannot be hashed (a symlink inside) is simply not approved.
    const status = await approvals.skillStatus(e.skill.dir).catch(() => undefined);
    if (status?.approved) approved.set(e.skill.dir, status.contentHash);
  }));
  return approved;
}

export async function buildSnapshot(ctx: BuildContext): Promise<Built> {
  const { paths, approvals } = ctx;
  const workspace = await workspaceTrust(findWorkspace(paths), approvals);
  const workspaceKey = workspace ? JSON.stringify([workspace.root, workspace.trust !== 'untrusted']) : '';
  const loaded = await loadConfig(paths, workspace && { root: workspace.root, trusted: workspace.trust !== 'untrusted' }, ctx.lastGood?.home);
  // A broken file keeps the last good config, unless trust or the workspace changed since:
  // then what trust now allows is re-layered over the last good home config.
  const kept = ctx.lastGood?.workspaceKey === workspaceKey ? ctx.lastGood.config : loaded.kept;
  const config = loaded.config ?? kept ?? structuredClone(DEFAULT_CONFIG); // a copy: snapshots are deep-frozen
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (!loaded.config) diagnostics.push(configKept(loaded.files.find((f) => !f.applied)?.path ?? paths.configFile));

  const folders = pluginFolders(paths, workspace);
  const scanned = await ctx.pluginCache.scan(folders, approvals, admissionLimits(config.sandbox));
  const roots = skillRoots({
    paths, workspace, config, pluginDirs: pluginSkillDirs(scanned.records), ...(ctx.bundledDir ? { bundledDir: ctx.bundledDir } : {}),
  });
  const found = discoverCached(roots, ctx.skillCache, ctx.eligibility);
  const nativeApprovals = await approvedNative(found.index, approvals);
  const keptSkills = new Set(found.broken.filter((d) => d.code === 'kept-last-good').map((d) => d.file));
  const tools = buildTools({ index: found.index, plugins: scanned.records, versions: found.versions, approvedNative: nativeApprovals, kept: keptSkills });
  const names = resolveNames(tools, config.commands.aliases, paths.configFile, {
    builtins: BUILTIN_SLASH_NAMES,
    onSlash: (t) => t.origin !== 'skill' || found.index.active.get(t.id)?.skill.userInvocable !== false,
  });
  diagnostics.push(
    ...found.index.diagnostics,
    ...found.index.skills.flatMap((s) => s.skill.diagnostics),
    ...found.index.collisions.map((c) => c.diagnostic),
    ...found.broken,
    ...scanned.records.flatMap((r) => r.diagnostics),
    ...names.diagnostics,
  );
  const snapshot: RegistrySnapshot = {
    id: 0, config, workspace, skills: found.index, plugins: scanned.records, tools, slash: names.slash, slashConflicts: names.slashConflicts, diagnostics, nativeApprovals, builtAt: Date.now(),
  };
  const targets = watchTargets(paths, roots, folders, workspace?.root ?? null);
  const lastGood = loaded.config ? { lastGood: { config: loaded.config, home: loaded.home, workspaceKey } } : {};
  return { snapshot, components: scanned.components, targets, ...lastGood };
}
