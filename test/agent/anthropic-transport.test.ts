// The Anthropic Messages transport against the fake provider on 127.0.0.1: the
// request mapping (checked by the fake's validator too), the SSE events turned
// into text and whole tool calls, retries, errors and cancellation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anthropicBody, anthropicMessages, anthropicMessagesUrl } from '../../src/agent/transport/anthropic.js';
import { ProviderError, type TransportEvent, type TransportRequest } from '../../src/agent/transport/types.js';
import type { ChatMessage } from '../../src/agent/messages.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';

useConnectionGuard();
let fake: FakeProvider;
beforeEach(async () => { fake = await startFakeProvider({ keys: ['sk-ant-test'] }); });
afterEach(async () => { await fake.close(); });

const endpoint = () => ({ baseUrl: fake.url, apiKey: 'sk-ant-test', apiKeyEnv: 'ANTHROPIC_API_KEY' });
const tools = [
  { name: 'git_summary', description: 'Summarise.', inputSchema: { type: 'object' as const, properties: { count: { type: 'integer' as const } } } },
  { name: 'read_file', description: 'Read.', inputSchema: { type: 'object' as const, properties: { path: { type: 'string' as const } } } },
];
const request = (extra: Partial<TransportRequest> = {}): TransportRequest => ({
  model: 'claude-test', system: 'You are weft.', maxTokens: 256, messages: [{ role: 'user', content: 'hi' }], tools, ...extra,
});
const collect = async (it: AsyncGenerator<TransportEvent>) => { const out: TransportEvent[] = []; for await (const e of it) out.push(e); return out; };
const failure = (it: AsyncGenerator<TransportEvent>) => collect(it).then(() => undefined, (e: unknown) => e as ProviderError);
const noWait = async () => undefined;
const quickRetry = { attempts: 3, baseMs: 1, maxMs: 5 };

describe('anthropicMessages', () => {
  it('streams text and sends the Messages request with the version header and key', async () => {
    fake.setResponder(() => ({ text: 'Hello from the fake', chunkDelayMs: 2 }));
    const events = await collect(anthropicMessages(endpoint(), request()));
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1); // really streamed in pieces
    expect(events.map((e) => (e.type === 'text' ? e.text : '')).join('')).toBe('Hello from the fake');
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'end_turn' });
    const [sent] = fake.requests;
    expect(sent?.rejection).toBeUndefined();
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers).toMatchObject({ 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01', 'content-type': 'application/json', accept: 'text/event-stream' });
    expect(sent?.body).toEqual({
      model: 'claude-test', max_tokens: 256, system: 'You are weft.', stream: true,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })),
    });
  });

  it('a base URL ending in /v1 is not doubled', () => {
    expect(anthropicMessagesUrl('https://api.anthropic.com')).toBe('https://api.anthropic.com/v1/messages');
    expect(anthropicMessagesUrl('https://api.anthropic.com/v1/')).toBe('https://api.anthropic.com/v1/messages');
  });

  it('joins a tool call\'s input from JSON pieces across deltas; parallel calls come whole, in order', async () => {
    fake.setResponder(() => ({ text: 'Looking.', toolCalls: [{ id: 'toolu_1', name: 'git_summary', arguments: { count: 3, note: 'a "quoted" {brace}' } }, { id: 'toolu_2', name: 'read_file', arguments: {} }] }));
    const events = await collect(anthropicMessages({ ...endpoint(), baseUrl: `${fake.url}/v1` }, request()));
    expect(events.filter((e) => e.type !== 'text')).toEqual([
      { type: 'tool_call', call: { id: 'toolu_1', name: 'git_summary', arguments: { count: 3, note: 'a "quoted" {brace}' } } },
      { type: 'tool_call', call: { id: 'toolu_2', name: 'read_file', arguments: {} } },
      { type: 'done', stopReason: 'tool_use' },
    ]);
    expect(fake.requests[0]?.path).toBe('/v1/messages');
  });

  it('maps the conversation: parallel results in one user message, tool_use after text, no empty text, roles alternate', async () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'look around' },
      { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'git_summary', arguments: { count: 1 } }, { id: 't2', name: 'read_file', arguments: { path: 'a' } }] },
      { role: 'tool', toolCallId: 't1', name: 'git_summary', content: 'one commit' },
      { role: 'tool', toolCallId: 't2', name: 'read_file', content: '' },
      { role: 'user', content: 'and now?' },
      { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 't3', name: 'read_file', arguments: { path: 'b' } }] },
      { role: 'tool', toolCallId: 't3', name: 'read_file', content: 'bee' },
      { role: 'assistant', content: '  ' },
      { role: 'user', content: 'thanks' },
    ];
    await collect(anthropicMessages(endpoint(), request({ messages })));
    expect(fake.requests[0]?.rejection).toBeUndefined();
    expect(fake.requests[0]?.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'look around' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'git_summary', input: { count: 1 } }, { type: 'tool_use', id: 't2', name: 'read_file', input: { path: 'a' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'one commit' }, { type: 'tool_result', tool_use_id: 't2' }, { type: 'text', text: 'and now?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 't3', name: 'read_file', input: { path: 'b' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't3', content: 'bee' }, { type: 'text', text: 'thanks' }] },
    ]);
    expect(anthropicBody(request({ system: '', tools: [] }))).not.toHaveProperty('system');
    expect(anthropicBody(request({ system: '', tools: [] }))).not.toHaveProperty('tools');
  });

  it('a 429 is tried again after its retry-after; 5xx are retried, then reported as unavailable with the provider\'s message', async () => {
    fake.setResponder((_r, i) => (i === 0 ? { status: 429, retryAfter: '2' } : { text: 'ok' }));
    const waits: number[] = [];
    const events = await collect(anthropicMessages(endpoint(), request(), undefined, async (ms) => { waits.push(ms); }));
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'end_turn' });
    expect(waits).toEqual([2000]);
    expect(fake.requests).toHaveLength(2);

    fake.requests.length = 0;
    fake.setResponder(() => ({ status: 529, errorMessage: 'Overloaded' }));
    const error = await failure(anthropicMessages(endpoint(), request(), quickRetry, noWait));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 529 });
    expect(error?.message).toContain('Overloaded');
    expect(error?.message).not.toContain('overloaded_error'); // the message, not the raw JSON body
    expect(fake.requests).toHaveLength(3);
  });

  it('a refused key names the variable, never the key, and is not retried; a 400 carries the validator\'s message', async () => {
    const error = await failure(anthropicMessages({ ...endpoint(), apiKey: 'sk-ant-secret-value' }, request(), undefined, noWait));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error?.message).toContain('ANTHROPIC_API_KEY');
    expect(error?.message).not.toContain('sk-ant-secret-value');
    expect(fake.requests).toHaveLength(1);

    fake.setResponder(() => ({ status: 403, errorMessage: 'the key sk-ant-test may not use claude-test' }));
    const echoed = await failure(anthropicMessages(endpoint(), request(), undefined, noWait));
    expect(echoed).toMatchObject({ kind: 'auth', status: 403, message: expect.stringContaining('the key *** may not use claude-test') as unknown });
    expect(echoed?.message).not.toContain('sk-ant-test');

    const bad = await failure(anthropicMessages(endpoint(), request({ tools: [{ ...tools[0]!, name: 'git summary' }] }), undefined, noWait));
    expect(bad).toMatchObject({ kind: 'rejected', status: 400 });
    expect(bad?.message).toContain('tools.0.custom.name: String should match pattern');
  });

  it('an error event inside the stream is a ProviderError: overloaded is unavailable, others rejected', async () => {
    fake.setResponder(() => ({ text: 'partial answer', streamError: { type: 'overloaded_error', message: 'Overloaded' } }));
    const seen: TransportEvent[] = [];
    const error = await (async () => { for await (const e of anthropicMessages(endpoint(), request())) seen.push(e); })().catch((e: unknown) => e as ProviderError);
    expect(seen).toEqual([{ type: 'text', text: 'partial' }]);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect((error as Error).message).toContain('Overloaded');
    fake.setResponder(() => ({ streamError: { type: 'invalid_request_error', message: 'prompt is too long' } }));
    expect(await failure(anthropicMessages(endpoint(), request()))).toMatchObject({ kind: 'rejected', message: expect.stringContaining('prompt is too long') as unknown });
  });

  it('a stream cut before message_stop is an error; an event that is not JSON is a protocol error', async () => {
    const cut = (text: string): typeof fetch => async () => new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    const start = 'event: message_start\ndata: {"type":"message_start","message":{}}\n\n';
    expect(await failure(anthropicMessages({ baseUrl: 'http://127.0.0.1:9', fetch: cut(start) }, request()))).toMatchObject({ kind: 'network' });
    expect(await failure(anthropicMessages({ baseUrl: 'http://127.0.0.1:9', fetch: cut(`${start}event: ping\ndata: {oops\n\n`) }, request()))).toMatchObject({ kind: 'protocol' });
  });

  it('an unreachable provider is a network error after the retries', async () => {
    const gone = await startFakeProvider();
    await gone.close();
    expect(await failure(anthropicMessages({ baseUrl: gone.url }, request(), quickRetry, noWait))).toMatchObject({ kind: 'network' });
  });

  it('cancelling during a long retry-after stops waiting at once (the default sleep listens to the signal)', async () => {
    fake.setResponder(() => ({ status: 429, retryAfter: '15' }));
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const started = Date.now();
    const error = await failure(anthropicMessages(endpoint(), request({ signal: abort.signal })));
    expect((error as unknown as Error).name).toBe('AbortError'); // as openaiChat: a cancel before the answer surfaces as the fetch's AbortError
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.requests).toHaveLength(1);
  });

  it('cancellation mid-stream ends quietly and quickly, without a half-made tool call', async () => {
    fake.setResponder(() => ({ text: 'partial answer', toolCalls: [{ name: 'read_file', arguments: { path: 'x' } }], hangAfterFirstChunk: true }));
    const abort = new AbortController();
    const seen: TransportEvent[] = [];
    const started = Date.now();
    for await (const e of anthropicMessages(endpoint(), request({ signal: abort.signal }))) {
      seen.push(e);
      abort.abort();
    }
    expect(seen).toEqual([{ type: 'text', text: 'partial' }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
