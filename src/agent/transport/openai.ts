/**
 * OpenAI-compatible Chat Completions (OpenAI, OpenRouter, Ollama, vLLM,
 * llama.cpp, LM Studio), streaming: the request in that wire format, the
 * SSE deltas turned into text and whole tool calls (their arguments arrive
 * in pieces, by index), retries on 429 and 5xx, clear errors otherwise.
 */
import type { ChatMessage, ToolCall } from '../messages.js';
import { DEFAULT_RETRY } from '../retry.js';
import { readSse } from '../sse.js';
import { isJson, postWithRetries, sleepUnlessAborted, type Sleep } from './http.js';
import { ProviderError, type ProviderEndpoint, type TransportEvent, type TransportRequest } from './types.js';

function wireMessages(system: string, messages: readonly ChatMessage[]): unknown[] {
  return [{ role: 'system', content: system }, ...messages.map((m) => {
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    if (m.role === 'assistant' && m.toolCalls?.length) {
      return { role: 'assistant', content: m.content || null, tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) };
    }
    return { role: m.role, content: m.content };
  })];
}

/** OpenAI itself has replaced max_tokens (its reasoning models refuse it); compatible servers still read max_tokens. */
function limitField(baseUrl: string | undefined): 'max_tokens' | 'max_completion_tokens' {
  try {
    return baseUrl && new URL(baseUrl).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
  } catch {
    return 'max_tokens';
  }
}

export function openaiBody(req: TransportRequest, baseUrl?: string): Record<string, unknown> {
  return {
    model: req.model, stream: true, [limitField(baseUrl)]: req.maxTokens, messages: wireMessages(req.system, req.messages),
    ...(req.tools.length ? { tools: req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } })) } : {}),
  };
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

function toolCall(id: string, name: string, json: string): ToolCall {
  let args: unknown;
  try {
    args = json ? JSON.parse(json) : {};
  } catch {
    throw new ProviderError(`the model's call of ${name} has arguments that are not JSON: ${json.slice(0, 200)}`, undefined, 'protocol');
  }
  return { id, name, arguments: (args && typeof args === 'object' && !Array.isArray(args) ? args : {}) as Record<string, unknown> };
}

export async function* openaiChat(endpoint: ProviderEndpoint, req: TransportRequest, policy = DEFAULT_RETRY, sleep: Sleep = sleepUnlessAborted): AsyncGenerator<TransportEvent> {
  const res = await postWithRetries(endpoint, {
    url: `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`, body: openaiBody(req, endpoint.baseUrl), ...(req.signal ? { signal: req.signal } : {}), ...(req.idleTimeoutMs ? { timeoutMs: req.idleTimeoutMs } : {}),
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
  }, policy, sleep);
  if (!res.body) throw new ProviderError(`${endpoint.baseUrl} sent no body`, res.status, 'protocol');
  if (isJson(res)) { yield* completionEvents(endpoint, await res.json() as Completion); return; }
  const calls: PendingCall[] = [];
  const byIndex = new Map<number, PendingCall>();
  let stopReason = 'stop';
  let finished = false;
  for await (const e of readSse(res.body, req.signal, req.idleTimeoutMs)) {
    if (e.data === '[DONE]') { finished = true; break; }
    let chunk: { error?: { message?: string }; choices?: Array<{ delta?: { content?: string | null; tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }> }; finish_reason?: string | null }> };
    try {
      chunk = JSON.parse(e.data) as typeof chunk;
    } catch {
      throw new ProviderError(`${endpoint.baseUrl} sent a stream event that is not JSON: ${e.data.slice(0, 200)}`, res.status, 'protocol');
    }
    // OpenAI (and OpenRouter) report a failure after the 200 as a chunk carrying `error`
    if (chunk.error) throw new ProviderError(`${endpoint.baseUrl} failed mid-stream: ${chunk.error.message ?? JSON.stringify(chunk.error)}`, res.status, 'unavailable');
    const choice = chunk.choices?.[0];
    if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
    for (const d of choice?.delta?.tool_calls ?? []) {
      const index = d.index ?? calls.length; // older Ollama sends no index: each piece is a whole call
      let call = byIndex.get(index);
      // Ollama gives every parallel call index 0: a new id at a taken index is a new call
      if (!call || (d.id && call.id && d.id !== call.id)) {
        call = { id: '', name: '', args: '' };
        calls.push(call);
        byIndex.set(index, call);
      }
      if (d.id) call.id = d.id;
      if (d.function?.name) call.name += d.function.name;
      if (d.function?.arguments) call.args += d.function.arguments;
    }
    if (choice?.finish_reason) { stopReason = choice.finish_reason; finished = true; }
  }
  if (req.signal?.aborted) return;
  if (!finished) throw new ProviderError(`the stream from ${endpoint.baseUrl} ended before the reply did (connection cut?)`, res.status, 'network');
  for (const [i, c] of calls.entries()) {
    // a call without an id still needs one: its result must name it, and other providers refuse an empty id
    yield { type: 'tool_call', call: toolCall(c.id || `call_weft_${i}`, c.name, c.args) };
  }
  yield { type: 'done', stopReason };
}

type Completion = { choices?: Array<{ message?: { content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments?: string } }> }; finish_reason?: string | null }> };

/** Some servers (proxies, older local ones) answer a streaming request with one JSON completion: the same events from it. */
function* completionEvents(endpoint: ProviderEndpoint, completion: Completion): Generator<TransportEvent> {
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new ProviderError(`${endpoint.baseUrl} sent a completion without a message`, undefined, 'protocol');
  if (choice.message.content) yield { type: 'text', text: choice.message.content };
  for (const [i, c] of (choice.message.tool_calls ?? []).entries()) yield { type: 'tool_call', call: toolCall(c.id || `call_weft_${i}`, c.function.name, c.function.arguments ?? '') };
  yield { type: 'done', stopReason: choice.finish_reason ?? 'stop' };
}
