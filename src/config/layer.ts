import type { Diagnostic } from '../plugin/diagnostic.js';
import { expandHome } from './paths.js';
import { DEFAULT_CONFIG, type ConfigFileContent, type SandboxConfig, type WeftConfig } from './types.js';

export interface LayerSource {
  file: string;
  content: ConfigFileContent;
  /** Relative paths in this file resolve against this folder. */
  base: string;
}

/** Home config over the defaults: every key may be set. */
export function applyHome(source: LayerSource | undefined, home: string): WeftConfig {
  const c = source?.content ?? {};
  const base = source?.base ?? home;
  return {
    skills: { extraDirs: (c.skills?.extraDirs ?? []).map((d) => expandHome(d, home, base)) },
    commands: { aliases: { ...(c.commands?.aliases ?? {}) } },
    watch: { ...DEFAULT_CONFIG.watch, ...(c.watch ?? {}) },
    sandbox: { ...DEFAULT_CONFIG.sandbox, ...(c.sandbox ?? {}), plugins: { ...(c.sandbox?.plugins ?? {}) } },
    providers: { ...(c.providers ?? {}) },
  };
}

function widenWarning(file: string, field: string, problem: string): Diagnostic {
  return {
    code: 'config-widen-ignored', severity: 'warning', file, field, problem,
    fix: `Remove ${field} from the workspace config; set it in $CLAWFT_HOME/config.json if you mean it.`,
  };
}

/**
 * A trusted workspace's config over the home layer. It may add skill dirs
 * and aliases and may tighten the sandbox, but never widen sandbox limits
 * or touch providers (a cloned repo must not redirect keys or loosen limits).
 */
export function applyWorkspace(
  layer: WeftConfig, source: LayerSource, home: string,
): { config: WeftConfig; diagnostics: Diagnostic[] } {
  const c = source.content;
  const diagnostics: Diagnostic[] = [];
  const sandbox: SandboxConfig = { ...layer.sandbox };
  const { plugins, ...limits } = c.sandbox ?? {};
  if (plugins && Object.keys(plugins).length > 0) {
    diagnostics.push(widenWarning(source.file, 'sandbox.plugins',
      'a workspace config cannot grant plugins exceptions (addresses, environment variables), so sandbox.plugins is ignored'));
  }
  for (const [key, value] of Object.entries(limits) as Array<['maxPluginBytes' | 'maxPluginGzipBytes' | 'nativeTimeoutMs', number]>) {
    if (value <= layer.sandbox[key]) sandbox[key] = value;
    else diagnostics.push(widenWarning(source.file, `sandbox.${key}`,
      `sandbox.${key} is ${value}, above the ${layer.sandbox[key]} of your home config; a workspace config cannot widen the sandbox, so it is ignored`));
  }
  if (c.providers && Object.keys(c.providers).length > 0) {
    diagnostics.push(widenWarning(source.file, 'providers',
      'a workspace config cannot change model providers (it could send your keys elsewhere), so providers is ignored'));
  }
  const config: WeftConfig = {
    skills: { extraDirs: [...(c.skills?.extraDirs ?? []).map((d) => expandHome(d, home, source.base)), ...layer.skills.extraDirs] },
    commands: { aliases: { ...layer.commands.aliases, ...(c.commands?.aliases ?? {}) } },
    watch: { ...layer.watch, ...(c.watch ?? {}) },
    sandbox,
    providers: layer.providers,
  };
  return { config, diagnostics };
}
