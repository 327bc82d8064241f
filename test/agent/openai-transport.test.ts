// The OpenAI-compatible transport against a fake server on 127.0.0.1 speaking the
// Chat Completions wire format (SSE), including tool calls whose arguments arrive in pieces.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openaiBody, openaiChat } from '../../src/agent/transport/openai.js';
import { ProviderError, type TransportEvent, type TransportRequest } from '../../src/agent/transport/types.js';

type Handler = (body: Record<string, unknown>, req: http.IncomingMessage, res: http.ServerResponse) => void;
let server: http.Server;
let handler: Handler;
let baseUrl = '';
const bodies: Array<Record<string, unknown>> = [];

beforeEach(async () => {
  bodies.length = 0;
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => { text += d.toString(); });
    req.on('end', () => { const body = JSON.parse(text) as Record<string, unknown>; bodies.push(body); handler(body, req, res); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterEach(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

const sse = (res: http.ServerResponse, chunks: unknown[]) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\n\n`);
  res.end('data: [DONE]\n\n');
};
const request = (extra: Partial<TransportRequest> = {}): TransportRequest => ({
  model: 'gpt-test', system: 'You are weft.', maxTokens: 256,
  messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: '', toolCalls: [{ id: 'c0', name: 'git_summary', arguments: { count: 1 } }] }, { role: 'tool', toolCallId: 'c0', name: 'git_summary', content: 'abc' }],
  tools: [{ name: 'git_summary', description: 'Summarise.', inputSchema: { type: 'object', properties: { count: { type: 'integer' } } } }],
  ...extra,
});
const collect = async (it: AsyncGenerator<TransportEvent>) => { const out: TransportEvent[] = []; for await (const e of it) out.push(e); return out; };
const noWait = async () => undefined;

describe('openaiChat', () => {
  it('sends the Chat Completions request and turns the stream into text and whole tool calls', async () => {
    handler = (_body, req, res) => {
      expect(req.headers.authorization).toBe('Bearer sk-test');
      sse(res, [
        { choices: [{ delta: { content: 'Let me ' } }] },
        { choices: [{ delta: { content: 'look.' } }] },
        { choices: [{ delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'git_summary', arguments: '{"cou' } }] } }] },
        { choices: [{ delta: { tool_calls: [{ index: 1, id: 'call_2', function: { name: 'activate_skill', arguments: '{}' } }] } }] },
        { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'nt": 3}' } }] }, finish_reason: 'tool_calls' }] },
      ]);
    };
    const events = await collect(openaiChat({ baseUrl, apiKey: 'sk-test' }, request()));
    expect(events).toEqual([
      { type: 'text', text: 'Let me ' }, { type: 'text', text: 'look.' },
      { type: 'tool_call', call: { id: 'call_1', name: 'git_summary', arguments: { count: 3 } } },
      { type: 'tool_call', call: { id: 'call_2', name: 'activate_skill', arguments: {} } },
      { type: 'done', stopReason: 'tool_calls' },
    ]);
    expect(bodies[0]).toMatchObject({
      model: 'gpt-test', stream: true, max_tokens: 256,
      messages: [{ role: 'system', content: 'You are weft.' }, { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c0', type: 'function', function: { name: 'git_summary', arguments: '{"count":1}' } }] },
        { role: 'tool', tool_call_id: 'c0', content: 'abc' }],
      tools: [{ type: 'function', function: { name: 'git_summary', description: 'Summarise.', parameters: { type: 'object', properties: { count: { type: 'integer' } } } } }],
    });
  });

  it('429 (with retry-after) and 503 are tried again; a 401 names the variable, never the key; a 400 gives the server\'s message', async () => {
    let n = 0;
    const waits: number[] = [];
    handler = (_b, _r, res) => {
      n += 1;
      if (n === 1) { res.writeHead(429, { 'retry-after': '1' }).end('slow down'); return; }
      if (n === 2) { res.writeHead(503).end('busy'); return; }
      sse(res, [{ choices: [{ delta: { content: 'ok' }, finish_reason: 'stop' }] }]);
    };
    const events = await collect(openaiChat({ baseUrl }, request(), undefined, async (ms) => { waits.push(ms); }));
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'stop' });
    expect(n).toBe(3);
    expect(waits[0]).toBe(1000);
    handler = (_b, _r, res) => { res.writeHead(401).end('{"error":{"message":"bad key"}}'); };
    const auth = await collect(openaiChat({ baseUrl, apiKey: 'sk-secret-value', apiKeyEnv: 'OPENAI_API_KEY' }, request(), undefined, noWait)).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(ProviderError);
    expect((auth as ProviderError).kind).toBe('auth');
    expect((auth as Error).message).toContain('OPENAI_API_KEY');
    expect((auth as Error).message).not.toContain('sk-secret-value');
    handler = (_b, _r, res) => { res.writeHead(400).end('{"error":{"message":"tools[0].function.name is invalid"}}'); };
    const bad = await collect(openaiChat({ baseUrl }, request(), undefined, noWait)).catch((e: unknown) => e);
    expect((bad as ProviderError).kind).toBe('rejected');
    expect((bad as Error).message).toContain('tools[0].function.name is invalid');
  });

  it('cancellation mid-stream ends it without an error or a half-made tool call', async () => {
    handler = (_b, _r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'partial' } }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 0, id: 'x', function: { name: 'git_summary', arguments: '{"co' } }] } }] })}\n\n`);
    };
    const abort = new AbortController();
    const seen: TransportEvent[] = [];
    for await (const e of openaiChat({ baseUrl }, request({ signal: abort.signal }))) {
      seen.push(e);
      abort.abort();
    }
    expect(seen).toEqual([{ type: 'text', text: 'partial' }]);
  });

  it('parallel calls all at index 0 (Ollama) or without an index stay separate calls; a call without an id gets one', async () => {
    handler = (_b, _r, res) => sse(res, [
      { choices: [{ delta: { tool_calls: [{ index: 0, id: 'o1', function: { name: 'git_summary', arguments: '{"count":1}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, id: 'o2', function: { name: 'git_summary', arguments: '{"count":2}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ function: { name: 'activate_skill', arguments: '{}' } }] }, finish_reason: 'tool_calls' }] },
    ]);
    const calls = (await collect(openaiChat({ baseUrl }, request()))).filter((e) => e.type === 'tool_call');
    expect(calls).toEqual([
      { type: 'tool_call', call: { id: 'o1', name: 'git_summary', arguments: { count: 1 } } },
      { type: 'tool_call', call: { id: 'o2', name: 'git_summary', arguments: { count: 2 } } },
      { type: 'tool_call', call: { id: 'call_weft_2', name: 'activate_skill', arguments: {} } },
    ]);
  });

  it('a stream that stops before [DONE] or a finish_reason, or whose socket is reset, is a network error, not an answer', async () => {
    handler = (_b, _r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: 'Hel' } }] })}\n\n`);
    };
    const ended = await collect(openaiChat({ baseUrl }, request(), undefined, noWait)).catch((e: unknown) => e);
    expect((ended as ProviderError).kind).toBe('network');
    handler = (_b, req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'Hel' } }] })}\n\n`, () => setTimeout(() => req.socket.destroy(), 20));
    };
    const reset = await collect(openaiChat({ baseUrl }, request(), undefined, noWait)).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(ProviderError);
    expect((reset as ProviderError).kind).toBe('network');
    expect((reset as Error).message).toContain('dropped mid-stream');
  });

  it('api.openai.com gets max_completion_tokens (its reasoning models refuse max_tokens); other servers max_tokens', () => {
    expect(openaiBody(request(), 'https://api.openai.com/v1')).toMatchObject({ max_completion_tokens: 256 });
    expect(openaiBody(request(), 'https://api.openai.com/v1')).not.toHaveProperty('max_tokens');
    expect(openaiBody(request(), 'http://127.0.0.1:11434/v1')).toMatchObject({ max_tokens: 256 });
  });

  it('a server that accepts and never answers fails after idleTimeoutMs, not retried; a long but lively stream is not cut', async () => {
    let requests = 0;
    handler = () => { requests++; }; // never answers
    const started = Date.now();
    const silent = await collect(openaiChat({ baseUrl }, request({ idleTimeoutMs: 300 }), undefined, noWait)).catch((e: unknown) => e);
    expect((silent as ProviderError).kind).toBe('network');
    expect((silent as Error).message).toContain('did not answer within');
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
    handler = (_b, _r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let n = 0;
      const timer = setInterval(() => {
        n++;
        if (n < 8) { res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: `${n}` } }] })}\n\n`); return; }
        clearInterval(timer);
        res.end(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
      }, 100); // 800 ms in all, never 300 ms apart
    };
    const lively = await collect(openaiChat({ baseUrl }, request({ idleTimeoutMs: 300 })));
    expect(lively.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join('')).toBe('1234567');
  });
});
