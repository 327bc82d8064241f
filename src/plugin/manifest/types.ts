/**
 * The normalised plugin manifest: what `clawft.plugin.json` / `.yaml` mean
 * once parsed, with every default filled in explicitly. Field names follow
 * the file format (snake_case) so a manifest round-trips unchanged.
 */
import type { JsonSchema } from '../json-schema.js';

export const CAPABILITIES = ['tool', 'channel', 'pipeline_stage', 'skill', 'memory_backend', 'voice'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Capabilities a plugin can be loaded for today; the rest are reserved. */
export const SUPPORTED_CAPABILITIES: readonly Capability[] = ['tool', 'skill'];

export type FileAccess = 'read' | 'write';

export interface FilesystemPermission {
  /** Absolute, `~/…` or `$WORKSPACE/…`, as written (never relative). */
  path: string;
  access: FileAccess;
}

export interface PluginPermissions {
  /** Host patterns: `api.example.com` or `*.example.com`. */
  network: string[];
  filesystem: FilesystemPermission[];
  env_vars: string[];
  /** Only meaningful for native-command skills the plugin ships. */
  shell: boolean;
}

export interface ResourceLimits {
  max_fuel: number;
  max_memory_mb: number;
  max_execution_seconds: number;
  max_http_requests_per_minute: number;
  max_log_messages_per_minute: number;
}

export interface ManifestTool {
  name: string;
  description?: string;
  input_schema: JsonSchema;
}

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  description?: string;
  capabilities: Capability[];
  permissions: PluginPermissions;
  resources: ResourceLimits;
  /** Path of the component, relative to the manifest's folder. */
  wasm_module?: string;
  /** Skill folders the plugin ships, relative to the manifest's folder. */
  skills: string[];
  tools: ManifestTool[];
}
