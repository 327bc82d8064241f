import { statSync } from 'node:fs';
import path from 'node:path';
import { requireConfig } from '../../config/load.js';
import { formatDiagnostic, hasErrors } from '../../plugin/diagnostic.js';
import { UsageError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { parseManifestFile } from '../../plugin/manifest/parse.js';
import type { ManifestCheckJson } from '../../plugin/output.js';
import { admissionLimits } from '../../sandbox/admission/index.js';
import { readPlugin, verifyPluginTools, type PluginRecord } from '../../sandbox/catalogue/index.js';
import type { CommandInput } from '../command.js';
import { loadContext } from '../context.js';
import { emit } from '../report.js';
import { permissionLines } from './describe.js';

/**
 * `weft plugin check <dir|manifest>`: admission without installing: the
 * manifest, the component's size, format and imports, the tools check
 * (list-tools against the manifest, in a worker that is denied everything),
 * and the permissions it asks. A manifest file alone checks just the manifest.
 */
export async function checkCommand(input: CommandInput): Promise<number> {
  const target = input.args[1];
  if (!target || input.args.length > 2) throw new UsageError('weft plugin check takes one plugin folder or manifest file', 'Usage: weft plugin check <dir|clawft.plugin.json>');
  const resolved = path.resolve(input.paths.cwd, target);
  const isFile = (() => { try { return statSync(resolved).isFile(); } catch { return false; } })();
  const ctx = await loadContext(input.paths);
  const limits = admissionLimits(requireConfig(ctx.config).sandbox);
  const result = isFile ? await parseManifestFile(resolved) : await readPlugin(resolved, 'managed', limits);
  if (!isFile && !hasErrors(result.diagnostics)) {
    result.diagnostics.push(...(await verifyPluginTools(result as PluginRecord, input.paths.clawftHome, limits.maxBytes)));
  }
  const manifest = result.manifest;
  const valid = !hasErrors(result.diagnostics);
  const data: ManifestCheckJson = { file: resolved, valid, ...(manifest ? { manifest } : {}) };
  emit(input, data, (d) => [
    ...result.diagnostics.map(formatDiagnostic),
    ...(manifest && d.valid ? [`asks for:`, ...permissionLines(manifest.permissions).map((l) => `  ${l}`)] : []),
    d.valid ? `${target}: ok${manifest ? ` (${manifest.id} ${manifest.version})` : ''}` : `${target}: refused`,
  ].join('\n'), result.diagnostics);
  return valid ? ExitCode.ok : ExitCode.error;
}
