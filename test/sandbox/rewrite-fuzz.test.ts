// Malformed input: truncations and random mutations of a valid module always end in a
// RewriteError or in a module, never another exception or a hang; the output validates
// exactly when the input does. Plus the rewrite time of a large module.
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { RewriteError, rewriteCoreModule } from '../../src/sandbox/rewrite/index.js';

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const RICH = `(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "g" (global $g (mut i32)))
  (import "env" "mem" (memory 1 100))
  (type $bin (func (param i32 i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $add $sub)
  (global $h (mut i64) (i64.const -5))
  (data (i32.const 16) "some data")
  (data $p "passive")
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $main (export "main") (param $n i32) (result i32) (local $i i32) (local $v v128) (local $f f64)
    (loop $l
      (block $b (block $a
        (br_table $a $b (i32.and (local.get $i) (i32.const 1))))
        (call $log (local.get $i)))
      (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 2 3 4)))
      (local.set $f (f64.add (local.get $f) (f64.const 0.5)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (memory.fill (i32.const 100) (i32.const 7) (i32.const 10))
    (memory.init $p (i32.const 200) (i32.const 0) (i32.const 7))
    (if (result i32) (i32.eqz (local.get $n))
      (then (call_indirect (type $bin) (i32.const 1) (i32.const 2) (i32.const 0)))
      (else (i32.add (i32x4.extract_lane 1 (local.get $v)) (i32.trunc_sat_f64_s (local.get $f))))))
  (func $rec (export "rec") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (global.get $h))
      (else (i64.add (local.get 0) (return_call $rec (i64.sub (local.get 0) (i64.const 1))))))))`;

/** A deterministic PRNG (xorshift32). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * Rewrites; returns 'refused', or whether input and output validate (they must agree),
 * failing the test on any other exception.
 */
function check(bytes: Uint8Array): 'refused' | 'valid' | 'invalid' {
  let out: Uint8Array;
  try {
    out = rewriteCoreModule(bytes, { fuel: true, maxMemoryPages: 64 }).bytes;
  } catch (error) {
    if (!(error instanceof RewriteError)) throw new Error(`not a RewriteError: ${String(error)}`);
    return 'refused';
  }
  const valid = wasm.validate(bytes);
  if (wasm.validate(out) !== valid) throw new Error(`input valid: ${valid}, output not: ${Buffer.from(bytes).toString('hex')}`);
  return valid ? 'valid' : 'invalid';
}

describe('malformed input', () => {
  it('every truncation of a valid module is refused or rewritten', async () => {
    const bytes = await parse(RICH);
    expect(wasm.validate(bytes)).toBe(true);
    expect(check(bytes)).toBe('valid');
    const outcomes = { refused: 0, valid: 0, invalid: 0 };
    for (let n = 0; n < bytes.length; n++) outcomes[check(bytes.subarray(0, n))]++;
    expect(outcomes.refused).toBeGreaterThan(bytes.length / 2);
  });

  it('thousands of random mutations are refused or rewritten, quickly', async () => {
    const bytes = await parse(RICH);
    const random = rng(0xc0ffee);
    const outcomes = { refused: 0, valid: 0, invalid: 0 };
    const started = performance.now();
    for (let i = 0; i < 4000; i++) {
      const mutated = Uint8Array.from(bytes);
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = 8 + Math.floor(random() * (mutated.length - 8));
        mutated[at] = random() < 0.5 ? mutated[at]! ^ (1 << Math.floor(random() * 8)) : Math.floor(random() * 256);
      }
      outcomes[check(mutated)]++;
    }
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(outcomes.refused).toBeGreaterThan(1000);
    expect(outcomes.valid).toBeGreaterThan(300);
    expect(outcomes.invalid).toBeGreaterThan(300);
  });

  it('random byte strings behind a valid header are refused or rewritten', () => {
    const random = rng(42);
    for (let i = 0; i < 2000; i++) {
      const tail = Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      check(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...tail]));
    }
  });
});

/** WAT for a module of about `kb` KB of code: many functions with loops, blocks, calls and arithmetic. */
function largeModuleWat(functions: number): string {
  const body = (i: number) => `(func $f${i} (export "f${i}") (param $n i32) (result i32) (local $i i32) (local $acc i32)
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
  return `(module (memory 1) ${Array.from({ length: functions }, (_, i) => body(i)).join('\n')})`;
}

describe('speed', () => {
  it('rewrites a ~300 KB module in well under 50 ms (generous bound here; the bench prints the figure)', async () => {
    const bytes = await parse(largeModuleWat(2400));
    expect(bytes.length).toBeGreaterThan(290_000);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      const out = rewriteCoreModule(bytes, { fuel: true, maxMemoryPages: 16 });
      times.push(performance.now() - started);
      expect(out.stats.functions).toBe(2400);
    }
    times.sort((a, b) => a - b);
    expect(times[3]).toBeLessThan(150);
  });
});
