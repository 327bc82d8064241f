/** A model provider entry; `apiKeyEnv` names the variable holding the key. */
export interface ProviderConfig {
  api: 'openai' | 'anthropic';
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
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
}

export const DEFAULT_CONFIG: WeftConfig = Object.freeze({
  skills: { extraDirs: [] },
  commands: { aliases: {} },
  watch: { debounceMs: 60, maxWaitMs: 500 },
  sandbox: { maxPluginBytes: 300 * 1024, maxPluginGzipBytes: 120 * 1024, nativeTimeoutMs: 60_000, plugins: {} },
  providers: {},
}) as WeftConfig;

/** The config file as written, after validation (unknown keys removed). */
export interface ConfigFileContent {
  skills?: { extraDirs?: string[] };
  commands?: { aliases?: Record<string, string> };
  watch?: Partial<WatchConfig>;
  sandbox?: Partial<SandboxConfig>;
  providers?: Record<string, ProviderConfig>;
}
