import path from 'node:path';
import { formatDiagnostic } from '../../plugin/diagnostic.js';
import { UsageError, WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { installFolder, pathExists, removeFolder, withRootLock } from '../../plugin/folders/install.js';
import { PLUGIN_ID } from '../../plugin/manifest/normalize-fields.js';
import { requireConfig } from '../../config/load.js';
import { admissionLimits } from '../../sandbox/admission/index.js';
import { readPlugin, verifyPluginTools } from '../../sandbox/catalogue/index.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';
import { grant } from './approve.js';
import { pluginJson } from './list.js';
import { findPlugin, managedPluginRoot, pluginContext } from './load.js';

export async function installCommand(input: CommandInput): Promise<number> {
  const source = input.args[1];
  if (!source || input.args.length > 2) throw new UsageError('weft plugin install takes one plugin folder', 'Usage: weft plugin install <dir> [--yes] [--force]');
  const ctx = await pluginContext(input);
  const from = path.resolve(input.paths.cwd, source);
  const checked = await readPlugin(from, 'managed', admissionLimits(requireConfig(ctx.config).sandbox));
  if (checked.state !== 'invalid') checked.diagnostics.push(...(await verifyPluginTools(checked, ctx.paths.clawftHome, admissionLimits(requireConfig(ctx.config).sandbox).maxBytes)));
  if (checked.state === 'invalid' || !checked.manifest || checked.diagnostics.some((d) => d.severity === 'error')) {
    throw new WeftError(`${from} is not a valid plugin; not installed:\n${checked.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n')}`,
      { code: checked.diagnostics[0]?.code ?? 'plugin-invalid', file: from, fix: 'Fix the problems above (`weft plugin check <dir>`), then install again.' });
  }
  const root = managedPluginRoot(ctx);
  const id = checked.manifest.id;
  await withRootLock(root, async () => {
    if ((await pathExists(path.join(root, id))) && !input.flags.force) {
      throw new WeftError(`plugin ${id} is already installed`, { code: 'plugin-exists', file: path.join(root, id), value: id,
        fix: 'Add --force to replace it (its approval carries over only if it asks for nothing new).' });
    }
    await installFolder(from, root, id);
  });
  const record = await findPlugin(ctx, id);
  if (record.state !== 'approved' && (input.flags.yes || process.stdin.isTTY)) await grant(ctx, input, record);
  const final = await findPlugin(ctx, id);
  emit(input, pluginJson(final), (p) => `installed ${p.id} ${p.version ?? ''} at ${p.dir}; ${p.state === 'approved' ? 'approved' : 'awaiting approval: run `weft plugin approve ' + p.id + '`'}`);
  return ExitCode.ok;
}

export async function removeCommand(input: CommandInput): Promise<number> {
  const id = input.args[1];
  if (!id || input.args.length > 2) throw new UsageError('weft plugin remove takes one plugin id', 'Usage: weft plugin remove <id>');
  if (!PLUGIN_ID.test(id) || id.includes('..') || id.includes('/')) {
    throw new WeftError(`"${id}" is not a plugin id`, { code: 'plugin-id-invalid', value: id, fix: 'Give the id as `weft plugin list` shows it.' });
  }
  const ctx = await pluginContext(input);
  const root = managedPluginRoot(ctx);
  if (!(await pathExists(path.join(root, id)))) {
    throw new WeftError(`no installed plugin "${id}" in ${root}`, { code: 'plugin-not-found', value: id, fix: 'Only plugins in $CLAWFT_HOME/plugins can be removed; see `weft plugin list`.' });
  }
  const dir = await withRootLock(root, () => removeFolder(root, id));
  await ctx.approvals.revokePlugin(id);
  emit(input, { id, path: dir }, (d) => `removed ${d.id} (${d.path}) and its approval`);
  return ExitCode.ok;
}
