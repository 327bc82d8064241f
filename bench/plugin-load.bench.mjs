// Plugin load through the runtime, with the committed echo-wat component. "Load" runs from
// the cache lookup to the first call-tool being answered (loadPlugin + the first callTool).
// - first load, in a fresh process with an empty cache, jco-transpile's import included
//   (target <= 400 ms; the runtime's own modules are loaded first, as at weft's start);
// - cached load with a pre-started spare worker, a pool of one (target <= 30 ms), and
//   with a fresh worker (target <= 60 ms); the worker start is printed separately.
// Needs `npm run build` (imports dist/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, report } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(root, 'dist', p)).href;
const runs = Number(process.env.BENCH_RUNS ?? 15);
const component = path.join(root, 'plugins/echo-wat/echo-wat.wasm');
const manifestFile = path.join(root, 'plugins/echo-wat/clawft.plugin.json');

// One first load in a fresh process; prints JSON { ms, bootMs }.
const child = `
  const { readFileSync } = await import('node:fs');
  const { PluginRuntime } = await import(${JSON.stringify(dist('sandbox/runtime/index.js'))});
  const { parseManifest } = await import(${JSON.stringify(dist('plugin/manifest/parse.js'))});
  const manifest = parseManifest(readFileSync(${JSON.stringify(manifestFile)}, 'utf8'), 'clawft.plugin.json').manifest;
  const bytes = new Uint8Array(readFileSync(${JSON.stringify(component)}));
  const pool = process.argv[1] === 'pool';
  let bootMs = 0;
  const runtime = new PluginRuntime({ cacheRoot: process.argv[2], spareWorker: pool, onEvent: (e) => { if (e.type === 'worker-start') bootMs = e.bootMs; } });
  await runtime.prestart(); // as weft does at start; no-op without a spare
  const start = performance.now();
  const p = await runtime.load({ id: 'echo', componentBytes: bytes, manifest, host: async () => ({ ok: false, error: 'denied' }) });
  const r = await p.callTool('echo', '{}');
  const ms = performance.now() - start;
  if (!r.ok) throw new Error(r.error);
  await runtime.dispose();
  console.log(JSON.stringify({ ms, bootMs }));`;

function firstLoad(mode) {
  const times = [];
  for (let i = 0; i < Math.max(5, Math.floor(runs / 2)); i++) {
    const cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-load-bench-'));
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', child, mode, cacheRoot], { encoding: 'utf8' });
    rmSync(cacheRoot, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`first-load child failed: ${r.stderr}`);
    times.push(JSON.parse(r.stdout).ms);
  }
  return median(times);
}

const { PluginRuntime } = await import(dist('sandbox/runtime/index.js'));
const { parseManifest } = await import(dist('plugin/manifest/parse.js'));
const manifest = parseManifest(readFileSync(manifestFile, 'utf8'), manifestFile).manifest;
const bytes = new Uint8Array(readFileSync(component));
const host = async () => ({ ok: false, error: 'denied' });

/** Cached loads in this process: fills the cache once, then times lookup → first answer. */
async function cachedLoads(spareWorker) {
  const cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-load-bench-'));
  let boot = 0;
  const runtime = new PluginRuntime({ cacheRoot, spareWorker, onEvent: (e) => { if (e.type === 'worker-start') boot = e.bootMs; } });
  await (await runtime.load({ id: 'echo', componentBytes: bytes, manifest, host })).dispose();
  const loads = [];
  const boots = [];
  for (let i = 0; i < runs + 3; i++) {
    await runtime.prestart(); // the spare (if any) is booted before the clock starts
    const start = performance.now();
    const p = await runtime.load({ id: 'echo', componentBytes: bytes, manifest, host });
    const r = await p.callTool('echo', '{}');
    const ms = performance.now() - start;
    if (!r.ok) throw new Error(r.error);
    await runtime.unload(p);
    if (i >= 3) { loads.push(ms); boots.push(boot); }
  }
  await runtime.dispose();
  rmSync(cacheRoot, { recursive: true, force: true });
  return { load: median(loads), boot: median(boots) };
}

let ok = true;
const firstPool = firstLoad('pool');
const firstFresh = firstLoad('fresh');
ok = report('first load (fresh process, empty cache, jco-transpile import included), spare worker', `${firstPool.toFixed(1)} ms`, '<= 400 ms', firstPool <= 400) && ok;
ok = report('first load (fresh process, empty cache, jco-transpile import included), no spare', `${firstFresh.toFixed(1)} ms`, '<= 400 ms', firstFresh <= 400) && ok;
const spare = await cachedLoads(true);
const fresh = await cachedLoads(false);
console.log(`worker start (thread boot to ready): ${fresh.boot.toFixed(1)} ms median; with a spare it happens before the load (${spare.boot.toFixed(1)} ms, not counted)`);
ok = report('cached load, spare worker (pool of one)', `${spare.load.toFixed(1)} ms`, '<= 30 ms', spare.load <= 30) && ok;
ok = report('cached load, fresh worker', `${fresh.load.toFixed(1)} ms`, '<= 60 ms', fresh.load <= 60) && ok;
process.exit(ok ? 0 : 1);
