import type { ChatMessage, ToolCall } from '../messages.js';
import type { JsonSchema } from '../../plugin/json-schema.js';

export interface ModelTool {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export interface TransportRequest {
  model: string;
  system: string;
  messages: ChatMessage[];
  tools: ModelTool[];
  maxTokens: number;
  signal?: AbortSignal;
  /** A stream that sends nothing this long has failed (default: no limit). */
  idleTimeoutMs?: number;
}

export type TransportEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'done'; stopReason: string };

/** How weft reaches a provider: its base URL, the key (never logged), and the fetch to use (injected in tests). */
export interface ProviderEndpoint {
  baseUrl: string;
  apiKey?: string;
  /** The variable the key came from, to name in errors (never the key itself). */
  apiKeyEnv?: string;
  fetch?: typeof fetch;
}

export class ProviderError extends Error {
  constructor(message: string, readonly status: number | undefined, readonly kind: 'auth' | 'rejected' | 'unavailable' | 'network' | 'protocol') {
    super(message);
    this.name = 'ProviderError';
  }
}
