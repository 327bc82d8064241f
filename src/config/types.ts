/** A model provider entry; `apiKeyEnv` names the variable holding the key. */
export interface ProviderConfig {
  api: 'openai' | 'anthropic';
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
  /** Most tokens one reply may have (else agent.maxTokens). */
  maxTokens?: number;
}

/** A route's target: a provider by name, with its own model unless one is given. */
export type RouteTarget = string | { provider: string; model?: string };

/** `providers.routes`: which provider answers which kind of input. */
export interface RoutesConfig {
  default?: RouteTarget;
  chat?: RouteTarget;
  skill?: RouteTarget;
}

/** The agent's turn limits. */
export interface AgentConfig {
  maxTurns: number;
  maxTokens: number;
  contextTokens: number;
  catalogChars: number;
  /** A stream silent this long has failed (ms). */
  idleTimeoutMs: number;
}

/** What the user lets one plugin do beyond its manifest (home config only). */
export interface PluginExceptions {
  /** `IP:PORT` literals reachable although private or loopback. */
  allowAddresses?: string[];
  /** Deny-listed environment variables this plugin may read. */
  allowEnv?: string[];
}

export interface SandboxConfig {
  maxPluginBytes: number;
  maxPluginGzipBytes: number;
  /** Deadline of one native-command skill call (ms). */
  nativeTimeoutMs: number;
  plugins: Record<string, PluginExceptions>;
}

/** The live registry's file-change settling (ms). */
export interface WatchConfig {
  debounceMs: number;
  maxWaitMs: number;
}

/** The effective configuration, every default filled in. */
export interface WeftConfig {
  skills: { extraDirs: string[] };
  commands: { aliases: Record<string, string> };
  watch: WatchConfig;
  sandbox: SandboxConfig;
  providers: Record<string, ProviderConfig>;
  routes: RoutesConfig;
  agent: AgentConfig;
}

export const DEFAULT_CONFIG: WeftConfig = Object.freeze({
  skills: { extraDirs: [] },
  commands: { aliases: {} },
  watch: { debounceMs: 60, maxWaitMs: 500 },
  sandbox: { maxPluginBytes: 300 * 1024, maxPluginGzipBytes: 120 * 1024, nativeTimeoutMs: 60_000, plugins: {} },
  providers: {},
  routes: {},
  agent: { maxTurns: 20, maxTokens: 4096, contextTokens: 100_000, catalogChars: 30_000, idleTimeoutMs: 300_000 },
}) as WeftConfig;

/** The config file as written, after validation (unknown keys removed). */
export interface ConfigFileContent {
  skills?: { extraDirs?: string[] };
  commands?: { aliases?: Record<string, string> };
  watch?: Partial<WatchConfig>;
  sandbox?: Partial<SandboxConfig>;
  /** Provider entries by name; the key `routes` holds the routes. */
  providers?: Record<string, ProviderConfig> & { routes?: RoutesConfig };
  agent?: Partial<AgentConfig>;
}
