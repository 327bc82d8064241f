/**
 * The tools check: what a component's list-tools reports must be what its
 * manifest declares, tool by tool (names and input schemas; descriptions are
 * free to differ). list-tools runs in a throwaway worker with default limits
 * and a host that denies every call, so the check itself cannot reach out.
 */
import { defaultResourceLimits } from '../../plugin/manifest/limits.js';
import type { ManifestTool } from '../../plugin/manifest/types.js';
import type { CacheEntry } from './cache.js';
import type { HostHandler } from './host-bridge-types.js';
import { PluginInstance } from './plugin.js';
import type { WorkerSource } from './pool.js';
import type { GuestToolInfo } from './protocol.js';

export interface ToolDifference {
  kind: 'missing' | 'extra' | 'schema' | 'invalid';
  tool: string;
  message: string;
}

export type ToolsCheck = { ok: true; tools: GuestToolInfo[] } | { ok: false; differences: ToolDifference[] };

const denying: HostHandler = async (call) => ({ ok: false, error: `${call.fn} is not available while weft checks the plugin's tools` });

/**
 * Runs list-tools on a staged (or cached) entry and compares it with the
 * manifest. `workers` may hand over a worker started earlier (so its boot
 * overlaps the transpile); whatever worker is used is terminated afterwards.
 */
export async function verifyTools(
  entry: CacheEntry, manifestTools: readonly ManifestTool[], workers?: WorkerSource, maxMemoryMb?: number,
): Promise<ToolsCheck> {
  // Default limits, except that a plugin granted more memory than the default (its initial
  // memory may need it) is not refused here for a reason that has nothing to do with its tools.
  const limits = defaultResourceLimits();
  limits.max_memory_mb = Math.max(limits.max_memory_mb, maxMemoryMb ?? 0);
  const probe = new PluginInstance({ id: 'tools-check', entry, limits, host: denying, ...(workers ? { pool: workers } : {}) });
  try {
    const listed = await probe.listTools();
    if (!listed.ok) return { ok: false, differences: [{ kind: 'invalid', tool: '*', message: `list-tools failed: ${listed.error}` }] };
    const differences = compareTools(listed.tools, manifestTools);
    return differences.length ? { ok: false, differences } : { ok: true, tools: listed.tools };
  } finally {
    await probe.dispose();
  }
}

/** Every way the component's tools differ from the manifest's, in a stable order. */
export function compareTools(listed: readonly GuestToolInfo[], declared: readonly ManifestTool[]): ToolDifference[] {
  const differences: ToolDifference[] = [];
  const reported = new Map<string, GuestToolInfo>();
  for (const tool of listed) {
    if (reported.has(tool.name)) differences.push({ kind: 'invalid', tool: tool.name, message: `list-tools reports ${tool.name} more than once` });
    reported.set(tool.name, tool);
  }
  const names = new Set(declared.map((t) => t.name));
  for (const tool of declared) {
    const actual = reported.get(tool.name);
    if (!actual) {
      differences.push({ kind: 'missing', tool: tool.name, message: `the manifest declares ${tool.name}, but list-tools does not report it` });
      continue;
    }
    let schema: unknown;
    try {
      schema = JSON.parse(actual.inputSchema);
    } catch {
      differences.push({ kind: 'invalid', tool: tool.name, message: `list-tools reports an input schema for ${tool.name} that is not JSON` });
      continue;
    }
    if (canonical(schema) !== canonical(tool.input_schema)) {
      differences.push({ kind: 'schema', tool: tool.name, message: `the input schema of ${tool.name} differs: list-tools reports ${canonical(schema)}, the manifest declares ${canonical(tool.input_schema)}` });
    }
  }
  for (const tool of listed) {
    if (!names.has(tool.name)) differences.push({ kind: 'extra', tool: tool.name, message: `list-tools reports ${tool.name}, which the manifest does not declare` });
  }
  return differences;
}

/** JSON with object keys sorted at every level: equal texts mean deep-equal values, key order aside. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v);
}
