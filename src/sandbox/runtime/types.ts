/** What the runtime hands back to its callers. */
import type { ToolFailureKind } from '../../plugin/contract/tool.js';

/** The result of one call-tool: the ToolResult shape plus the fuel it used. */
export type CallOutcome =
  | { ok: true; content: string; fuelUsed: bigint }
  | { ok: false; kind: ToolFailureKind; error: string; fuelUsed?: bigint };

/** One tool of a plugin, as verified against its manifest (schema parsed from the component's JSON text). */
export interface VerifiedTool {
  name: string;
  description: string;
  inputSchema: unknown;
}

/** Lifecycle of the worker behind a plugin, for logs, the audit trail and benchmarks. */
export type RuntimeEvent =
  | { type: 'worker-start'; pluginId: string; threadId: number; bootMs: number; loadMs: number }
  | { type: 'worker-exit'; pluginId: string; threadId: number; reason: 'deadline' | 'cancelled' | 'crashed' | 'load-failed' | 'disposed' };

export interface CallOptions {
  /** Aborting it terminates the plugin's worker; the call ends with kind 'cancelled'. */
  signal?: AbortSignal;
}
