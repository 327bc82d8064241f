import { existsSync } from 'node:fs';
import path from 'node:path';
import { requireConfig } from '../../config/load.js';
import { recoverRoot } from '../../plugin/folders/recover.js';
import { withRootLock } from '../../plugin/folders/install.js';
import { WeftError } from '../../plugin/errors.js';
import { admissionLimits } from '../../sandbox/admission/index.js';
import { pluginFolders, scanPlugins, type PluginRecord } from '../../sandbox/catalogue/index.js';
import type { CommandInput } from '../command.js';
import { loadContext, type RunContext } from '../context.js';
import { writeDiagnostics } from '../report.js';

export function managedPluginRoot(ctx: { paths: { clawftHome: string } }): string {
  return path.join(ctx.paths.clawftHome, 'plugins');
}

/** Context for plugin commands, after crash recovery of the managed plugin root. */
export async function pluginContext(input: CommandInput): Promise<RunContext> {
  const ctx = await loadContext(input.paths);
  if (!input.json) writeDiagnostics(input.stderr, ctx.config.diagnostics.filter((d) => d.severity !== 'error'));
  requireConfig(ctx.config);
  const root = managedPluginRoot(ctx);
  if (existsSync(root)) await withRootLock(root, () => recoverRoot(root));
  return ctx;
}

export function listPlugins(ctx: RunContext): Promise<PluginRecord[]> {
  const config = requireConfig(ctx.config);
  return scanPlugins(pluginFolders(ctx.paths, ctx.workspace), ctx.approvals, admissionLimits(config.sandbox));
}

/** The plugin with this id, or an error naming the ids there are. */
export async function findPlugin(ctx: RunContext, id: string): Promise<PluginRecord> {
  const all = await listPlugins(ctx);
  const found = all.find((p) => p.id === id);
  if (found) return found;
  throw new WeftError(`no plugin "${id}"`, { code: 'plugin-not-found', value: id,
    fix: all.length > 0 ? `Known plugins: ${all.map((p) => p.id).join(', ')}.` : 'Install one with `weft plugin install <dir>`.' });
}
