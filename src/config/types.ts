/** A model provider entry; `apiKeyEnv` names the variable holding the key. */
export interface ProviderConfig {
  api: 'openai' | 'anthropic';
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
}

export interface SandboxConfig {
  maxPluginBytes: number;
  maxPluginGzipBytes: number;
}

/** The effective configuration, every default filled in. */
export interface WeftConfig {
  skills: { extraDirs: string[] };
  commands: { aliases: Record<string, string> };
  sandbox: SandboxConfig;
  providers: Record<string, ProviderConfig>;
}

export const DEFAULT_CONFIG: WeftConfig = Object.freeze({
  skills: { extraDirs: [] },
  commands: { aliases: {} },
  sandbox: { maxPluginBytes: 300 * 1024, maxPluginGzipBytes: 120 * 1024 },
  providers: {},
}) as WeftConfig;

/** The config file as written, after validation (unknown keys removed). */
export interface ConfigFileContent {
  skills?: { extraDirs?: string[] };
  commands?: { aliases?: Record<string, string> };
  sandbox?: Partial<SandboxConfig>;
  providers?: Record<string, ProviderConfig>;
}
