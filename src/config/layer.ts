import type { Diagnostic } from '../plugin/diagnostic.js';
import { expandHome } from './paths.js';
import { DEFAULT_CONFIG, type AgentConfig, type ConfigFileContent, type ProviderConfig, type SandboxConfig, type WeftConfig } from './types.js';

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
    ...splitProviders(c.providers),
    agent: { ...DEFAULT_CONFIG.agent, ...(c.agent ?? {}) },
  };
}

/** `providers` as written holds the provider entries and, under `routes`, the routes. */
function splitProviders(written: ConfigFileContent['providers']): Pick<WeftConfig, 'providers' | 'routes'> {
  const { routes, ...providers } = written ?? {};
  return { providers: providers as Record<string, ProviderConfig>, routes: { ...(routes ?? {}) } };
}

/** Values a workspace may lower but never raise: the lower ones apply, the others are reported. */
function lowerOnly<T extends object>(current: T, wanted: Partial<T>, file: string, section: string, diagnostics: Diagnostic[]): T {
  const out = { ...current };
  for (const [key, value] of Object.entries(wanted) as Array<[keyof T & string, number]>) {
    const limit = current[key] as unknown as number;
    if (value <= limit) (out as Record<string, unknown>)[key] = value;
    else diagnostics.push(widenWarning(file, `${section}.${key}`,
      `${section}.${key} is ${value}, above the ${limit} of your home config; a workspace config may only lower it, so it is ignored`));
  }
  return out;
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
 * or touch providers and routes (a cloned repo must not redirect keys or
 * loosen limits); agent limits it may only lower.
 */
export function applyWorkspace(
  layer: WeftConfig, source: LayerSource, home: string,
): { config: WeftConfig; diagnostics: Diagnostic[] } {
  const c = source.content;
  const diagnostics: Diagnostic[] = [];
  const { plugins, ...limits } = c.sandbox ?? {};
  if (plugins && Object.keys(plugins).length > 0) {
    diagnostics.push(widenWarning(source.file, 'sandbox.plugins',
      'a workspace config cannot grant plugins exceptions (addresses, environment variables), so sandbox.plugins is ignored'));
  }
  const sandbox: SandboxConfig = lowerOnly(layer.sandbox, limits, source.file, 'sandbox', diagnostics);
  const agent: AgentConfig = lowerOnly(layer.agent, c.agent ?? {}, source.file, 'agent', diagnostics);
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
    routes: layer.routes,
    agent,
  };
  return { config, diagnostics };
}
