import { statSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic, hasErrors } from '../plugin/diagnostic.js';
import { UsageError } from '../plugin/errors.js';
import { ExitCode } from '../plugin/exit-codes.js';
import { parseManifestFile, readManifest } from '../plugin/manifest/parse.js';
import type { ManifestCheckJson } from '../plugin/output.js';
import type { CommandInput, CommandModule } from './command.js';
import { emit } from './report.js';

async function check(input: CommandInput): Promise<number> {
  const target = input.args[1];
  if (!target || input.args.length > 2) throw new UsageError('weft plugin check takes one plugin folder or manifest file', 'Usage: weft plugin check <dir|clawft.plugin.json>');
  const resolved = path.resolve(input.paths.cwd, target);
  const isFile = (() => { try { return statSync(resolved).isFile(); } catch { return false; } })();
  const result = isFile ? await parseManifestFile(resolved) : await readManifest(resolved);
  const valid = !hasErrors(result.diagnostics);
  const file = result.diagnostics[0]?.file ?? resolved;
  const data: ManifestCheckJson = { file, valid, ...(result.manifest ? { manifest: result.manifest } : {}) };
  emit(input, data, (d) => [...result.diagnostics.map(formatDiagnostic),
    d.valid ? `${target}: manifest ok${result.manifest ? ` (${result.manifest.id} ${result.manifest.version})` : ''}` : `${target}: manifest has errors`].join('\n'),
  result.diagnostics);
  return valid ? ExitCode.ok : ExitCode.error;
}

const command: CommandModule = {
  name: 'plugin',
  usage: 'weft plugin check <dir|manifest>',
  description: 'Plugins: `check` validates a plugin manifest (clawft.plugin.json or .yaml) and prints every problem with its fix.',
  flags: {},
  async run(input) {
    const sub = input.args[0];
    if (sub === 'check') return check(input);
    throw new UsageError(sub ? `unknown subcommand "plugin ${sub}"` : 'weft plugin needs a subcommand', 'Use: weft plugin check <dir>.');
  },
};

export default command;
