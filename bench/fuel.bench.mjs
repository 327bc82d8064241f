// Fuel metering overhead on a compute-bound guest, metered vs unmetered in the same run
// (target <= 5 %; a memory-bound tight loop is printed beside it, without a target), and
// the rewrite time of a ~300 KB module in a fresh process (target < 50 ms).
// Needs `npm run build` (imports dist/) and the jco devDependency (compiles WAT here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from '@bytecodealliance/jco';
import { median, report } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { rewriteCoreModule, setFuel, readFuel } = await import(pathToFileURL(path.join(root, 'dist/sandbox/rewrite/index.js')).href);
const runs = Number(process.env.BENCH_RUNS ?? 15);

const GUESTS = {
  // A tight xorshift loop: 22 instructions an iteration, one segment charge and check per iteration.
  arith: {
    target: true,
    n: 40_000_000,
    wat: `(module (func (export "run") (param $n i32) (result i32) (local $i i32) (local $x i32)
      i32.const 12345 local.set $x
      (loop $l
        local.get $x local.get $x i32.const 13 i32.shl i32.xor local.set $x
        local.get $x local.get $x i32.const 17 i32.shr_u i32.xor local.set $x
        local.get $x local.get $x i32.const 5 i32.shl i32.xor local.set $x
        local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $l)
      local.get $x))`,
  },
  // Nested loops over memory with a call per outer iteration: the inner loop is 19 instructions
  // that run in ~3 cycles, so the per-iteration charge and check (sub, test, branch) show.
  // Printed for information: the worst case we know of, not the acceptance guest.
  memory: {
    target: false,
    n: 300_000,
    wat: `(module (memory 1)
      (func $mix (param $x i32) (result i32)
        local.get $x local.get $x i32.const 13 i32.shl i32.xor
        local.tee $x local.get $x i32.const 17 i32.shr_u i32.xor
        local.tee $x local.get $x i32.const 5 i32.shl i32.xor)
      (func (export "run") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $x i32) (local $acc i32)
        (local.set $x (i32.const 12345))
        (loop $outer
          (local.set $x (call $mix (local.get $x)))
          (local.set $j (i32.const 0))
          (loop $inner
            (i32.store (local.get $j) (i32.add (i32.load (local.get $j)) (i32.mul (local.get $x) (local.get $j))))
            (local.set $acc (i32.xor (local.get $acc) (i32.load (local.get $j))))
            (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 4))) (i32.const 1024))))
          (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (i32.add (local.get $acc) (local.get $x))))`,
  },
};

const time = (f) => {
  const start = process.hrtime.bigint();
  const result = f();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
};
const instantiate = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
const BUDGET = 1n << 62n;

let ok = true;
for (const [name, { n, wat, target }] of Object.entries(GUESTS)) {
  const original = await parse(wat);
  const rewritten = rewriteCoreModule(original, { fuel: true, maxMemoryPages: 16 });
  const plain = instantiate(original);
  const metered = instantiate(rewritten.bytes);
  const counter = metered[rewritten.fuelGlobalExport];
  const runMetered = () => {
    setFuel(counter, BUDGET);
    return metered.run(n);
  };
  for (let i = 0; i < 3; i++) { plain.run(n); runMetered(); } // warm up both tiers
  const base = [];
  const fuel = [];
  for (let i = 0; i < runs; i++) { // interleaved so machine noise hits both alike
    const [tb, rb] = time(() => plain.run(n));
    const [tf, rf] = time(runMetered);
    if (rb !== rf) throw new Error(`${name}: metered result ${rf} differs from ${rb}`);
    base.push(tb);
    fuel.push(tf);
  }
  const units = readFuel(counter, BUDGET).used;
  const b = median(base);
  const f = median(fuel);
  const overhead = (f / b - 1) * 100;
  console.log(`${name}: unmetered median ${b.toFixed(1)} ms, metered ${f.toFixed(1)} ms (${runs} runs each); ${units} units a run, ${(Number(units) / f / 1e6).toFixed(2)} units/ns`);
  if (target) ok = report(`fuel overhead (${name})`, `${overhead.toFixed(2)} %`, '<= 5 %', overhead <= 5) && ok;
  else console.log(`fuel overhead (${name}): ${overhead.toFixed(2)} %  (informational, no target)`);
}

// Rewrite time of a large module: ~2400 functions with loops, blocks, ifs, calls and stores.
const body = (i) => `(func $f${i} (export "f${i}") (param $n i32) (result i32) (local $i i32) (local $acc i32)
  (loop $l
    (block $b
      (br_if $b (i32.eqz (i32.and (local.get $i) (i32.const ${(i % 7) + 1}))))
      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const ${i + 3})))))
    (if (i32.gt_u (local.get $acc) (i32.const ${1000 + i}))
      (then (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 3)))))
      (else (local.set $acc (i32.rotl (local.get $acc) (i32.const 5)))))
    (i32.store (i32.and (local.get $acc) (i32.const 0xfffc)) (local.get $acc))
    (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
  ${i > 0 ? `(drop (call $f${i - 1} (i32.const 0)))` : ''}
  (local.get $acc))`;
const large = await parse(`(module (memory 1) ${Array.from({ length: 2400 }, (_, i) => body(i)).join('\n')})`);
// Cold: the first rewrite in a fresh process (what a host pays per module), median of 5 processes.
const dir = mkdtempSync(path.join(tmpdir(), 'weft-fuel-bench-'));
const file = path.join(dir, 'large.wasm');
writeFileSync(file, large);
const child = `
  const { readFileSync } = await import('node:fs');
  const { rewriteCoreModule } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/sandbox/rewrite/index.js')).href)});
  const bytes = readFileSync(${JSON.stringify(file)});
  const start = performance.now();
  const out = rewriteCoreModule(bytes, { fuel: true, maxMemoryPages: 16 });
  console.log(JSON.stringify({ ms: performance.now() - start, stats: out.stats, size: out.bytes.length }));`;
const cold = [];
let result;
for (let i = 0; i < 5; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rewrite child failed: ${r.stderr}`);
  result = JSON.parse(r.stdout);
  cold.push(result.ms);
}
rmSync(dir, { recursive: true, force: true });
const warm = [];
for (let i = 0; i < 25; i++) warm.push(time(() => rewriteCoreModule(large, { fuel: true, maxMemoryPages: 16 }))[0]);
const coldMs = median(cold);
console.log(`rewrite: ${(large.length / 1024).toFixed(0)} KB -> ${(result.size / 1024).toFixed(0)} KB, ${result.stats.functions} functions, ${result.stats.segments} segments; cold median ${coldMs.toFixed(1)} ms (5 processes), warm median ${median(warm.slice(5)).toFixed(1)} ms`);
ok = report('rewrite time (~300 KB module, first call in a fresh process)', `${coldMs.toFixed(1)} ms`, '< 50 ms', coldMs < 50) && ok;
process.exit(ok ? 0 : 1);
