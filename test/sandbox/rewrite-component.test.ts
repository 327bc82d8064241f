// End to end through jco: every core module of a component (the guest and jco's shim
// and fixup modules) passes through getCoreModule and is rewritten; the extra export is
// harmless, the memory cap holds and fuel counts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuelCounter, isFuelCounter, readFuel, rewriteCoreModule, setFuel } from '../../src/sandbox/rewrite/index.js';

interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const WIT = `package test:rewrite;
world guest {
  import log: func(msg: string);
  export run: func(n: u32) -> u32;
  export largest: func() -> u32;
  export spin: func();
}`;

// run: 3 (i32.const, i32.const, call) + loop 1 + 7n + end 1 + local.get 1 + end 1 = 7n + 7 units in the guest module
const CORE = `(module
  (import "$root" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello")
  (func (export "run") (param $n i32) (result i32) (local $i i32)
    i32.const 16 i32.const 5 call $log
    (loop $l
      local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $l)
    local.get $i)
  (func (export "largest") (result i32)
    (block $full (loop $more
      (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (br $more)))
    (i32.mul (memory.size) (i32.const 65536)))
  (func (export "spin") (loop $l (br $l)))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 1024))`;

interface Guest {
  run(n: number): number;
  largest(): number;
  spin(): void;
}

let dir = '';
let instantiate: (getCoreModule: (p: string) => Promise<object>, imports: object, instantiateCore: (m: object, i?: object) => unknown) => Promise<Guest>;
let files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  const embedded = await componentEmbed({ binary: await parse(CORE), witSource: WIT, world: 'guest', stringEncoding: 'utf8' });
  const result = await transpileBytes(await componentNew(embedded), { name: 'guest', instantiation: 'async' });
  files = result.files as Record<string, Uint8Array>;
  dir = await mkdtemp(path.join(tmpdir(), 'weft-rewrite-'));
  for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
  ({ instantiate } = await import(pathToFileURL(path.join(dir, 'guest.js')).href));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Instantiates the component with every core module rewritten; returns the guest and its fuel counters. */
async function load(maxMemoryPages: number): Promise<{ guest: Guest; counters: FuelCounter[]; logs: string[]; metered: string[] }> {
  const counters: FuelCounter[] = [];
  const logs: string[] = [];
  const metered: string[] = [];
  const getCoreModule = async (name: string) => {
    const out = rewriteCoreModule(files[name]!, { fuel: true, maxMemoryPages });
    if (out.fuelGlobalExport) metered.push(name);
    return wasm.compile(out.bytes);
  };
  const instantiateCore = (module: object, imports?: object) => {
    const instance = new wasm.Instance(module, imports);
    const counter = instance.exports.weft_fuel;
    if (isFuelCounter(counter)) counters.push(counter);
    return instance;
  };
  const guest = await instantiate(getCoreModule, { log: { default: (m: string) => logs.push(m) } }, instantiateCore);
  return { guest, counters, logs, metered };
}

describe('rewriting the core modules of a jco component', () => {
  it('runs the guest and the shim modules metered; the host sets every counter', async () => {
    const { guest, counters, logs, metered } = await load(32);
    expect(Object.keys(files).filter((f) => f.endsWith('.wasm')).length).toBeGreaterThan(1);
    expect(metered.length).toBe(counters.length);
    for (const n of [10, 20]) {
      for (const c of counters) setFuel(c, 1_000_000n);
      expect(guest.run(n)).toBe(n);
      const used = counters.map((c) => readFuel(c, 1_000_000n).used);
      expect(used).toContain(BigInt(7 * n + 7)); // the guest module; a shim trampoline uses a few units of its own
    }
    expect(logs).toEqual(['hello', 'hello']);
  });

  it('caps the guest memory: 2 MiB, then 32 MiB', async () => {
    for (const mb of [2, 32]) {
      const { guest, counters } = await load(mb * 16);
      for (const c of counters) setFuel(c, 1n << 40n);
      expect(guest.largest()).toBe(mb * 1024 * 1024);
    }
  });

  it('an infinite loop ends with a trap and a negative counter; a fresh instance works again', async () => {
    const first = await load(32);
    for (const c of first.counters) setFuel(c, 100_000n);
    expect(() => first.guest.spin()).toThrow();
    expect(first.counters.some((c) => readFuel(c, 100_000n).exhausted)).toBe(true);
    const second = await load(32);
    for (const c of second.counters) setFuel(c, 100_000n);
    expect(second.guest.run(3)).toBe(3);
  });
});
