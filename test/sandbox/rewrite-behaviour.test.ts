// Rewritten modules validate and compute exactly what the originals compute.
import { parse, print } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { rewriteCoreModule } from '../../src/sandbox/rewrite/index.js';

type Exports = Record<string, unknown>;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Exports };
  Global: new (descriptor: { value: string; mutable?: boolean }, value?: unknown) => { value: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const instantiate = (bytes: Uint8Array, imports: object = {}): Exports => new wasm.Instance(new wasm.Module(bytes), imports).exports;
const call = (exports: Exports, name: string, ...args: unknown[]): unknown => (exports[name] as (...a: unknown[]) => unknown)(...args);

interface Program {
  wat: string;
  calls: Array<[string, ...unknown[]]>;
  imports?: () => object;
}

const PROGRAMS: Record<string, Program> = {
  arithmetic: {
    wat: `(module
      (func (export "i32") (param i32 i32) (result i32)
        local.get 0 local.get 1 i32.mul local.get 0 i32.const 7 i32.rem_s i32.add local.get 1 i32.rotl i32.popcnt)
      (func (export "i64") (param i64 i64) (result i64)
        local.get 0 local.get 1 i64.xor i64.const 0x123456789abcdef i64.mul local.get 0 i64.clz i64.shr_u)
      (func (export "f64") (param f64) (result f64)
        local.get 0 f64.const 1.5 f64.mul f64.sqrt f64.const -0x1.8p3 f64.add f64.nearest)
      (func (export "f32") (param f32) (result f32) local.get 0 f32.const 3.25 f32.div f32.floor)
      (func (export "signext") (param i32) (result i32) local.get 0 i32.extend8_s local.get 0 i32.extend16_s i32.add)
      (func (export "truncsat") (param f64) (result i32) local.get 0 i32.trunc_sat_f64_s))`,
    calls: [['i32', 6, 9], ['i32', -13, 1234567], ['i64', 5n, -7n], ['f64', 8.5], ['f32', -17.5], ['signext', 0x1ff80], ['truncsat', 1e20], ['truncsat', -3.7]],
  },
  'nested blocks': {
    wat: `(module (func (export "f") (param $x i32) (result i32)
      (block $a (result i32)
        (block $b
          (block $c
            (br_if $c (i32.eq (local.get $x) (i32.const 1)))
            (br_if $b (i32.eq (local.get $x) (i32.const 2)))
            (br $a (i32.const 30)))
          (br $a (i32.const 10)))
        (i32.const 20))))`,
    calls: [['f', 1], ['f', 2], ['f', 3]],
  },
  br_table: {
    wat: `(module (func (export "f") (param i32) (result i32)
      (block $d (block $2 (block $1 (block $0
        (br_table $0 $1 $2 $d (local.get 0)))
        (return (i32.const 100)))
        (return (i32.const 101)))
        (return (i32.const 102)))
      (i32.const -1)))`,
    calls: [['f', 0], ['f', 1], ['f', 2], ['f', 3], ['f', 99]],
  },
  recursion: {
    wat: `(module
      (func $fib (export "fib") (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func $fact (export "fact") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fact (i64.sub (local.get 0) (i64.const 1))))))))`,
    calls: [['fib', 0], ['fib', 1], ['fib', 20], ['fact', 20n]],
  },
  call_indirect: {
    wat: `(module
      (type $bin (func (param i32 i32) (result i32)))
      (table 3 funcref)
      (elem (i32.const 0) $add $sub $mul)
      (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
      (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
      (func $mul (type $bin) (i32.mul (local.get 0) (local.get 1)))
      (func (export "apply") (param i32 i32 i32) (result i32)
        (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0))))`,
    calls: [['apply', 0, 7, 5], ['apply', 1, 7, 5], ['apply', 2, 7, 5]],
  },
  loops: {
    wat: `(module (func (export "sum") (param $n i32) (result i64) (local $i i32) (local $j i32) (local $acc i64)
      (loop $outer
        (local.set $j (i32.const 0))
        (loop $inner
          (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (i32.mul (local.get $i) (local.get $j)))))
          (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $i))))
        (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $acc)))`,
    calls: [['sum', 1], ['sum', 10], ['sum', 300]],
  },
  'multi-value': {
    wat: `(module
      (func $swap (param i32 i32) (result i32 i32) local.get 1 local.get 0)
      (func (export "pair") (param i32 i32) (result i32 i32) local.get 0 local.get 1 call $swap)
      (func (export "f") (param i32 i32) (result i32)
        local.get 0 local.get 1
        (block (param i32 i32) (result i32 i32) call $swap)
        (loop (param i32 i32) (result i32) i32.sub)))`,
    calls: [['pair', 1, 2], ['f', 10, 3]],
  },
  'if/else': {
    wat: `(module (func (export "f") (param i32) (result i32) (local i32)
      (if (local.get 0) (then (local.set 1 (i32.const 5))))
      (if (result i32) (i32.gt_s (local.get 0) (i32.const 10))
        (then (i32.add (local.get 1) (i32.const 100)))
        (else (if (result i32) (local.get 0) (then (i32.const 7)) (else (i32.const 8)))))))`,
    calls: [['f', 0], ['f', 3], ['f', 11]],
  },
  'memory.grow': {
    wat: `(module (memory 1 10)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) memory.size)
      (func (export "poke") (param i32 i32) (result i32) (i32.store (local.get 0) (local.get 1)) (i32.load (local.get 0))))`,
    calls: [['size'], ['grow', 2], ['size'], ['poke', 196604, 77], ['grow', 100], ['size']],
  },
  'bulk memory': {
    wat: `(module (memory 1)
      (data $d "hello, bulk memory")
      (func (export "f") (result i32)
        (memory.init $d (i32.const 100) (i32.const 0) (i32.const 18))
        (data.drop $d)
        (memory.fill (i32.const 200) (i32.const 0x41) (i32.const 8))
        (memory.copy (i32.const 300) (i32.const 100) (i32.const 18))
        (i32.add (i32.load (i32.const 304)) (i32.load (i32.const 204)))))`,
    calls: [['f']],
  },
  simd: {
    wat: `(module (memory 1)
      (func (export "f") (param i32) (result i32) (local v128)
        (local.set 1 (i32x4.add (v128.const i32x4 1 2 3 4) (i32x4.splat (local.get 0))))
        (v128.store (i32.const 16) (i8x16.shuffle 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12 (local.get 1) (local.get 1)))
        (local.set 1 (v128.load32_lane 2 (i32.const 16) (local.get 1)))
        (i32.add (i32x4.extract_lane 2 (local.get 1)) (i32.add (i32x4.extract_lane 3 (local.get 1)) (i8x16.bitmask (local.get 1))))))`,
    calls: [['f', 5], ['f', -1000]],
  },
  'tail calls': {
    wat: `(module (func $count (export "count") (param i32 i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
        (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2)))))))`,
    calls: [['count', 100000, 0]],
  },
  'reference types': {
    wat: `(module (table $t 2 funcref) (table $e 1 externref) (elem declare func $k)
      (func $k (result i32) i32.const 42)
      (func (export "f") (result i32)
        (table.set $t (i32.const 1) (ref.func $k))
        (drop (table.grow $t (ref.null func) (i32.const 3)))
        (i32.add (table.size $t)
          (i32.add (ref.is_null (table.get $t (i32.const 0))) (select (result i32) (i32.const 1) (i32.const 2) (ref.is_null (table.get $e (i32.const 0))))))))`,
    calls: [['f']],
  },
  globals: {
    wat: `(module (import "env" "g" (global $g (mut i32))) (import "env" "c" (global $c i64))
      (global $d (mut i32) (i32.const 3)) (global $e (export "e") i32 (i32.const 9))
      (func (export "f") (result i32) (global.set $g (i32.add (global.get $g) (global.get $d)))
        (global.set $d (i32.wrap_i64 (global.get $c))) (i32.add (global.get $g) (global.get $e))))`,
    imports: () => ({ env: { g: new wasm.Global({ value: 'i32', mutable: true }, 10), c: 5n } }),
    calls: [['f'], ['f']],
  },
  'traps': {
    wat: `(module (memory 1)
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "oob") (result i32) (i32.load (i32.const 70000)))
      (func (export "unreachable") unreachable))`,
    calls: [['div', 7, 0], ['oob'], ['unreachable'], ['div', 7, 2]],
  },
};

function runAll(exports: Exports, calls: Program['calls']): unknown[] {
  return calls.map(([name, ...args]) => {
    try {
      return call(exports, name, ...args);
    } catch (error) {
      return `trap: ${(error as Error).message}`;
    }
  });
}

describe('rewritten modules behave like the originals', () => {
  for (const [name, program] of Object.entries(PROGRAMS)) {
    it(name, async () => {
      const original = await parse(program.wat);
      expect(wasm.validate(original)).toBe(true);
      const rewritten = rewriteCoreModule(original, { fuel: true, maxMemoryPages: 64, initialFuel: 1n << 40n });
      expect(wasm.validate(rewritten.bytes)).toBe(true);
      expect(rewritten.fuelGlobalExport).toBe('weft_fuel');
      const expected = runAll(instantiate(original, program.imports?.() ?? {}), program.calls);
      const actual = runAll(instantiate(rewritten.bytes, program.imports?.() ?? {}), program.calls);
      expect(actual).toEqual(expected);
    });
  }

  it('without fuel, function bodies are copied byte for byte', async () => {
    const original = await parse(PROGRAMS.recursion!.wat);
    const rewritten = rewriteCoreModule(original, { fuel: false, maxMemoryPages: 16 });
    expect(rewritten.fuelGlobalExport).toBeUndefined();
    expect(rewritten.stats).toEqual({ functions: 0, segments: 0 });
    expect(Buffer.from(rewritten.bytes).equals(Buffer.from(original))).toBe(true);
  });

  it('keeps the name section but drops label names that metering would shift', async () => {
    const original = await parse(`(module (func $named (param $p i32) (block $lbl (br_if $lbl (local.get $p)))))`);
    const text = await print(rewriteCoreModule(original, { fuel: true, maxMemoryPages: 16 }).bytes);
    expect(text).toContain('$named');
    expect(text).toContain('$p');
    expect(text).not.toContain('$lbl');
  });
});
