/**
 * Resource limits a plugin may ask for: the default weft fills in when the
 * manifest is silent, and the allowed range. A value outside the range is an
 * error, never clamped, so a plugin never runs with less than it expects.
 */
import type { PluginPermissions, ResourceLimits } from './types.js';

export interface ResourceLimitSpec {
  readonly default: number;
  readonly min: number;
  /** The cap: the most any plugin may ask for. */
  readonly max: number;
  /** What one unit is, for messages and docs. */
  readonly unit: string;
}

export const RESOURCE_LIMITS: { readonly [K in keyof ResourceLimits]: ResourceLimitSpec } = {
  max_fuel: { default: 1e9, min: 1, max: 1e11, unit: 'fuel units, about one per wasm instruction' },
  max_memory_mb: { default: 16, min: 1, max: 256, unit: 'MiB of linear memory' },
  max_execution_seconds: { default: 30, min: 1, max: 300, unit: 'seconds per call' },
  max_http_requests_per_minute: { default: 10, min: 1, max: 600, unit: 'HTTP requests per minute' },
  max_log_messages_per_minute: { default: 100, min: 1, max: 6000, unit: 'log messages per minute' },
};

export const RESOURCE_LIMIT_KEYS = Object.keys(RESOURCE_LIMITS) as (keyof ResourceLimits)[];

export function defaultResourceLimits(): ResourceLimits {
  return {
    max_fuel: RESOURCE_LIMITS.max_fuel.default,
    max_memory_mb: RESOURCE_LIMITS.max_memory_mb.default,
    max_execution_seconds: RESOURCE_LIMITS.max_execution_seconds.default,
    max_http_requests_per_minute: RESOURCE_LIMITS.max_http_requests_per_minute.default,
    max_log_messages_per_minute: RESOURCE_LIMITS.max_log_messages_per_minute.default,
  };
}

/** No permissions at all: what a manifest without `permissions` asks for. */
export function emptyPermissions(): PluginPermissions {
  return { network: [], filesystem: [], env_vars: [], shell: false };
}
