/** Why a plugin could not be loaded: each refusal is a list of diagnostics the user can act on. */
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { WeftError } from '../../plugin/errors.js';
import type { ToolDifference } from './tools-check.js';

export type PluginLoadErrorCode = 'plugin-admission' | 'plugin-transpile-failed' | 'plugin-tools-mismatch';

export class PluginLoadError extends WeftError {
  readonly diagnostics: Diagnostic[];
  /** The tools check's findings, when that is why the plugin was refused. */
  readonly differences: ToolDifference[];

  constructor(code: PluginLoadErrorCode, message: string, diagnostics: Diagnostic[], differences: ToolDifference[] = []) {
    super(message, { code, ...(diagnostics[0] ? { file: diagnostics[0].file } : {}) });
    this.name = 'PluginLoadError';
    this.diagnostics = diagnostics;
    this.differences = differences;
  }
}

export function toolsMismatch(file: string, differences: ToolDifference[]): PluginLoadError {
  const diagnostics = differences.map((d): Diagnostic => ({
    code: 'plugin-tools-mismatch', severity: 'error', file, field: d.tool === '*' ? 'tools' : `tools.${d.tool}`,
    problem: `${d.message[0]!.toUpperCase()}${d.message.slice(1)}.`,
    fix: 'Make the manifest\'s tools (names and input_schema) match what the component\'s list-tools returns, or rebuild the component.',
  }));
  const summary = differences.map((d) => d.message).join('; ');
  return new PluginLoadError('plugin-tools-mismatch', `The plugin's tools do not match its manifest: ${summary}`, diagnostics, differences);
}

export function transpileFailed(file: string, error: unknown): PluginLoadError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PluginLoadError('plugin-transpile-failed', `The component could not be transpiled: ${reason}`, [{
    code: 'plugin-transpile-failed', severity: 'error', file,
    problem: `jco-transpile could not turn the component into JavaScript: ${reason}.`,
    fix: 'Rebuild the component against wit/plugin.wit with a current toolchain.',
  }]);
}
