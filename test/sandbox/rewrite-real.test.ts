// Real compiler output: an AssemblyScript program behaves the same metered, and the
// large Rust-built core modules shipped in node_modules rewrite into valid modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import asc from 'assemblyscript/asc';
import { describe, expect, it } from 'vitest';
import { isFuelCounter, readFuel, rewriteCoreModule, setFuel } from '../../src/sandbox/rewrite/index.js';

type Exports = Record<string, unknown>;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Exports };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const call = (exports: Exports, name: string, ...args: unknown[]): unknown => (exports[name] as (...a: unknown[]) => unknown)(...args);

const PROGRAM = `
export function primes(n: i32): i32 {
  const sieve = new Array<bool>(n + 1);
  let count = 0;
  for (let i = 2; i <= n; i++) {
    if (!sieve[i]) { count++; for (let j = i * 2; j <= n; j += i) sieve[j] = true; }
  }
  return count;
}
export function sortSum(n: i32): f64 {
  const a = new Array<f64>(n);
  let x: u32 = 12345;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; a[i] = <f64>(x % 1000) / 7.0; }
  a.sort();
  let s = 0.0;
  for (let i = 0; i < n; i++) s += a[i] * <f64>(i % 3);
  return s;
}
export function strings(n: i32): i32 {
  let s = '';
  for (let i = 0; i < n; i++) s += i.toString() + ',';
  return s.split(',').length + s.indexOf('99');
}`;

describe('real compiler output', () => {
  it('an AssemblyScript program (GC runtime, arrays, strings, sort) computes the same metered, with deterministic units', async () => {
    const result = await asc.compileString({ 'index.ts': PROGRAM }, { optimizeLevel: 3, runtime: 'incremental', use: ['abort='] });
    expect(result.error).toBeNull();
    const original = result.binary!;
    const rewritten = rewriteCoreModule(original, { fuel: true, maxMemoryPages: 256, initialFuel: 1n << 40n });
    expect(wasm.validate(rewritten.bytes)).toBe(true);
    const plain = new wasm.Instance(new wasm.Module(original)).exports;
    const calls = [['primes', 20_000], ['sortSum', 2000], ['strings', 300], ['primes', 20_000]] as const;
    // Two fresh instances running the same calls use the same units, call by call.
    const runs = [0, 1].map(() => {
      const metered = new wasm.Instance(new wasm.Module(rewritten.bytes)).exports;
      const counter = metered[rewritten.fuelGlobalExport!];
      if (!isFuelCounter(counter)) throw new Error('no counter');
      return calls.map(([name, arg]) => {
        setFuel(counter, 1n << 40n);
        expect(call(metered, name, arg)).toBe(call(plain, name, arg));
        return readFuel(counter, 1n << 40n).used;
      });
    });
    expect(runs[0]![0]).toBeGreaterThan(100_000n);
    expect(runs[1]).toEqual(runs[0]);
  }, 30_000);

  it('large Rust-built core modules from node_modules rewrite into valid modules', () => {
    const require = createRequire(import.meta.url);
    // both packages' main files are in dist/
    const vendor = path.join(path.dirname(require.resolve('@bytecodealliance/jco-transpile')), '..', 'vendor');
    const adapter = path.join(path.dirname(require.resolve('@bytecodealliance/jco')), '..', 'lib', 'wasi_snapshot_preview1.reactor.wasm');
    for (const file of [path.join(vendor, 'wasm-tools.core.wasm'), path.join(vendor, 'wasm-tools.core2.wasm'), adapter]) {
      const bytes = new Uint8Array(readFileSync(file));
      const out = rewriteCoreModule(bytes, { fuel: true, maxMemoryPages: 65536 });
      expect(wasm.validate(out.bytes), file).toBe(true);
      expect(out.stats.functions).toBeGreaterThan(10);
    }
  });
});
