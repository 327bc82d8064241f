// Calls through the plugin runtime, with the committed echo-wat component in its worker:
// - a warm call of a trivial tool (echo '{}'), main thread to guest and back (target <= 73 µs
//   median, the Extism JS SDK's figure for a worker call);
// - a host call's round trip through the Atomics.wait bridge (get_env minus echo), printed;
// - fuel overhead on a compute-bound guest against the same component unmetered in the same
//   run (target <= 5 %): a component built here around the xorshift loop of bench/fuel.bench.mjs
//   (22 instructions, one segment an iteration). echo-wat's compute is printed beside it
//   without a target: its 15-instruction loop tests at the top, so it pays two charges an
//   iteration, the rewriter's worst case for a tight loop.
// Needs `npm run build` (imports dist/) and the jco devDependency (builds the component).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco';
import { median, report } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { loadPlugin, lookupCache, componentHash, PluginInstance } = await dist('sandbox/runtime/index.js');
const { parseManifest } = await dist('plugin/manifest/parse.js');
const manifestFile = path.join(root, 'plugins/echo-wat/clawft.plugin.json');
const manifest = parseManifest(readFileSync(manifestFile, 'utf8'), manifestFile).manifest;
manifest.resources.max_fuel = 1e11;
const bytes = new Uint8Array(readFileSync(path.join(root, 'plugins/echo-wat/echo-wat.wasm')));
const cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-call-bench-'));
const host = async (call) => (call.fn === 'get-env' ? { ok: true, value: 'v' } : { ok: false, error: 'denied' });
const runs = Number(process.env.BENCH_RUNS ?? 15);

const p = await loadPlugin({ id: 'echo', componentBytes: bytes, manifest, cacheRoot, host });

async function timeCalls(tool, args, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const r = await p.callTool(tool, args);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
    if (!r.ok) throw new Error(r.error);
  }
  return times;
}

let ok = true;
await timeCalls('echo', '{}', 3000); // warm up both threads
const echo = median(await timeCalls('echo', '{}', 20000));
ok = report('warm call of a trivial tool (echo), median', `${echo.toFixed(1)} µs`, '<= 73 µs', echo <= 73) && ok;
const withHost = median(await timeCalls('get_env', '{"name":"X"}', 10000));
const plain = median(await timeCalls('echo', '{"name":"X"}', 10000));
console.log(`host call round trip through the bridge (get_env minus echo, medians): ${(withHost - plain).toFixed(1)} µs (get_env ${withHost.toFixed(1)} µs)`);

// A component with one tool, `spin`: parses n from the args, runs n xorshift iterations and
// returns the result in hex (canonical ABI by hand, as plugins/README.md describes).
const SPIN = `(module
  (memory (export "memory") 1)
  (data (i32.const 16) "spin")
  (data (i32.const 32) "Runs n xorshift iterations.")
  (data (i32.const 80) "{\\"type\\":\\"object\\"}")
  (data (i32.const 128) "\\10\\00\\00\\00\\04\\00\\00\\00\\20\\00\\00\\00\\1b\\00\\00\\00\\50\\00\\00\\00\\11\\00\\00\\00")
  (data (i32.const 160) "\\80\\00\\00\\00\\01\\00\\00\\00")
  (data (i32.const 240) "0123456789abcdef")
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "cabi_post_weft:plugin/tools@0.1.0#call-tool") (param i32) (global.set $heap (i32.const 1024)))
  (func (export "weft:plugin/tools@0.1.0#list-tools") (result i32) (i32.const 160))
  (func (export "weft:plugin/tools@0.1.0#call-tool") (param $np i32) (param $nl i32) (param $ap i32) (param $al i32) (result i32)
    (local $n i32) (local $i i32) (local $x i32) (local $c i32)
    (block $parsed (loop $scan
      (br_if $parsed (i32.ge_u (local.get $i) (local.get $al)))
      (local.set $c (i32.sub (i32.load8_u (i32.add (local.get $ap) (local.get $i))) (i32.const 48)))
      (if (i32.lt_u (local.get $c) (i32.const 10))
        (then (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 10)) (local.get $c)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
    (local.set $i (i32.const 0))
    (local.set $x (i32.const 12345))
    (loop $l
      local.get $x local.get $x i32.const 13 i32.shl i32.xor local.set $x
      local.get $x local.get $x i32.const 17 i32.shr_u i32.xor local.set $x
      local.get $x local.get $x i32.const 5 i32.shl i32.xor local.set $x
      local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $l)
    (local.set $i (i32.const 0))
    (loop $hex
      (i32.store8 (i32.sub (i32.const 207) (local.get $i)) (i32.load8_u (i32.add (i32.const 240) (i32.and (local.get $x) (i32.const 15)))))
      (local.set $x (i32.shr_u (local.get $x) (i32.const 4)))
      (br_if $hex (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (i32.store8 (i32.const 176) (i32.const 0))
    (i32.store (i32.const 180) (i32.const 200))
    (i32.store (i32.const 184) (i32.const 8))
    (i32.const 176)))`;
const witSource = readFileSync(path.join(root, 'wit/plugin.wit'), 'utf8');
const spinBytes = await componentNew(await componentEmbed({ binary: await parse(SPIN), witSource, world: 'plugin', stringEncoding: 'utf8' }));
const spinManifest = parseManifest(JSON.stringify({
  id: 'dev.weft.bench.spin', name: 'Spin', version: '0.1.0', capabilities: ['tool'], wasm_module: 'spin.wasm',
  resources: { max_fuel: 1e11 },
  tools: [{ name: 'spin', description: 'Runs n xorshift iterations.', input_schema: { type: 'object' } }],
}), 'clawft.plugin.json').manifest;

/** Metered vs unmetered instances of one cache entry, calls interleaved so machine noise hits both alike. */
async function overhead(componentBytes, m, tool, args) {
  const metered = await loadPlugin({ id: m.id, componentBytes, manifest: m, cacheRoot, host });
  const entry = await lookupCache(cacheRoot, componentHash(componentBytes));
  const bare = new PluginInstance({ id: `${m.id}-unmetered`, entry, limits: m.resources, host, unmetered: true });
  const timeOne = async (plugin) => {
    const start = performance.now();
    const r = await plugin.callTool(tool, args);
    if (!r.ok) throw new Error(r.error);
    return [performance.now() - start, r];
  };
  for (let i = 0; i < 3; i++) { await timeOne(metered); await timeOne(bare); } // both tiers warm
  const tm = [];
  const tu = [];
  let units = 0n;
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs right after the other's burst.
    const [[a, ra], [b, rb]] = i % 2
      ? [await timeOne(metered), await timeOne(bare)]
      : await timeOne(bare).then(async (u) => [await timeOne(metered), u]);
    if (ra.content !== rb.content) throw new Error('metered and unmetered results differ');
    tm.push(a);
    tu.push(b);
    units = ra.fuelUsed;
  }
  await Promise.all([metered.dispose(), bare.dispose()]);
  const [mm, mu] = [median(tm), median(tu)];
  console.log(`${tool} ${args}: unmetered median ${mu.toFixed(1)} ms, metered ${mm.toFixed(1)} ms (${runs} runs each, ${units} units a run)`);
  return (mm / mu - 1) * 100;
}

const spin = await overhead(spinBytes, spinManifest, 'spin', '{"n":40000000}');
ok = report('fuel overhead through the component (compute-bound guest: spin)', `${spin.toFixed(2)} %`, '<= 5 %', spin <= 5) && ok;
const tight = await overhead(bytes, manifest, 'compute', '{"n":100000000}');
console.log(`fuel overhead (echo-wat compute, a 15-instruction loop with two segments): ${tight.toFixed(2)} %  (informational, no target)`);

await p.dispose();
rmSync(cacheRoot, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
