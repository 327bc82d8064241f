// Time in the plugin runtime: the wall-clock deadline, host calls that block the guest's
// worker (not the main thread), and a main thread that keeps ticking while a guest
// computes. Serial because it measures time. Needs `npm run build` first.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import type { PluginManifest, ResourceLimits } from '../../src/plugin/manifest/types.js';
import { loadPlugin, type HostHandler, type PluginInstance, type RuntimeEvent } from '../../src/sandbox/runtime/index.js';
import { repoRoot } from '../helpers/run-weft.js';
import { createMemoryAuditSink } from '../../src/sandbox/audit/index.js';
import { createHost } from '../../src/sandbox/host/index.js';

const file = path.join(repoRoot, 'plugins/echo-wat/clawft.plugin.json');
const manifest = parseManifest(readFileSync(file, 'utf8'), file).manifest!;
const bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'plugins/echo-wat/echo-wat.wasm')));
const withLimits = (limits: Partial<ResourceLimits>): PluginManifest => ({ ...manifest, resources: { ...manifest.resources, ...limits } });
const env = (delayMs: number): HostHandler => async (call) => {
  if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  return call.fn === 'get-env' ? { ok: true, value: 'slow or fast' } : { ok: false, error: 'denied' };
};

let cacheRoot = '';
let silent: Server;
let silentUrl = '';
const open: PluginInstance[] = [];

async function load(m: PluginManifest, host: HostHandler, onEvent?: (e: RuntimeEvent) => void): Promise<PluginInstance> {
  const p = await loadPlugin({ id: m.id, componentBytes: bytes, manifest: m, cacheRoot, host, ...(onEvent ? { onEvent } : {}) });
  open.push(p);
  return p;
}

beforeAll(async () => {
  cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-runtime-time-'));
  // A server that accepts connections and never answers.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.dispose()));
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe('the deadline', () => {
  const hosts: [string, (aborted: AbortSignal[]) => HostHandler][] = [
    ['a host handler that never resolves', (aborted) => (_call, signal) => {
      if (signal) aborted.push(signal);
      return new Promise(() => undefined);
    }],
    ['a real request to a 127.0.0.1 server that never answers', (aborted) => async (call, signal) => {
      if (call.fn !== 'http-request') return { ok: false, error: 'denied' };
      if (signal) aborted.push(signal);
      try {
        const response = await fetch(call.url, { method: call.method, ...(signal ? { signal } : {}) });
        return { ok: true, value: { status: response.status, headers: [], body: new Uint8Array(await response.arrayBuffer()) } };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    }],
    ['weft\'s own host (createHost) fetching through the allowAddresses exception', (aborted) => {
      const real = createHost({
        pluginId: manifest.id, granted: manifest.permissions, limits: manifest.resources, workspace: null, home: cacheRoot,
        audit: createMemoryAuditSink(), allowAddresses: [new URL(silentUrl).host],
      });
      return (call, signal) => {
        if (signal) aborted.push(signal);
        return real(call, signal);
      };
    }],
  ];

  it.each(hosts)('with max_execution_seconds 1 and %s, the worker is gone within 1.5 s and the next call succeeds', async (_name, makeHost) => {
    const signals: AbortSignal[] = [];
    const events: RuntimeEvent[] = [];
    const p = await load(withLimits({ max_execution_seconds: 1 }), makeHost(signals), (e) => events.push(e));
    await p.callTool('echo', '{}'); // worker up, so the deadline measures the call alone
    const thread = p.workerThreadId;
    const start = performance.now();
    const r = await p.callTool('http_request', JSON.stringify({ url: silentUrl }));
    const elapsed = performance.now() - start;
    expect(r).toEqual({ ok: false, kind: 'deadline', error: 'resource exhausted: time (1 s)' });
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(1500);
    expect(events.at(-1)).toMatchObject({ type: 'worker-exit', threadId: thread, reason: 'deadline' }); // terminated before the result
    expect(signals.at(-1)?.aborted).toBe(true); // the host's I/O was told to stop
    expect(await p.callTool('echo', '{"next": 1}')).toMatchObject({ ok: true, content: '{"next": 1}' });
    expect(p.workerThreadId).not.toBe(thread);
  });

  it('a guest spinning with fuel to spare is stopped by the deadline too', async () => {
    const p = await load(withLimits({ max_execution_seconds: 1, max_fuel: 1e11 }), env(0));
    const start = performance.now();
    expect(await p.callTool('compute', '{"n": 4294967294}')).toMatchObject({ ok: false, kind: 'deadline' });
    expect(performance.now() - start).toBeLessThan(1500);
    expect(await p.callTool('echo', '{}')).toMatchObject({ ok: true });
  });
});

describe('blocking host calls', () => {
  it('a guest blocked 2 s in a host call uses no more units than an instant one', async () => {
    const fast = await load(manifest, env(0));
    const slow = await load(manifest, env(2000));
    const a = await fast.callTool('get_env', '{"name": "X"}');
    const start = performance.now();
    const b = await slow.callTool('get_env', '{"name": "X"}');
    expect(performance.now() - start).toBeGreaterThanOrEqual(1990);
    expect(a).toMatchObject({ ok: true, content: 'slow or fast' });
    expect(b).toEqual(a);
  });

  it('the main thread stays responsive while a guest computes and while one waits on the host', async () => {
    const busy = await load(withLimits({ max_fuel: 1e11 }), env(0));
    const waiting = await load(manifest, env(500));
    await Promise.all([busy.callTool('echo', '{}'), waiting.callTool('echo', '{}')]);
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    const start = performance.now();
    const [computed, waited] = await Promise.all([busy.callTool('compute', '{"n": 600000000}'), waiting.callTool('get_env', '{"name": "X"}')]);
    const end = performance.now();
    clearInterval(timer);
    expect(computed).toMatchObject({ ok: true });
    expect(waited).toMatchObject({ ok: true });
    const gaps = ticks.map((t, i) => t - (i ? ticks[i - 1]! : start));
    expect(ticks.length).toBeGreaterThanOrEqual(Math.floor((end - start) / 10 / 3));
    expect(Math.max(...gaps)).toBeLessThan(150);
  });
  // The bridge's round-trip cost is a speed figure: bench/plugin-call.bench.mjs measures it.
});
