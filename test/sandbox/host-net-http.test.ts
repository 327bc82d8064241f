/**
 * http-request against real servers on 127.0.0.1: the allowed path (through
 * the user's allowAddresses exception), redirects re-checked hop by hop,
 * caps, timeout, abort, TLS name verification. Every socket goes to
 * loopback; the connection guard fails the test otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultResourceLimits } from '../../src/plugin/manifest/limits.js';
import { createMemoryAuditSink } from '../../src/sandbox/audit/index.js';
import { createConnector, createHost, type ConnectFn, type HostContext, type HostResult, type HttpResponse, type LookupFn } from '../../src/sandbox/host/index.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';

const guard = useConnectionGuard();
const MiB = 1024 * 1024;

interface Served { port: number; requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>; close(): Promise<void> }

function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void, server: http.Server = http.createServer()): Promise<Served> {
  const requests: Served['requests'] = [];
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
  })));
}

let a: Served;
let b: Served;
beforeAll(async () => {
  b = await serve((req, res) => res.end(`b:${req.url}`));
  a = await serve((req, res, body) => {
    const url = new URL(req.url!, 'http://x');
    const to = url.searchParams.get('to');
    if (url.pathname === '/ok') return res.end('hello');
    if (url.pathname === '/echo') return res.setHeader('X-Echo', 'yes').end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    if (url.pathname === '/redirect') return res.writeHead(Number(url.searchParams.get('status') ?? 302), { Location: to! }).end();
    if (url.pathname === '/chain') {
      const n = Number(url.searchParams.get('n'));
      return n > 0 ? res.writeHead(302, { Location: `/chain?n=${n - 1}` }).end() : res.end('end of chain');
    }
    if (url.pathname === '/big') return res.writeHead(200, { 'Content-Length': String(4 * MiB + 1) }).end(Buffer.alloc(4 * MiB + 1));
    if (url.pathname === '/big-chunked') {
      res.writeHead(200);
      for (let i = 0; i < 5; i += 1) res.write(Buffer.alloc(MiB));
      return res.end();
    }
    if (url.pathname === '/exact') return res.end(Buffer.alloc(4 * MiB, 1));
    if (url.pathname === '/slow') return; // never answers
    res.writeHead(404).end();
  });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

function setup(over: Partial<HostContext> = {}) {
  const audit = createMemoryAuditSink();
  const host = createHost({
    pluginId: 'http-test', granted: { network: ['127.0.0.1'], filesystem: [], env_vars: [], shell: false },
    limits: defaultResourceLimits(), workspace: null, home: '/nonexistent', audit,
    allowAddresses: [`127.0.0.1:${a.port}`], ...over,
  });
  const call = (url: string, over2: { method?: string; headers?: Array<[string, string]>; body?: string } = {}, signal?: AbortSignal) => host({
    fn: 'http-request', method: over2.method ?? 'GET', url, headers: over2.headers ?? [], body: new TextEncoder().encode(over2.body ?? ''),
  }, signal);
  return { host, call, audit };
}

const body = (r: HostResult) => (r.ok ? Buffer.from((r.value as HttpResponse).body).toString() : `ERROR ${r.error}`);

describe('the allowAddresses exception', () => {
  it('lets http://127.0.0.1:PORT/ reach the local server', async () => {
    const before = a.requests.length;
    const { call, audit } = setup();
    const r = await call(`http://127.0.0.1:${a.port}/ok?api_key=SECRET123&q=1`);
    expect(body(r)).toBe('hello');
    expect(r.ok && (r.value as HttpResponse).status).toBe(200);
    expect(a.requests.length).toBe(before + 1);
    expect(audit.entries).toEqual([expect.objectContaining({ fn: 'http-request', allowed: true, target: `http://127.0.0.1:${a.port}/ok?api_key=REDACTED&q=1` })]);
    expect(guard.current.sockets().map((s) => s.host)).toEqual(['127.0.0.1']);
  });

  it('keeps localhost:PORT, other ports and unlisted literals refused, and the server untouched', async () => {
    const before = [a.requests.length, b.requests.length];
    const { call } = setup({ granted: { network: ['127.0.0.1', 'localhost'], filesystem: [], env_vars: [], shell: false } });
    expect(body(await call(`http://localhost:${a.port}/ok`))).toMatch(/loopback/);
    expect(body(await call(`http://127.0.0.1:${b.port}/ok`))).toMatch(/loopback/);
    expect(body(await call(`https://127.0.0.1:${a.port}/ok`))).toMatch(/TLS handshake with 127.0.0.1:\d+ failed/); // the exception applies, but the server does not speak TLS
    expect(body(await setup({ granted: { network: [], filesystem: [], env_vars: [], shell: false } }).call(`http://127.0.0.1:${a.port}/ok`))).toMatch(/allowlist/);
    expect([a.requests.length, b.requests.length]).toEqual(before); // the https attempt never completes a handshake
  });

  it('sends the URL host as Host, drops a plugin Host, and returns response headers in order', async () => {
    const { call } = setup();
    const r = await call(`http://127.0.0.1:${a.port}/echo`, { method: 'POST', headers: [['Host', 'internal.corp'], ['X-Test', 'v']], body: 'payload' });
    const echoed = JSON.parse(body(r));
    expect(echoed).toMatchObject({ method: 'POST', body: 'payload', headers: { host: `127.0.0.1:${a.port}`, 'x-test': 'v', 'content-length': '7' } });
    expect(r.ok && (r.value as HttpResponse).headers.find(([n]) => n === 'X-Echo')).toEqual(['X-Echo', 'yes']);
  });
});

describe('redirects, re-checked hop by hop', () => {
  const to = (target: string, status = 302) => `http://127.0.0.1:${a.port}/redirect?status=${status}&to=${encodeURIComponent(target)}`;

  it('refuses a redirect to another loopback port, to localhost, to a private address and to file:', async () => {
    const { call } = setup({ granted: { network: ['127.0.0.1', 'localhost', '10.0.0.1'], filesystem: [], env_vars: [], shell: false } });
    const bBefore = b.requests.length;
    for (const [target, pattern] of [
      [`http://127.0.0.1:${b.port}/`, /redirect to .* refused: .*loopback/], [`http://localhost:${b.port}/`, /refused: .*loopback/],
      ['http://10.0.0.1/', /refused: .*private/], ['http://[::1]:80/', /refused: .*allowlist/], ['file:///etc/passwd', /refused: .*scheme/],
      ['http://evil.test/', /refused: .*allowlist/],
    ] as Array<[string, RegExp]>) {
      guard.current.reset();
      expect(body(await call(to(target)))).toMatch(pattern);
      expect(guard.current.sockets(), target).toHaveLength(1); // the first hop only
    }
    expect(b.requests.length).toBe(bBefore);
  });

  it('refuses a redirect to a name that resolves privately, with one lookup per hop', async () => {
    const lookups: string[] = [];
    const lookup: LookupFn = async (name) => {
      lookups.push(name);
      return [{ address: name === 'api.example.com' ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const dialled: string[] = [];
    // Stands in for the internet: records the checked address, then dials the local server.
    const connect: ConnectFn = (t) => {
      dialled.push(t.address);
      return createConnector()({ ...t, address: '127.0.0.1', port: a.port });
    };
    const { call } = setup({ lookup, connect, granted: { network: ['api.example.com', '*.example.org'], filesystem: [], env_vars: [], shell: false } });
    const r = await call(`http://api.example.com/redirect?to=${encodeURIComponent('http://internal.example.org/')}`);
    expect(body(r)).toMatch(/redirect to http:\/\/internal\.example\.org\/ refused: .*loopback/);
    expect(lookups).toEqual(['api.example.com', 'internal.example.org']);
    expect(dialled).toEqual(['93.184.216.34']);
    expect(a.requests.at(-1)!.headers.host).toBe('api.example.com');
  });

  it('follows 5 redirects and refuses the 6th', async () => {
    const { call } = setup();
    const before = a.requests.length;
    expect(body(await call(`http://127.0.0.1:${a.port}/chain?n=5`))).toBe('end of chain');
    expect(a.requests.length).toBe(before + 6);
    expect(body(await call(`http://127.0.0.1:${a.port}/chain?n=6`))).toMatch(/more than 5 redirects/);
    expect(a.requests.length).toBe(before + 12);
  });

  it('turns 303 (and POST 302) into a bodiless GET, keeps method and body on 307/308', async () => {
    const { call } = setup();
    const echo = `http://127.0.0.1:${a.port}/echo`;
    for (const [status, method, sent] of [[303, 'GET', ''], [302, 'GET', ''], [307, 'POST', 'data'], [308, 'POST', 'data']] as const) {
      const out = JSON.parse(body(await call(to(echo, status), { method: 'POST', body: 'data', headers: [['Content-Type', 'text/plain']] })));
      expect([out.method, out.body], String(status)).toEqual([method, sent]);
    }
  });

  it('drops credentials when a redirect leaves the origin, keeps them on the same origin', async () => {
    const { call } = setup({ allowAddresses: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`] });
    const creds: Array<[string, string]> = [['Authorization', 'Bearer s3cret'], ['Cookie', 'c=1'], ['X-Keep', 'k']];
    expect(body(await call(to(`http://127.0.0.1:${b.port}/x`), { headers: creds }))).toBe('b:/x');
    expect(b.requests.at(-1)!.headers).toMatchObject({ 'x-keep': 'k' });
    expect(b.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(b.requests.at(-1)!.headers.cookie).toBeUndefined();
    const same = JSON.parse(body(await call(to(`/echo`), { headers: creds })));
    expect(same.headers).toMatchObject({ authorization: 'Bearer s3cret', cookie: 'c=1' });
  });
});

describe('caps, timeout and abort', () => {
  it('refuses response bodies over 4 MiB, declared or chunked, and accepts exactly 4 MiB', async () => {
    const { call } = setup();
    expect(body(await call(`http://127.0.0.1:${a.port}/big`))).toMatch(/over the 4 MiB limit/);
    expect(body(await call(`http://127.0.0.1:${a.port}/big-chunked`))).toMatch(/over the 4 MiB limit/);
    const r = await call(`http://127.0.0.1:${a.port}/exact`);
    expect(r.ok && (r.value as HttpResponse).body.byteLength).toBe(4 * MiB);
  });

  it('times out, and honours the caller\'s AbortSignal', async () => {
    const { call } = setup({ httpTimeoutMs: 150 });
    expect(body(await call(`http://127.0.0.1:${a.port}/slow`))).toBe('ERROR timed out after 0.15 s');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(body(await setup().call(`http://127.0.0.1:${a.port}/slow`, {}, controller.signal))).toBe('ERROR aborted by the caller');
    const aborted = AbortSignal.abort();
    guard.current.reset();
    expect(body(await setup().call(`http://127.0.0.1:${a.port}/ok`, {}, aborted))).toBe('ERROR aborted by the caller');
    expect(guard.current.sockets()).toEqual([]);
  });

  it('counts each call once against the rate limit, redirects included', async () => {
    let now = 0;
    const { call } = setup({ limits: { ...defaultResourceLimits(), max_http_requests_per_minute: 2 }, now: () => now });
    const before = a.requests.length;
    expect(body(await call(`http://127.0.0.1:${a.port}/chain?n=3`))).toBe('end of chain');
    expect(body(await call(`http://127.0.0.1:${a.port}/ok`))).toBe('hello');
    expect(body(await call(`http://127.0.0.1:${a.port}/ok`))).toMatch(/limit of 2 HTTP requests per minute/);
    expect(a.requests.length).toBe(before + 5);
    now += 60_000;
    expect(body(await call(`http://127.0.0.1:${a.port}/ok`))).toBe('hello');
  });
});

describe('TLS', () => {
  let dir: string;
  let tlsServer: Served;
  let cert: Buffer;
  const sni: Array<string | false | null> = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'weft-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=api.test', '-addext', 'subjectAltName=DNS:api.test'], { stdio: 'ignore' });
    cert = readFileSync(path.join(dir, 'cert.pem'));
    const server = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert });
    server.on('secureConnection', (s: TLSSocket) => sni.push(s.servername));
    tlsServer = await serve((_req, res) => res.end('secure hello'), server);
  });
  afterAll(async () => {
    await tlsServer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function tlsSetup(trust: boolean) {
    const lookup = vi.fn<LookupFn>(async () => [{ address: '93.184.216.34', family: 4 }]);
    const real = createConnector(trust ? { ca: cert } : {});
    const connect: ConnectFn = (t) => real({ ...t, address: '127.0.0.1', port: tlsServer.port });
    return setup({ lookup, connect, granted: { network: ['api.test', 'other.test'], filesystem: [], env_vars: [], shell: false } });
  }

  it('sends SNI and verifies the certificate against the host name', async () => {
    expect(body(await tlsSetup(true).call('https://api.test/'))).toBe('secure hello');
    expect(sni.at(-1)).toBe('api.test');
  });

  it('refuses a certificate for another name, and an untrusted certificate', async () => {
    expect(body(await tlsSetup(true).call('https://other.test/'))).toMatch(/not valid for other.test/);
    expect(body(await tlsSetup(false).call('https://api.test/'))).toMatch(/could not be verified/);
  });
});
