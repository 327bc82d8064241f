/**
 * http-request refusals, tested by attack. Every SSRF form must be refused
 * BEFORE any socket exists: the connection guard sees no attempt and the
 * injected connector is never called. No test here opens a connection.
 */
import { Duplex } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { defaultResourceLimits } from '../../src/plugin/manifest/limits.js';
import { createMemoryAuditSink } from '../../src/sandbox/audit/index.js';
import { createHost, refusedAddress, type ConnectFn, type ConnectTarget, type HostContext, type LookupFn } from '../../src/sandbox/host/index.js';
import { describeConnectArgs, isLoopbackLiteral, useConnectionGuard } from '../helpers/connection-guard.js';

const guard = useConnectionGuard();

/** A connector that records what it is given and opens nothing. */
function recordingConnector(): { connect: ConnectFn; calls: ConnectTarget[] } {
  const calls: ConnectTarget[] = [];
  const connect: ConnectFn = (target) => {
    calls.push(target);
    const fake = new Duplex({ read() {}, write(_c, _e, cb) { cb(); } });
    process.nextTick(() => fake.destroy(Object.assign(new Error('fake connector: no network in tests'), { code: 'ECONNREFUSED' })));
    return fake;
  };
  return { connect, calls };
}

function setup(network: string[], over: Partial<HostContext> = {}) {
  const audit = createMemoryAuditSink();
  const connector = recordingConnector();
  const lookup = vi.fn<LookupFn>(async () => [{ address: '93.184.216.34', family: 4 }]);
  const host = createHost({
    pluginId: 'net-test', granted: { network, filesystem: [], env_vars: [], shell: false },
    limits: defaultResourceLimits(), workspace: null, home: '/nonexistent', audit, lookup, connect: connector.connect, ...over,
  });
  const get = (url: string) => host({ fn: 'http-request', method: 'GET', url, headers: [], body: new Uint8Array(0) });
  return { host, get, audit, connector, lookup };
}

async function expectNoSocket(s: ReturnType<typeof setup>, url: string, pattern: RegExp): Promise<void> {
  const connected = s.connector.calls.length;
  const result = await s.get(url);
  expect(result.ok, `${url} should be refused`).toBe(false);
  if (!result.ok) expect(result.error, url).toMatch(pattern);
  expect(s.connector.calls.length, url).toBe(connected);
  expect(guard.current.attempts, url).toEqual([]);
  expect(s.audit.entries.at(-1)).toMatchObject({ fn: 'http-request', allowed: false });
}

const LITERALS: Array<[string, string, RegExp]> = [
  // URL, the host as listed in the manifest, the class named in the refusal
  ['http://127.0.0.1/', '127.0.0.1', /loopback/],
  ['https://127.0.0.1:8443/', '127.0.0.1', /loopback/],
  ['http://127.255.255.254/', '127.255.255.254', /loopback/],
  ['http://10.0.0.1/', '10.0.0.1', /private/],
  ['http://172.16.0.1/', '172.16.0.1', /private/],
  ['http://172.31.255.255/', '172.31.255.255', /private/],
  ['http://192.168.1.1/', '192.168.1.1', /private/],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', /metadata/],
  ['http://169.254.1.1/', '169.254.1.1', /link-local/],
  ['http://100.64.0.1/', '100.64.0.1', /carrier-grade/],
  ['http://100.100.100.200/', '100.100.100.200', /metadata/],
  ['http://192.0.0.192/', '192.0.0.192', /metadata/],
  ['http://168.63.129.16/', '168.63.129.16', /metadata/],
  ['http://0.0.0.0/', '0.0.0.0', /unspecified/],
  ['http://0/', '0.0.0.0', /unspecified/],
  ['http://224.0.0.1/', '224.0.0.1', /multicast/],
  ['http://255.255.255.255/', '255.255.255.255', /broadcast/],
  ['http://198.18.0.1/', '198.18.0.1', /reserved/],
  ['http://[::1]/', '::1', /loopback/],
  ['http://[::]/', '::', /unspecified/],
  ['http://[fe80::1]/', 'fe80::1', /link-local/],
  ['http://[fc00::1]/', 'fc00::1', /unique-local/],
  ['http://[fd00:ec2::254]/', 'fd00:ec2::254', /metadata/],
  ['http://[ff02::1]/', 'ff02::1', /multicast/],
  ['http://[::ffff:127.0.0.1]/', '::ffff:127.0.0.1', /loopback/],
  ['http://[::ffff:7f00:1]/', '::ffff:7f00:1', /loopback/],
  ['http://[::ffff:a9fe:a9fe]/', '::ffff:169.254.169.254', /metadata/],
  ['http://[::127.0.0.1]/', '::7f00:1', /global unicast/],
  ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1', /special-purpose/],
  ['http://[2002:7f00:1::]/', '2002:7f00:1::', /special-purpose/],
  ['http://[2001:db8::1]/', '2001:db8::1', /reserved/],
  // Other spellings of 127.0.0.1, normalised by the WHATWG URL parser
  ['http://2130706433/', '127.0.0.1', /loopback/],
  ['http://0177.0.0.1/', '127.0.0.1', /loopback/],
  ['http://0x7f.0.0.1/', '127.0.0.1', /loopback/],
  ['http://0x7f000001/', '127.0.0.1', /loopback/],
  ['http://017700000001/', '127.0.0.1', /loopback/],
  ['http://127.1/', '127.0.0.1', /loopback/],
  ['http://127.0.1/', '127.0.0.1', /loopback/],
  ['http://127.000.000.001/', '127.0.0.1', /loopback/],
  ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254', /metadata/],
];

describe('private, loopback, link-local, metadata and special addresses', () => {
  it.each(LITERALS)('%s is refused before any socket', async (url, listed, pattern) => {
    const s = setup([listed]);
    await expectNoSocket(s, url, pattern);
    expect(s.lookup).not.toHaveBeenCalled();
  });

  it('refuses a listed name that resolves to a private address, with every answer checked', async () => {
    const answers: Array<[string, number][]> = [
      [['127.0.0.1', 4]], [['::1', 6]], [['10.0.0.5', 4]], [['169.254.169.254', 4]], [['::ffff:127.0.0.1', 6]],
      [['93.184.216.34', 4], ['10.0.0.1', 4]], // one bad answer spoils the name
      [['2606:2800:220:1::1', 6], ['fe80::1', 6]], [['not-an-ip', 4]],
    ];
    for (const answer of answers) {
      const s = setup(['api.example.com', 'localhost']);
      s.lookup.mockResolvedValue(answer.map(([address, family]) => ({ address, family })));
      await expectNoSocket(s, 'http://api.example.com/', /resolves to|not an IP/);
      await expectNoSocket(s, 'http://localhost:8080/', /resolves to|not an IP/);
      expect(s.lookup).toHaveBeenCalledTimes(2);
    }
  });

  it('refuses when resolution fails or returns nothing', async () => {
    const s = setup(['api.example.com']);
    s.lookup.mockRejectedValueOnce(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    await expectNoSocket(s, 'http://api.example.com/', /could not be resolved \(ENOTFOUND\)/);
    s.lookup.mockResolvedValueOnce([]);
    await expectNoSocket(s, 'http://api.example.com/', /no address/);
  });

  it('refuses localhost with the real resolver', async () => {
    const s = setup(['localhost'], { lookup: undefined });
    await expectNoSocket(s, 'http://localhost/', /resolves to a loopback/);
  });

  it('classifies public addresses as allowed', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:93.184.216.34']) expect(refusedAddress(a), a).toBeUndefined();
  });
});

describe('schemes, allowlist and URL shape', () => {
  it('refuses non-http schemes', async () => {
    const s = setup(['api.example.com']);
    for (const url of ['file:///etc/passwd', 'ftp://api.example.com/', 'gopher://api.example.com:70/_x', 'data:text/plain,hi', 'ws://api.example.com/', 'javascript:alert(1)', 'blob:http://api.example.com/x']) {
      await expectNoSocket(s, url, /scheme/);
    }
    await expectNoSocket(s, 'not a url', /not valid/);
  });

  it('refuses hosts not on the allowlist, exactly and by wildcard', async () => {
    const s = setup(['api.example.com', '*.example.org']);
    for (const url of ['http://evil.com/', 'http://example.com/', 'http://api.example.com.evil.com/', 'http://evilapi.example.com/',
      'http://x.api.example.com/', 'http://example.org/', 'http://badexample.org/', 'http://example.org.evil.com/', 'http://93.184.216.34/']) {
      await expectNoSocket(s, url, /not on this plugin's network allowlist/);
    }
    await expectNoSocket(s, 'http://*.example.org/', /not a valid host name/);
    await expectNoSocket(s, 'http://api.example.com./', /ends with a dot/);
    await expectNoSocket(s, 'http://user:pw@api.example.com/', /credentials/);
    expect(s.lookup).not.toHaveBeenCalled();
  });

  it('lets listed names and wildcard matches through to the connector, with the checked address', async () => {
    const s = setup(['api.example.com', '*.example.org']);
    for (const url of ['http://api.example.com/', 'https://API.Example.com:8443/x', 'http://a.example.org/', 'http://a.b.example.org/']) {
      const r = await s.get(url);
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/connection .* was refused/) });
    }
    expect(s.connector.calls.map((c) => [c.hostname, c.address, c.port, c.tls, c.servername])).toEqual([
      ['api.example.com', '93.184.216.34', 80, false, 'api.example.com'],
      ['api.example.com', '93.184.216.34', 8443, true, 'api.example.com'],
      ['a.example.org', '93.184.216.34', 80, false, 'a.example.org'],
      ['a.b.example.org', '93.184.216.34', 80, false, 'a.b.example.org'],
    ]);
    expect(guard.current.attempts).toEqual([]);
  });

  it('refuses bad methods, oversize bodies and header injection before any lookup', async () => {
    const s = setup(['api.example.com']);
    const call = (over: object) => s.host({ fn: 'http-request', method: 'GET', url: 'http://api.example.com/', headers: [], body: new Uint8Array(0), ...over });
    for (const [over, pattern] of [
      [{ method: 'CONNECT' }, /method/], [{ method: 'TRACE' }, /method/],
      [{ method: 'POST', body: new Uint8Array(1024 * 1024 + 1) }, /1 MiB/],
      [{ headers: [['X-A', 'ok\r\nHost: evil']] }, /control/], [{ headers: [['Bad Name', 'x']] }, /header name/],
      [{ headers: [['Transfer-Encoding', 'chunked']] }, /refused/], [{ headers: [['Proxy-Authorization', 'x']] }, /refused/],
      [{ headers: Array.from({ length: 101 }, () => ['X', 'y']) }, /more than 100/],
    ] as Array<[object, RegExp]>) {
      const r = await call(over);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(pattern);
    }
    expect(s.lookup).not.toHaveBeenCalled();
    expect(s.connector.calls).toEqual([]);
  });
});

describe('DNS pinning', () => {
  it('connects to the address it checked, with exactly one lookup per hop', async () => {
    const s = setup(['rebind.example.com']);
    let n = 0;
    s.lookup.mockImplementation(async () => [{ address: n++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    const r = await s.get('http://rebind.example.com/');
    expect(r.ok).toBe(false);
    expect(s.lookup).toHaveBeenCalledTimes(1);
    expect(s.connector.calls.map((c) => c.address)).toEqual(['93.184.216.34']);
    expect(guard.current.attempts).toEqual([]);
    // The second call resolves anew and is refused on its own answer.
    await expectNoSocket(s, 'http://rebind.example.com/', /loopback/);
    expect(s.lookup).toHaveBeenCalledTimes(2);
  });
});

describe('rate limit', () => {
  it('admits max_http_requests_per_minute calls per sliding minute, refusing the rest before any lookup', async () => {
    let now = 1_000_000;
    const s = setup(['api.example.com'], { limits: { ...defaultResourceLimits(), max_http_requests_per_minute: 3 }, now: () => now });
    for (let i = 0; i < 3; i += 1) expect((await s.get('http://api.example.com/')).ok).toBe(false);
    expect(s.lookup).toHaveBeenCalledTimes(3);
    await expectNoSocket(s, 'http://api.example.com/', /limit of 3 HTTP requests per minute/);
    expect(s.lookup).toHaveBeenCalledTimes(3);
    now += 59_999;
    await expectNoSocket(s, 'http://api.example.com/', /limit of 3/);
    now += 1;
    await s.get('http://api.example.com/');
    expect(s.lookup).toHaveBeenCalledTimes(4);
  });
});

describe('connection guard', () => {
  it('knows loopback literals from everything else', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '::ffff:7f00:1']) expect(isLoopbackLiteral(h), h).toBe(true);
    for (const h of ['10.0.0.1', '93.184.216.34', 'localhost', 'example.com', '::', '::ffff:10.0.0.1', '0.0.0.0', '']) expect(isLoopbackLiteral(h), h).toBe(false);
  });

  it('reads every argument shape of connect()', () => {
    expect(describeConnectArgs([{ host: '10.0.0.1', port: 80 }])).toEqual({ host: '10.0.0.1', port: 80 });
    expect(describeConnectArgs([[{ host: '1.2.3.4', port: 443 }, null]])).toEqual({ host: '1.2.3.4', port: 443 });
    expect(describeConnectArgs([80, '1.2.3.4'])).toEqual({ host: '1.2.3.4', port: 80 });
    expect(describeConnectArgs([80])).toEqual({ host: 'localhost', port: 80 });
    expect(describeConnectArgs(['/tmp/sock'])).toEqual({ path: '/tmp/sock' });
  });
});
