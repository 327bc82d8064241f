// The plugin runtime with the committed components: calls through the worker, host calls
// through the bridge, fuel, memory caps, traps, cancellation. Needs `npm run build` first
// (the worker runs dist/sandbox/runtime/worker-main.js).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import type { PluginManifest, ResourceLimits } from '../../src/plugin/manifest/types.js';
import { loadPlugin, PluginRuntime, type HostCall, type HostHandler, type HostResult, type PluginInstance } from '../../src/sandbox/runtime/index.js';
import { repoRoot } from '../helpers/run-weft.js';

const text = (s: string) => new TextEncoder().encode(s);
const plugin = (name: string) => ({
  bytes: new Uint8Array(readFileSync(path.join(repoRoot, 'plugins', name, `${name}.wasm`))),
  manifest: manifestOf(name),
});

function manifestOf(name: string): PluginManifest {
  const file = path.join(repoRoot, 'plugins', name, 'clawft.plugin.json');
  return parseManifest(readFileSync(file, 'utf8'), file).manifest!;
}

function withLimits(manifest: PluginManifest, limits: Partial<ResourceLimits>): PluginManifest {
  return { ...manifest, resources: { ...manifest.resources, ...limits } };
}

/** Records every call and answers from `answers`; anything else is denied. */
function recordingHost(answers: Partial<Record<HostCall['fn'], (call: HostCall) => HostResult>> = {}): { host: HostHandler; calls: HostCall[] } {
  const calls: HostCall[] = [];
  const host: HostHandler = async (call) => {
    calls.push(call);
    return answers[call.fn]?.(call) ?? { ok: false, error: `${call.fn} denied` };
  };
  return { host, calls };
}

/** The checksum echo-wat's compute returns. */
function lcg(n: number): number {
  let x = 1;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  return x;
}

let cacheRoot = '';
const open: PluginInstance[] = [];
const echo = plugin('echo-wat');

async function load(manifest: PluginManifest = echo.manifest, host: HostHandler = recordingHost().host): Promise<PluginInstance> {
  const p = await loadPlugin({ id: manifest.id, componentBytes: echo.bytes, manifest, cacheRoot, host });
  open.push(p);
  return p;
}

beforeAll(() => {
  cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-runtime-'));
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.dispose()));
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe('calls through the worker', () => {
  it('list-tools reports the manifest tools; the verified list is kept without a worker', async () => {
    const p = await load();
    expect(p.workerThreadId).toBeUndefined(); // no worker until the first call
    expect(p.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }))).toEqual(echo.manifest.tools);
    const listed = await p.listTools();
    expect(listed.ok && listed.tools.map((t) => t.name)).toEqual(echo.manifest.tools.map((t) => t.name));
    expect(p.workerThreadId).toBeGreaterThan(0);
  });

  it('echo, compute and fail', async () => {
    const p = await load();
    const args = '{"s": "h\\u00e9llo ☃ 🦀"}';
    expect(await p.callTool('echo', args)).toMatchObject({ ok: true, content: args });
    expect(await p.callTool('compute', '{"n": 1000}')).toMatchObject({ ok: true, content: `{"n":1000,"result":${lcg(1000)}}` });
    expect(await p.callTool('fail', '{"message": "boom"}')).toMatchObject({ ok: false, kind: 'error', error: 'boom' });
    expect(await p.callTool('nope', '{}')).toMatchObject({ ok: false, kind: 'error', error: 'unknown tool: nope' });
    const ok = await p.callTool('echo', '{}');
    expect(ok.ok && ok.fuelUsed).toBeGreaterThan(0n);
  });

  it('host calls reach the HostHandler exactly as the guest made them, and results map back', async () => {
    const { host, calls } = recordingHost({
      'get-env': (c) => ({ ok: true, value: c.fn === 'get-env' && c.name === 'WEFT_ECHO_VAR' ? 'value ✓' : null }),
      log: () => ({ ok: true, value: null }),
      'read-file': (c) => (c.fn === 'read-file' && c.path === 'secret' ? { ok: false, error: 'permission denied: secret' } : { ok: true, value: text('contents ü') }),
      'write-file': () => ({ ok: true, value: null }),
      'http-request': () => ({ ok: true, value: { status: 201, headers: [['content-type', 'text/plain']], body: text('made') } }),
    });
    const p = await load(echo.manifest, host);
    expect(await p.callTool('get_env', '{"name": "WEFT_ECHO_VAR"}')).toMatchObject({ ok: true, content: 'value ✓' });
    expect(await p.callTool('get_env', '{"name": "HOME"}')).toMatchObject({ ok: false, error: 'HOME is not set or not granted' });
    expect(await p.callTool('log', '{"level": "warn", "message": "careful"}')).toMatchObject({ ok: true, content: 'logged' });
    expect(await p.callTool('read_file', '{"path": "notes/a.txt"}')).toMatchObject({ ok: true, content: 'contents ü' });
    expect(await p.callTool('read_file', '{"path": "secret"}')).toMatchObject({ ok: false, kind: 'error', error: 'permission denied: secret' });
    expect(await p.callTool('write_file', '{"path": "out.txt", "contents": "héllo"}')).toMatchObject({ ok: true, content: '{"written":6}' });
    expect(await p.callTool('http_request', '{"url": "http://127.0.0.1:9/x", "method": "POST", "body": "data!"}'))
      .toMatchObject({ ok: true, content: '201\ncontent-type: text/plain\n\nmade' });
    expect(calls).toEqual([
      { fn: 'get-env', name: 'WEFT_ECHO_VAR' },
      { fn: 'get-env', name: 'HOME' },
      { fn: 'log', level: 'warn', message: 'careful' },
      { fn: 'read-file', path: 'notes/a.txt' },
      { fn: 'read-file', path: 'secret' },
      { fn: 'write-file', path: 'out.txt', contents: text('héllo') },
      { fn: 'http-request', method: 'POST', url: 'http://127.0.0.1:9/x', headers: [['user-agent', 'weft-echo-wat/0.1']], body: text('data!') },
    ]);
  });

  it('a host handler that throws or answers nonsense is an err for the guest, never a crash', async () => {
    const host: HostHandler = async (call) => {
      if (call.fn === 'read-file') throw new Error('disk on fire');
      return { ok: true, value: 'not a response' };
    };
    const p = await load(echo.manifest, host);
    expect(await p.callTool('read_file', '{"path": "a"}')).toMatchObject({ ok: false, kind: 'error', error: 'host error: disk on fire' });
    expect(await p.callTool('http_request', '{"url": "http://x/"}')).toMatchObject({ ok: false, error: 'host error: http-request returned no response' });
    expect(await p.callTool('echo', '{}')).toMatchObject({ ok: true });
  });

  it('hello-as (AssemblyScript) runs too', async () => {
    const hello = plugin('hello-as');
    const { host, calls } = recordingHost({ 'get-env': () => ({ ok: true, value: 'Ada' }), log: () => ({ ok: true, value: null }) });
    const p = await loadPlugin({ id: 'hello', componentBytes: hello.bytes, manifest: hello.manifest, cacheRoot, host });
    open.push(p);
    expect(await p.callTool('hello', '{}')).toMatchObject({ ok: true, content: 'Hello, Ada!' });
    expect(calls).toEqual([{ fn: 'get-env', name: 'WEFT_HELLO_NAME' }, { fn: 'log', level: 'info', message: 'greeting Ada' }]);
  });

  it('calls to one plugin are serialised: concurrent calls all complete, each on its own budget', async () => {
    const p = await load();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => p.callTool('compute', JSON.stringify({ n: 1000 * i }))));
    results.forEach((r, i) => expect(r).toMatchObject({ ok: true, content: `{"n":${1000 * i},"result":${lcg(1000 * i)}}` }));
  });
});

describe('the runtime and its spare worker', () => {
  it('a pre-started spare becomes the next plugin\'s worker; a new spare boots after it loads', async () => {
    const events: string[] = [];
    let first: number | undefined;
    let second: number | undefined;
    const runtime = new PluginRuntime({ cacheRoot, onEvent: (e) => events.push(`${e.type} ${e.threadId}`) });
    try {
      await runtime.prestart();
      first = runtime.pool!.spareThreadId;
      const a = await runtime.load({ id: 'a', componentBytes: echo.bytes, manifest: echo.manifest, host: recordingHost().host });
      expect(await a.callTool('echo', '{}')).toMatchObject({ ok: true });
      expect(a.workerThreadId).toBe(first);
      second = runtime.pool!.spareThreadId; // the refill, started once a had loaded
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      const b = await runtime.load({ id: 'b', componentBytes: echo.bytes, manifest: echo.manifest, host: recordingHost().host });
      expect(await b.callTool('echo', '{}')).toMatchObject({ ok: true });
      expect(b.workerThreadId).toBe(second);
      expect(events).toEqual([`worker-start ${first}`, `worker-start ${second}`]);
    } finally {
      await runtime.dispose();
    }
    expect(events.slice(2).sort()).toEqual([`worker-exit ${first}`, `worker-exit ${second}`].sort()); // the new spare exits silently
  });
});

describe('fuel is real', () => {
  it('units used by a loop of N iterations equal its exact instruction count (2N iterations, 2x units)', async () => {
    const p = await load();
    // 100000, 200000 and 300000 have as many digits, and so do their checksums: the
    // only difference between the calls is the loop, 15 instructions an iteration.
    for (const n of [100_000, 200_000, 300_000]) expect(String(lcg(n)).length).toBe(10);
    const used = async (n: number) => {
      const r = await p.callTool('compute', JSON.stringify({ n }));
      if (!r.ok) throw new Error(r.error);
      return r.fuelUsed;
    };
    const [one, two, three] = [await used(100_000), await used(200_000), await used(300_000)];
    expect(two - one).toBe(15n * 100_000n);
    expect(three - two).toBe(two - one);
    expect(await used(100_000)).toBe(one); // deterministic
  });

  it('an infinite loop ends with the fuel error and the next call succeeds', async () => {
    const p = await load(withLimits(echo.manifest, { max_fuel: 1_000_000 }));
    const r = await p.callTool('compute', '{"n": 4294967294}');
    expect(r).toMatchObject({ ok: false, kind: 'fuel', error: 'resource exhausted: fuel (budget 1000000 units)' });
    expect(!r.ok && r.fuelUsed).toBeGreaterThan(1_000_000n);
    expect(await p.callTool('echo', '{"again": true}')).toMatchObject({ ok: true, content: '{"again": true}' });
    expect(await p.callTool('compute', '{"n": 1000}')).toMatchObject({ ok: true }); // a budget per call, not per instance
  });
});

describe('memory is real', () => {
  /** Grows one page at a time until refused; returns the largest size reached, in bytes. */
  async function largest(p: PluginInstance): Promise<number> {
    let size = 0;
    for (let i = 0; i < 70_000; i++) {
      const r = await p.callTool('grow_memory', '{"pages": 1}');
      if (!r.ok) throw new Error(r.error);
      const previous = (JSON.parse(r.content) as { previous: number }).previous;
      if (previous === -1) return size;
      size = (previous + 1) * 65536;
    }
    throw new Error('memory never stopped growing');
  }

  it.each([16, 32])('a guest reaches at most max_memory_mb %i MiB, and at least 1 MiB less', async (mb) => {
    const p = await load(withLimits(echo.manifest, { max_memory_mb: mb }));
    const size = await largest(p);
    expect(size).toBeLessThanOrEqual(mb * 1024 * 1024);
    expect(size).toBeGreaterThanOrEqual((mb - 1) * 1024 * 1024);
    expect(await p.callTool('grow_memory', '{"pages": 70000}')).toMatchObject({ ok: true, content: '{"previous":-1}' });
  });
});

describe('traps and cancellation', () => {
  it('a trap is kind error with the trap message; the next call runs on a fresh instance', async () => {
    const p = await load();
    await p.callTool('grow_memory', '{"pages": 3}');
    const r = await p.callTool('trap', '{}');
    expect(r).toMatchObject({ ok: false, kind: 'error' });
    expect(!r.ok && r.error).toMatch(/unreachable/);
    const thread = p.workerThreadId;
    expect(await p.callTool('grow_memory', '{"pages": 1}')).toMatchObject({ ok: true, content: '{"previous":1}' }); // fresh memory
    expect(p.workerThreadId).toBe(thread); // same worker: only the instance was replaced
  });

  it('an AbortSignal cancels a running call by terminating the worker; the next call starts a new one', async () => {
    const p = await load();
    await p.callTool('echo', '{}');
    const thread = p.workerThreadId;
    const controller = new AbortController();
    const running = p.callTool('compute', '{"n": 4294967294}', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await running).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(await p.callTool('echo', '{"x": 1}')).toMatchObject({ ok: true, content: '{"x": 1}' });
    expect(p.workerThreadId).not.toBe(thread);
  });

  it('an aborted signal cancels before anything runs; dispose ends later calls', async () => {
    const p = await load();
    expect(await p.callTool('echo', '{}', { signal: AbortSignal.abort() })).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(p.workerThreadId).toBeUndefined();
    await p.dispose();
    expect(await p.callTool('echo', '{}')).toMatchObject({ ok: false, kind: 'cancelled' });
  });
});
