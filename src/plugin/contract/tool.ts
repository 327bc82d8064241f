import type { JsonSchema } from '../json-schema.js';

/** Where a call comes from; approvals and audit records name it. */
export type CallOrigin = 'repl' | 'scripted' | 'mcp' | 'agent' | 'channel';

/** What a tool receives besides its arguments. */
export interface ToolContext {
  /** Aborted when the user cancels or the deadline passes. */
  signal: AbortSignal;
  /** The workspace root the call runs in (the cwd of native commands). */
  workspace: string;
  origin: CallOrigin;
  /** Registry generation the call started on; the whole call stays on it. */
  generation: number;
  /** Progress and log lines for the UI; never part of the result. */
  log(message: string): void;
}

export type ToolResult =
  | { ok: true; content: string; truncated?: boolean }
  | { ok: false; error: string; kind: ToolFailureKind };

/** Why a tool failed; `fuel`, `memory` and `deadline` are resource exhaustion. */
export type ToolFailureKind =
  | 'error'
  | 'invalid-arguments'
  | 'permission-denied'
  | 'approval-required'
  | 'fuel'
  | 'memory'
  | 'deadline'
  | 'cancelled';

/** A callable tool, whoever provides it (skill, plugin, built-in). */
export interface Tool {
  /** The id from the naming rules: a skill's name, or `<plugin id>/<tool>`. */
  id: string;
  description: string;
  /** JSON Schema of the arguments, advertised exactly as written. */
  inputSchema: JsonSchema;
  execute(args: Record<string, unknown>, context: ToolContext): Promise<ToolResult>;
}
