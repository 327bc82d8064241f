// `weft mcp --http 0`, spawned for real: the SDK's Streamable HTTP client, and a raw
// client written here with fetch (JSON and SSE replies, Mcp-Session-Id), plus the
// DNS-rebinding checks and session expiry. Only 127.0.0.1 is ever contacted.
import http from 'node:http';
import net from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mcpName } from '../../src/plugin/naming/index.js';
import type { TempHome } from '../helpers/sandbox-home.js';
import { ECHO, mcpHome, spawnMcp, TRICKY_SCHEMA } from './helpers.js';

let t: TempHome & { managed: string };
let child: ReturnType<typeof spawnMcp> | undefined;
beforeEach(async () => { t = await mcpHome(); });
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
  child = undefined;
  t.cleanup();
});

/** Starts `weft mcp --http 0 ...args` and resolves with the URL it prints on stderr. */
async function start(args: string[] = []): Promise<{ url: string; port: number; stderr: () => string }> {
  child = spawnMcp(t, ['--http', '0', ...args]);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${stderr}`)), 15_000);
    const check = setInterval(() => {
      const m = /^listening (http:\/\/127\.0\.0\.1:(\d+)\/mcp)$/m.exec(stderr);
      if (m) { clearInterval(check); clearTimeout(timer); resolve(m[1]!); }
    }, 20);
  });
  return { url, port: Number(new URL(url).port), stderr: () => stderr };
}

type Json = Record<string, unknown>;

/** A raw Streamable HTTP client: POSTs JSON-RPC, reads a JSON or an SSE reply, carries the session id. */
class RawHttpClient {
  session: string | undefined;
  private id = 1;
  constructor(readonly url: string) {}

  async post(body: Json | string): Promise<{ status: number; contentType: string; messages: Json[] }> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream',
        ...(this.session ? { 'mcp-session-id': this.session, 'mcp-protocol-version': '2025-11-25' } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    this.session = res.headers.get('mcp-session-id') ?? this.session;
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    let messages: Json[] = [];
    if (contentType.includes('text/event-stream')) {
      messages = text.split(/\r?\n\r?\n/).map((event) => event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n'))
        .filter((d) => d.length > 0).map((d) => JSON.parse(d) as Json);
    } else if (text) {
      messages = [JSON.parse(text) as Json];
    }
    return { status: res.status, contentType, messages };
  }

  async request(method: string, params?: Json): Promise<Json> {
    const id = this.id++;
    const r = await this.post({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
    const reply = r.messages.find((m) => m.id === id);
    if (!reply) throw new Error(`no reply to ${method}: HTTP ${r.status} ${JSON.stringify(r.messages)}`);
    return reply;
  }

  async initialize(protocolVersion: string): Promise<Json> {
    const reply = await this.request('initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-http', version: '1' } });
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return reply;
  }
}

/** A request with headers fetch will not let us forge (Host). */
function rawRequest(port: number, options: { method?: string; path?: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/mcp', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } });

describe('weft mcp --http', () => {
  it('SDK client: handshake, exact schemas, calls into an instruction skill, a native command and a WASM tool', async () => {
    const { url } = await start();
    const client = new Client({ name: 'sdk-http', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      expect(tools.find((x) => x.name === 'shout')!.inputSchema).toEqual(TRICKY_SCHEMA);
      expect(await client.callTool({ name: 'howto', arguments: { arguments: 'this' } })).toEqual({ content: [{ type: 'text', text: 'Do this carefully.' }] });
      expect(await client.callTool({ name: 'shout', arguments: { text: 'hi' } })).toEqual({ content: [{ type: 'text', text: '<hi>' }] });
      const wasm = await client.callTool({ name: mcpName(`${ECHO}/echo`), arguments: { n: 1 } }) as { content: Array<{ text: string }> };
      expect(JSON.parse(wasm.content[0]!.text)).toEqual({ n: 1 });
      expect(await client.callTool({ name: 'shout', arguments: {} })).toMatchObject({ isError: true });
      await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/Unknown tool: nope/);
    } finally {
      await client.close();
    }
  }, 30_000);

  for (const version of ['2025-06-18', '2025-11-25']) {
    it(`raw fetch client (${version}): session id, SSE or JSON replies, list and call`, async () => {
      const { url } = await start();
      const raw = new RawHttpClient(url);
      const init = await raw.initialize(version);
      expect(init.result).toMatchObject({ protocolVersion: version, serverInfo: { name: 'weft' } });
      expect(raw.session).toMatch(/^[0-9a-f-]{36}$/);
      const list = await raw.request('tools/list');
      expect((list.result as { tools: Array<{ name: string; inputSchema: unknown }> }).tools.find((x) => x.name === 'shout')!.inputSchema).toEqual(TRICKY_SCHEMA);
      const call = await raw.request('tools/call', { name: 'howto', arguments: { arguments: 'that' } });
      expect(call.result).toEqual({ content: [{ type: 'text', text: 'Do that carefully.' }] });
    });
  }

  it('malformed JSON gets a JSON-RPC parse error and the server stays up', async () => {
    const { url } = await start();
    const raw = new RawHttpClient(url);
    const before = await raw.post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(before.status).toBe(400);
    expect(before.messages[0]).toMatchObject({ error: { code: -32700 } });
    await raw.initialize('2025-11-25');
    const during = await raw.post('{not json');
    expect(during.status).toBe(400);
    expect(during.messages[0]).toMatchObject({ error: { code: -32700 } });
    expect((await raw.request('tools/list')).result).toBeDefined();
  });

  it('a foreign Host or Origin gets 403 before anything else; other paths 404; other methods 405', async () => {
    const { port } = await start();
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const foreignHost = await rawRequest(port, { headers: { ...headers, host: `attacker.example:${port}` }, body: INIT });
    expect(foreignHost.status).toBe(403);
    expect(JSON.parse(foreignHost.body)).toMatchObject({ error: { message: expect.stringContaining('attacker.example') } });
    expect((await rawRequest(port, { headers: { ...headers, host: '127.0.0.1' }, body: INIT })).status).toBe(403); // wrong port
    expect((await rawRequest(port, { headers: { ...headers, host: `127.0.0.1:${port}`, origin: 'http://attacker.example' }, body: INIT })).status).toBe(403);
    expect((await rawRequest(port, { headers: { ...headers, host: `localhost:${port}`, origin: `http://localhost:${port}` }, body: INIT })).status).toBe(200);
    expect((await rawRequest(port, { path: '/other', headers: { ...headers, host: `127.0.0.1:${port}` }, body: INIT })).status).toBe(404);
    expect((await rawRequest(port, { method: 'PUT', headers: { ...headers, host: `127.0.0.1:${port}` }, body: INIT })).status).toBe(405);
  });

  it('a session ends on DELETE, and an idle one expires', async () => {
    const { url } = await start(['--session-idle', '0.3']);
    const raw = new RawHttpClient(url);
    await raw.initialize('2025-11-25');
    const del = await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': raw.session!, 'mcp-protocol-version': '2025-11-25' } });
    expect(del.status).toBe(200);
    expect((await raw.post({ jsonrpc: '2.0', id: 7, method: 'tools/list' })).status).toBe(404);
    const idle = new RawHttpClient(url);
    await idle.initialize('2025-11-25');
    expect((await idle.request('tools/list')).result).toBeDefined();
    await new Promise((r) => setTimeout(r, 900));
    const expired = await idle.post({ jsonrpc: '2.0', id: 8, method: 'tools/list' });
    expect(expired.status).toBe(404);
    expect(expired.messages[0]).toMatchObject({ error: { message: expect.stringContaining('initialize again') } });
  });

  it('binds 127.0.0.1 only, and Ctrl-C ends it with exit 0', async () => {
    const { port } = await start();
    expect((await rawRequest(port, { method: 'GET', headers: { host: `127.0.0.1:${port}` } })).status).toBe(400); // served on 127.0.0.1 (GET without a session)
    const onV6 = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '::1', port }, () => { socket.destroy(); resolve('connected'); });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(onV6).not.toBe('connected');
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
