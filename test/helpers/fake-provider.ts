/**
 * A fake model provider on 127.0.0.1 that speaks both wire formats: OpenAI
 * Chat Completions (`POST /v1/chat/completions`, or without `/v1`) and
 * Anthropic Messages (`POST /v1/messages`). It records every request, checks
 * the key and validates the body as the real services do (answering their
 * exact 400/401 shapes), and otherwise answers what the test's responder says,
 * as JSON or SSE, so real SDKs and weft's transports can be tested offline.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openaiProblem, validateAnthropic } from './fake-provider-validate.js';
import {
  anthropicErrorBody, anthropicMessage, anthropicSse, defaultErrorMessage, openaiCompletion, openaiErrorBody, openaiSse,
  type WireAnswer, type WireApi, type WireToolCall,
} from './fake-provider-wire.js';

export { validateAnthropic, validateOpenAI } from './fake-provider-validate.js';

export interface FakeRequest {
  api: WireApi;
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body ({} when it was not a JSON object). */
  body: Record<string, unknown>;
  /** The message of the 4xx the fake answered instead of asking the responder (auth or validation), if any. */
  rejection?: string;
}

export type FakeToolCall = WireToolCall;

export interface FakeReply extends WireAnswer {
  /** An error status (429, 500, 529, 401…), answered in the API's error shape. */
  status?: number;
  retryAfter?: string;
  errorMessage?: string;
  /** SSE or JSON; by default what the request asked for (`stream: true`). */
  stream?: boolean;
  chunkDelayMs?: number;
  /** Send the stream up to the first piece of text, then keep the connection open (for cancellation). */
  hangAfterFirstChunk?: boolean;
}

export type FakeResponder = (request: FakeRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeProviderOptions {
  /** Accepted keys; any non-empty key when omitted. */
  keys?: string[];
  responder?: FakeResponder;
}

export interface FakeProvider {
  /** `http://127.0.0.1:<port>`, without `/v1`. */
  url: string;
  port: number;
  requests: FakeRequest[];
  setResponder(fn: FakeResponder): void;
  close(): Promise<void>;
}

interface Refusal {
  status: number;
  message: string;
  body: object;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function apiOf(method: string | undefined, path: string): WireApi | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v1/chat/completions' || path === '/chat/completions') return 'openai';
  return path === '/v1/messages' ? 'anthropic' : undefined;
}

function errorFor(api: WireApi, status: number, message: string): Refusal {
  return { status, message, body: api === 'openai' ? openaiErrorBody(status, message) : anthropicErrorBody(status, message) };
}

/** OpenAI takes `Authorization: Bearer`; Anthropic takes `x-api-key` or, as its SDK 1.x sends, `Authorization: Bearer`. */
function authRefusal(api: WireApi, headers: Record<string, string>, keys: string[] | undefined): Refusal | undefined {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  const key = api === 'anthropic' ? headers['x-api-key'] ?? bearer : bearer;
  if (!key) {
    return api === 'openai'
      ? { status: 401, message: 'You didn\'t provide an API key.', body: openaiErrorBody(401, 'You didn\'t provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).', null, null) }
      : errorFor(api, 401, 'x-api-key header is required');
  }
  if (keys && !keys.includes(key)) {
    return errorFor(api, 401, api === 'openai' ? 'Incorrect API key provided.' : 'invalid x-api-key'); // 401's usual code/type: invalid_api_key, authentication_error
  }
  return undefined;
}

function requestRefusal(request: FakeRequest, raw: string, keys: string[] | undefined): Refusal | undefined {
  const { api, headers } = request;
  const auth = authRefusal(api, headers, keys);
  if (auth) return auth;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return errorFor(api, 400, api === 'openai' ? 'We could not parse the JSON body of your request.' : 'There was an error parsing the body of your request');
  }
  if (api === 'anthropic') {
    if (!headers['anthropic-version']) return errorFor(api, 400, 'anthropic-version: header is required');
    const message = validateAnthropic(parsed);
    return message ? errorFor(api, 400, message) : undefined;
  }
  const found = openaiProblem(parsed);
  return found ? { status: 400, message: found.message, body: openaiErrorBody(400, found.message, found.param, found.code) } : undefined;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: http.ServerResponse, api: WireApi, status: number, body: object, extra: Record<string, string> = {}): void {
  const id = api === 'openai' ? { 'x-request-id': 'req_fake' } : { 'request-id': 'req_fake' };
  res.writeHead(status, { 'content-type': 'application/json', ...id, ...extra }).end(JSON.stringify(body));
}

async function sendReply(res: http.ServerResponse, request: FakeRequest, reply: FakeReply, index: number): Promise<void> {
  const { api, body } = request;
  if (reply.status && reply.status >= 400) {
    const { body: error } = errorFor(api, reply.status, reply.errorMessage ?? defaultErrorMessage(reply.status));
    sendJson(res, api, reply.status, error, reply.retryAfter ? { 'retry-after': reply.retryAfter } : {});
    return;
  }
  if (!(reply.stream ?? body.stream === true)) {
    sendJson(res, api, 200, api === 'openai' ? openaiCompletion(body, reply, index) : anthropicMessage(body, reply, index));
    return;
  }
  const script = api === 'openai' ? openaiSse(body, reply, index) : anthropicSse(body, reply, index);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', [api === 'openai' ? 'x-request-id' : 'request-id']: 'req_fake' });
  const last = reply.hangAfterFirstChunk ? script.firstText : script.events.length - 1;
  for (let i = 0; i <= last; i++) {
    if (res.destroyed) return; // the client went away (cancelled)
    res.write(script.events[i]);
    if (reply.chunkDelayMs && i < last) await wait(reply.chunkDelayMs);
  }
  if (!reply.hangAfterFirstChunk) res.end(); // hanging: close() ends the connection
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const requests: FakeRequest[] = [];
  let responder: FakeResponder = options.responder ?? (() => ({ text: 'ok' }));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    const api = apiOf(req.method, path);
    if (!api) {
      sendJson(res, 'openai', 404, openaiErrorBody(404, `Unknown request URL: ${req.method} ${path}.`, null, 'unknown_url'));
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v ?? '']));
    let body: unknown;
    try { body = JSON.parse(raw); } catch { body = undefined; }
    const request: FakeRequest = { api, path, headers, body: isObject(body) ? body : {} };
    requests.push(request);
    const refusal = requestRefusal(request, raw, options.keys);
    if (refusal) {
      request.rejection = refusal.message;
      sendJson(res, api, refusal.status, refusal.body);
      return;
    }
    const index = requests.length - 1;
    let reply: FakeReply;
    try {
      reply = await responder(request, index);
    } catch (error) {
      // a responder that throws shows up as the provider's 500, with its message, instead of a hung test
      reply = { status: 500, errorMessage: `fake provider: ${(error as Error).message}` };
    }
    await sendReply(res, request, reply, index);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy()); // e.g. the client went away mid-request
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, requests,
    setResponder(fn) { responder = fn; },
    async close() {
      server.closeAllConnections(); // hanging streams included
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.filter(isObject).map((b) => (typeof b.text === 'string' ? b.text : '')).join('') : '';
}

function messagesOf(request: FakeRequest): Array<Record<string, unknown>> {
  return Array.isArray(request.body.messages) ? request.body.messages.filter(isObject) : [];
}

/** The tool results the request ends with (OpenAI: trailing `tool` messages; Anthropic: `tool_result` blocks of the last user message). */
export function lastToolResults(request: FakeRequest): Array<{ id: string; content: string }> {
  const messages = messagesOf(request);
  if (request.api === 'openai') {
    const results: Array<{ id: string; content: string }> = [];
    for (let i = messages.length - 1; i >= 0 && messages[i]!.role === 'tool'; i--) results.unshift({ id: String(messages[i]!.tool_call_id), content: textOf(messages[i]!.content) });
    return results;
  }
  const last = messages.at(-1);
  if (last?.role !== 'user' || !Array.isArray(last.content)) return [];
  return last.content.filter(isObject).filter((b) => b.type === 'tool_result').map((b) => ({ id: String(b.tool_use_id), content: textOf(b.content) }));
}

/** The system prompt in either format (OpenAI: system/developer messages; Anthropic: the top-level `system`). */
export function systemPrompt(request: FakeRequest): string {
  if (request.api === 'anthropic') return textOf(request.body.system);
  return messagesOf(request).filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)).join('\n');
}
