/**
 * Anthropic Messages API, streaming: weft's messages in that wire format
 * (tool results as `tool_result` blocks of one user message, tool calls as
 * `tool_use` blocks, roles alternating, no empty text), and the SSE events
 * turned into text and whole tool calls (their input arrives as pieces of
 * JSON per content block). Retries and errors are http.ts's.
 */
import type { ChatMessage, ToolCall } from '../messages.js';
import { DEFAULT_RETRY } from '../retry.js';
import { readSse } from '../sse.js';
import { isJson, postWithRetries, sleepUnlessAborted, type Sleep } from './http.js';
import { ProviderError, type ProviderEndpoint, type TransportEvent, type TransportRequest } from './types.js';

export const ANTHROPIC_VERSION = '2023-06-01';

type WireBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content?: string; is_error?: boolean };

export interface AnthropicWireMessage {
  role: 'user' | 'assistant';
  content: WireBlock[];
}

/** Anthropic rejects text blocks that are empty or only whitespace, so such text is left out. */
function textBlocks(text: string): WireBlock[] {
  return text.trim() ? [{ type: 'text', text }] : [];
}

function blocksOf(m: ChatMessage): WireBlock[] {
  if (m.role === 'tool') return [{ type: 'tool_result', tool_use_id: m.toolCallId, ...(m.content ? { content: m.content } : {}), ...(m.isError ? { is_error: true } : {}) }];
  if (m.role === 'user') return textBlocks(m.content);
  return [...textBlocks(m.content), ...(m.toolCalls ?? []).map((c): WireBlock => ({ type: 'tool_use', id: c.id, name: c.name, input: c.arguments }))];
}

/**
 * Consecutive messages of one wire role become one message: the results of
 * parallel tool calls must all sit in the user message right after the calls,
 * and a user's words after tool results join that same message.
 */
export function anthropicWireMessages(messages: readonly ChatMessage[]): AnthropicWireMessage[] {
  const wire: AnthropicWireMessage[] = [];
  for (const m of messages) {
    const content = blocksOf(m);
    if (content.length === 0) continue; // an empty message is rejected; dropping it keeps the rest valid
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const last = wire.at(-1);
    if (last?.role === role) last.content.push(...content);
    else wire.push({ role, content });
  }
  return wire;
}

export function anthropicBody(req: TransportRequest): Record<string, unknown> {
  return {
    model: req.model, max_tokens: req.maxTokens, ...(req.system ? { system: req.system } : {}),
    messages: anthropicWireMessages(req.messages),
    ...(req.tools.length ? { tools: req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })) } : {}),
    stream: true,
  };
}

/** `https://api.anthropic.com` and `https://api.anthropic.com/v1` both mean the same endpoint. */
export function anthropicMessagesUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
}

interface StreamEvent {
  type?: string;
  index?: number;
  content_block?: { type?: string; id?: string; name?: string; input?: unknown };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  error?: { type?: string; message?: string };
}

interface PendingToolUse {
  id: string;
  name: string;
  json: string;
  /** The input given whole in content_block_start (used when no JSON pieces follow). */
  input: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finishToolUse(block: PendingToolUse): ToolCall {
  let input: unknown = block.input;
  if (block.json) {
    try {
      input = JSON.parse(block.json);
    } catch {
      throw new ProviderError(`the model's call of ${block.name} has input that is not JSON: ${block.json.slice(0, 200)}`, undefined, 'protocol');
    }
  }
  return { id: block.id, name: block.name, arguments: isObject(input) ? input : {} };
}

/** An `error` event after the 200: overloaded and internal errors are the provider's trouble, anything else the request's. */
function streamError(baseUrl: string, error: StreamEvent['error']): ProviderError {
  const type = error?.type ?? 'error';
  const kind = type === 'overloaded_error' || type === 'api_error' ? 'unavailable' : 'rejected';
  return new ProviderError(`${baseUrl} failed mid-stream (${type}): ${error?.message ?? 'no message'}`, undefined, kind);
}

export async function* anthropicMessages(endpoint: ProviderEndpoint, req: TransportRequest, policy = DEFAULT_RETRY, sleep: Sleep = sleepUnlessAborted): AsyncGenerator<TransportEvent> {
  const res = await postWithRetries(endpoint, {
    url: anthropicMessagesUrl(endpoint.baseUrl), body: anthropicBody(req), ...(req.signal ? { signal: req.signal } : {}), ...(req.idleTimeoutMs ? { timeoutMs: req.idleTimeoutMs } : {}),
    headers: {
      'content-type': 'application/json', accept: 'text/event-stream', 'anthropic-version': ANTHROPIC_VERSION,
      ...(endpoint.apiKey ? { 'x-api-key': endpoint.apiKey } : {}),
    },
  }, policy, sleep);
  if (!res.body) throw new ProviderError(`${endpoint.baseUrl} sent no body`, res.status, 'protocol');
  if (isJson(res)) { yield* messageEvents(await res.json() as WholeMessage); return; }
  const toolUses = new Map<number, PendingToolUse>();
  let stopReason = 'end_turn';
  let stopped = false;
  for await (const e of readSse(res.body, req.signal, req.idleTimeoutMs)) {
    let event: StreamEvent;
    try {
      event = JSON.parse(e.data) as StreamEvent;
    } catch {
      throw new ProviderError(`${endpoint.baseUrl} sent a stream event that is not JSON: ${e.data.slice(0, 200)}`, res.status, 'protocol');
    }
    const index = event.index ?? 0;
    if (event.type === 'content_block_start' && event.content_block?.type === 'tool_use') {
      const block = event.content_block;
      toolUses.set(index, { id: block.id ?? '', name: block.name ?? '', json: '', input: block.input });
    } else if (event.type === 'content_block_delta') {
      if (event.delta?.type === 'text_delta' && event.delta.text) yield { type: 'text', text: event.delta.text };
      const toolUse = toolUses.get(index);
      if (event.delta?.type === 'input_json_delta' && toolUse) toolUse.json += event.delta.partial_json ?? '';
    } else if (event.type === 'content_block_stop') {
      const toolUse = toolUses.get(index);
      toolUses.delete(index);
      if (toolUse) yield { type: 'tool_call', call: finishToolUse(toolUse) };
    } else if (event.type === 'message_delta') {
      if (event.delta?.stop_reason) stopReason = event.delta.stop_reason;
    } else if (event.type === 'message_stop') {
      stopped = true;
      break;
    } else if (event.type === 'error') {
      throw streamError(endpoint.baseUrl, event.error);
    }
    // message_start, ping and blocks weft does not use (thinking) need nothing
  }
  if (req.signal?.aborted) return; // cancelled: ends quietly, no half-made tool call
  if (!stopped) throw new ProviderError(`the stream from ${endpoint.baseUrl} ended before message_stop (connection cut?)`, res.status, 'network');
  yield { type: 'done', stopReason };
}

type WholeMessage = { content?: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>; stop_reason?: string | null };

/** A server that answers a streaming request with the whole message: the same events from it. */
function* messageEvents(message: WholeMessage): Generator<TransportEvent> {
  for (const block of message.content ?? []) {
    if (block.type === 'text' && block.text) yield { type: 'text', text: block.text };
    if (block.type === 'tool_use') yield { type: 'tool_call', call: finishToolUse({ id: block.id ?? '', name: block.name ?? '', json: '', input: block.input }) };
  }
  yield { type: 'done', stopReason: message.stop_reason ?? 'end_turn' };
}
