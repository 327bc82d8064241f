import { requireConfig } from '../config/load.js';
import { formatDiagnostic, hasErrors } from '../plugin/diagnostic.js';
import { UsageError } from '../plugin/errors.js';
import { ExitCode } from '../plugin/exit-codes.js';
import type { ConfigJson } from '../plugin/output.js';
import type { CommandModule } from './command.js';
import { loadContext } from './context.js';
import { emit, writeDiagnostics } from './report.js';

const command: CommandModule = {
  name: 'config',
  usage: 'weft config [show|check|path] [--json]',
  description: 'Show the effective configuration (home config, then a trusted workspace config over it), check it, or print where it lives.',
  flags: {},
  async run(input) {
    const sub = input.args[0] ?? 'show';
    if (input.args.length > 1) throw new UsageError(`unexpected argument "${input.args[1]}"`, `Usage: ${command.usage}`);
    if (sub === 'path') {
      emit(input, { path: input.paths.configFile }, (d) => d.path);
      return ExitCode.ok;
    }
    if (sub !== 'show' && sub !== 'check') {
      throw new UsageError(`unknown subcommand "config ${sub}"`, 'Use one of: show, check, path.');
    }
    const { config: loaded } = await loadContext(input.paths);
    if (sub === 'check') {
      const ok = !hasErrors(loaded.diagnostics);
      emit(input, { valid: ok, files: loaded.files }, (d) =>
        [...loaded.diagnostics.map(formatDiagnostic), d.valid ? `configuration ok (${d.files.length} file(s))` : 'configuration has errors'].join('\n'),
        loaded.diagnostics);
      return ok ? ExitCode.ok : ExitCode.error;
    }
    if (!input.json) writeDiagnostics(input.stderr, loaded.diagnostics.filter((d) => d.severity !== 'error'));
    // Shown in the file's shape: the routes live under providers there.
    const { routes, ...rest } = requireConfig(loaded);
    const config = { ...rest, providers: { ...rest.providers, ...(Object.keys(routes).length ? { routes } : {}) } };
    const data: ConfigJson = { files: loaded.files, config };
    emit(input, data, (d) => {
      const files = d.files.length === 0 ? '# no config files; defaults apply' :
        d.files.map((f) => `# ${f.scope}: ${f.path}${f.applied ? '' : ` (not applied: ${f.reason ?? 'has errors'})`}`).join('\n');
      return `${files}\n${JSON.stringify(d.config, null, 2)}`;
    }, loaded.diagnostics);
    return ExitCode.ok;
  },
};

export default command;
