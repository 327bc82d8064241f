/**
 * OpenAI-compatible Chat Completions (OpenAI, OpenRouter, Ollama, vLLM,
 * llama.cpp, LM Studio), streaming: the request in that wire format, the
 * SSE deltas turned into text and whole tool calls (their arguments arrive
 * in pieces, by index), retries on 429 and 5xx, clear errors otherwise.
 */
import type { ChatMessage, ToolCall } from '../messages.js';
import { DEFAULT_RETRY, retryable, retryDelay, type RetryPolicy } from '../retry.js';
import { readSse } from '../sse.js';
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

export function openaiBody(req: TransportRequest): Record<string, unknown> {
  return {
    model: req.model, stream: true, max_tokens: req.maxTokens, messages: wireMessages(req.system, req.messages),
    ...(req.tools.length ? { tools: req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } })) } : {}),
  };
}

async function send(endpoint: ProviderEndpoint, req: TransportRequest, policy: RetryPolicy, sleep: (ms: number) => Promise<void>): Promise<Response> {
  const doFetch = endpoint.fetch ?? fetch;
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST', body: JSON.stringify(openaiBody(req)), ...(req.signal ? { signal: req.signal } : {}),
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
      });
    } catch (error) {
      if (req.signal?.aborted) throw error;
      if (attempt >= policy.attempts) throw new ProviderError(`could not reach ${endpoint.baseUrl}: ${(error as Error).message}`, undefined, 'network');
      await sleep(retryDelay(attempt, null, policy));
      continue;
    }
    if (res.ok) return res;
    const detail = (await res.text().catch(() => '')).slice(0, 500);
    if (retryable(res.status) && attempt < policy.attempts) {
      await sleep(retryDelay(attempt, res.headers.get('retry-after'), policy));
      continue;
    }
    if (res.status === 401 || res.status === 403) {
      throw new ProviderError(`${endpoint.baseUrl} refused the key (HTTP ${res.status}); check ${endpoint.apiKeyEnv ? `the variable ${endpoint.apiKeyEnv}` : 'the provider\'s apiKeyEnv in config'}`, res.status, 'auth');
    }
    throw new ProviderError(`${endpoint.baseUrl} answered HTTP ${res.status}: ${detail}`, res.status, retryable(res.status) ? 'unavailable' : 'rejected');
  }
}

export async function* openaiChat(endpoint: ProviderEndpoint, req: TransportRequest, policy = DEFAULT_RETRY, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): AsyncGenerator<TransportEvent> {
  const res = await send(endpoint, req, policy, sleep);
  if (!res.body) throw new ProviderError(`${endpoint.baseUrl} sent no body`, res.status, 'protocol');
  const calls = new Map<number, { id: string; name: string; args: string }>();
  let stopReason = 'stop';
  for await (const e of readSse(res.body, req.signal)) {
    if (e.data === '[DONE]') break;
    let chunk: { choices?: Array<{ delta?: { content?: string | null; tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }> }; finish_reason?: string | null }> };
    try {
      chunk = JSON.parse(e.data) as typeof chunk;
    } catch {
      throw new ProviderError(`${endpoint.baseUrl} sent a stream event that is not JSON: ${e.data.slice(0, 200)}`, res.status, 'protocol');
    }
    const choice = chunk.choices?.[0];
    if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
    for (const d of choice?.delta?.tool_calls ?? []) {
      const call = calls.get(d.index) ?? { id: '', name: '', args: '' };
      if (d.id) call.id = d.id;
      if (d.function?.name) call.name += d.function.name;
      if (d.function?.arguments) call.args += d.function.arguments;
      calls.set(d.index, call);
    }
    if (choice?.finish_reason) stopReason = choice.finish_reason;
  }
  if (req.signal?.aborted) return;
  for (const [, c] of [...calls].sort(([a], [b]) => a - b)) {
    let args: unknown;
    try {
      args = c.args ? JSON.parse(c.args) : {};
    } catch {
      throw new ProviderError(`the model's call of ${c.name} has arguments that are not JSON: ${c.args.slice(0, 200)}`, undefined, 'protocol');
    }
    const call: ToolCall = { id: c.id, name: c.name, arguments: (args && typeof args === 'object' && !Array.isArray(args) ? args : {}) as Record<string, unknown> };
    yield { type: 'tool_call', call };
  }
  yield { type: 'done', stopReason };
}
