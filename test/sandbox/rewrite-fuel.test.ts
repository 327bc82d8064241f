// Fuel: one unit per executed original instruction (block/loop/if/else/end included;
// an `end` a branch jumps past is not executed), charged per straight-line segment.
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { type FuelCounter, type FuelReading, isFuelCounter, readFuel, rewriteCoreModule, setFuel } from '../../src/sandbox/rewrite/index.js';

type Exports = Record<string, unknown>;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Exports };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Metered {
  exports: Exports;
  counter: FuelCounter;
  /** Calls an export with a fresh budget; returns the result or the trap, and the reading. */
  run(name: string, budget: bigint, ...args: unknown[]): { result?: unknown; trap?: Error; fuel: FuelReading };
}

async function metered(wat: string, imports: object = {}, initialFuel = 0n): Promise<Metered> {
  const rewritten = rewriteCoreModule(await parse(wat), { fuel: true, maxMemoryPages: 16, initialFuel });
  const exports = new wasm.Instance(new wasm.Module(rewritten.bytes), imports).exports;
  const counter = exports[rewritten.fuelGlobalExport!];
  if (!isFuelCounter(counter)) throw new Error('no fuel counter exported');
  return {
    exports,
    counter,
    run(name, budget, ...args) {
      setFuel(counter, budget);
      try {
        const result = (exports[name] as (...a: unknown[]) => unknown)(...args);
        return { result, fuel: readFuel(counter, budget) };
      } catch (error) {
        return { trap: error as Error, fuel: readFuel(counter, budget) };
      }
    },
  };
}

const BIG = 1n << 50n;
const used = (m: Metered, name: string, ...args: unknown[]): number => Number(m.run(name, BIG, ...args).fuel.used);

// loop (1) + body of 7 per iteration + loop end (1) + local.get (1) + function end (1) = 7N + 4
const COUNT_LOOP = `(module (func (export "count") (param $n i32) (result i32) (local $i i32)
  (loop $l
    local.get $i
    i32.const 1
    i32.add
    local.tee $i
    local.get $n
    i32.lt_s
    br_if $l)
  local.get $i))`;

describe('fuel counts', () => {
  it('a loop of N iterations costs exactly its instruction count, 2N iterations N more bodies', async () => {
    const m = await metered(COUNT_LOOP);
    for (const n of [1, 2, 10, 1000, 123_457]) {
      expect(used(m, 'count', n)).toBe(7 * n + 4);
      expect(used(m, 'count', 2 * n) - used(m, 'count', n)).toBe(7 * n);
    }
  });

  it('nested loops: outer N, inner M', async () => {
    // outer body: i32.const, local.set, loop, [inner body 7 per iteration], end, then 7 for the outer test = 11 + 7M
    const m = await metered(`(module (func (export "f") (param $n i32) (param $m i32) (local $i i32) (local $j i32)
      (loop $outer
        i32.const 0
        local.set $j
        (loop $inner
          local.get $j i32.const 1 i32.add local.tee $j local.get $m i32.lt_s br_if $inner)
        local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_s br_if $outer)))`);
    for (const [n, k] of [[1, 1], [3, 5], [40, 17]] as const) {
      expect(used(m, 'f', n, k)).toBe(1 + n * (3 + 7 * k + 1 + 7) + 1 + 1);
    }
  });

  it('recursion: every call level is counted', async () => {
    // n = 0: local.get, i32.eqz, if, i32.const, else, end(function) = 6
    // n > 0: local.get, i32.eqz, if, 5 in the else-branch up to call, then i32.add, end(if), end(function) = 11 + cost(n-1)
    const m = await metered(`(module (func $sum (export "sum") (param $n i32) (result i32)
      local.get $n
      i32.eqz
      if (result i32)
        i32.const 0
      else
        local.get $n
        local.get $n
        i32.const 1
        i32.sub
        call $sum
        i32.add
      end))`);
    for (const n of [0, 1, 10, 500]) {
      const r = m.run('sum', BIG, n);
      expect(r.result).toBe((n * (n + 1)) / 2);
      expect(Number(r.fuel.used)).toBe(11 * n + 6);
    }
  });

  it('a branch out of a block skips the end it jumps past; an if without else costs only `if` when false', async () => {
    const m = await metered(`(module
      (func (export "br") (param $c i32)
        block
          local.get $c
          br_if 0
          nop
        end)
      (func (export "if") (param $c i32)
        local.get $c
        if
          nop
        end))`);
    expect(used(m, 'br', 1)).toBe(4); // block, local.get, br_if, end(function)
    expect(used(m, 'br', 0)).toBe(6); // + nop, end(block)
    expect(used(m, 'if', 0)).toBe(3); // local.get, if, end(function)
    expect(used(m, 'if', 1)).toBe(5); // + nop, end(if)
  });

  it('br_table, call_indirect and return are counted like any instruction', async () => {
    const m = await metered(`(module (type $t (func (result i32))) (table 1 funcref) (elem (i32.const 0) $k)
      (func $k (result i32) i32.const 5)
      (func (export "f") (param i32) (result i32)
        block (result i32)
          i32.const 9
          local.get 0
          br_table 0 1
        end
        i32.const 0
        call_indirect (type $t)
        i32.add
        return))`);
    // block, i32.const, local.get, br_table (to the block: its end is skipped), i32.const, call_indirect,
    // the callee's i32.const and end, i32.add, return (the function's end is skipped)
    expect(m.run('f', BIG, 0)).toMatchObject({ result: 14, fuel: { used: 10n } });
    // br_table's default targets the function's own label: a return
    expect(m.run('f', BIG, 1)).toMatchObject({ result: 9, fuel: { used: 4n } });
  });

  it('long straight-line segments are charged exactly (multi-byte charges)', async () => {
    for (const n of [62, 63, 64, 200, 10_000]) {
      const m = await metered(`(module (func (export "f") ${'nop '.repeat(n)}))`);
      expect(used(m, 'f')).toBe(n + 1);
    }
  });

  it('a guest blocked in a host call uses no more units than an instant one', async () => {
    const spin = (ms: number) => () => {
      const until = Date.now() + ms;
      while (Date.now() < until);
    };
    const wat = `(module (import "host" "wait" (func $wait)) (func (export "f") (result i32) call $wait i32.const 1))`;
    const slow = await metered(wat, { host: { wait: spin(200) } });
    const fast = await metered(wat, { host: { wait: spin(0) } });
    const started = Date.now();
    const slowUnits = used(slow, 'f');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(slowUnits).toBe(used(fast, 'f'));
    expect(slowUnits).toBe(3); // call, i32.const, end
  });
});

describe('the counter across host calls', () => {
  it('is stored before a call and reloaded after, so a host function can charge units of its own', async () => {
    let counter: FuelCounter | undefined;
    const wat = `(module (import "host" "work" (func $work)) (func (export "f") (result i32) call $work i32.const 1))`;
    const m = await metered(wat, { host: { work: () => { counter!.value -= 100n; } } });
    counter = m.counter;
    expect(used(m, 'f')).toBe(3 + 100);
  });

  it('after a trap other than fuel, the reading lacks the trapping function\'s units since its entry or last call', async () => {
    const m = await metered(`(module (func (export "div") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u))`);
    expect(m.run('div', 100n, 1).fuel.used).toBe(4n);
    const trapped = m.run('div', 100n, 0);
    expect(trapped.trap?.message).toMatch(/divide by zero/);
    expect(trapped.fuel).toMatchObject({ used: 0n, exhausted: false });
  });
});

describe('fuel exhaustion', () => {
  it('an infinite loop ends with a trap and a negative counter', async () => {
    const m = await metered(`(module (func (export "spin") (loop $l (br $l))))`);
    const started = Date.now();
    const r = m.run('spin', 1_000_000n);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.trap?.message).toMatch(/unreachable/);
    expect(r.fuel.exhausted).toBe(true);
    expect(r.fuel.remaining).toBeLessThan(0n);
    expect(r.fuel.used).toBeGreaterThan(1_000_000n);
    // the instance keeps working once the host resets the budget (the sandbox still uses a fresh one)
    expect(m.run('spin', 0n).fuel.exhausted).toBe(true);
  });

  it('a budget of exactly the cost succeeds, one unit less is exhausted', async () => {
    const m = await metered(COUNT_LOOP);
    const cost = BigInt(7 * 50 + 4);
    expect(m.run('count', cost, 50)).toMatchObject({ result: 50, fuel: { remaining: 0n, exhausted: false } });
    const short = m.run('count', cost - 1n, 50);
    expect(short.fuel.exhausted).toBe(true);
    expect(short.trap).toBeUndefined(); // the overrun was in the loop's tail: no check left to trap, but the reading says so
    expect(m.run('count', cost - 8n, 50).trap?.message).toMatch(/unreachable/);
  });

  it('runaway recursion is stopped by the check at function entry', async () => {
    const m = await metered(`(module (func $f (export "f") (param i32) (result i32) (call $f (local.get 0))))`);
    const r = m.run('f', 5000n, 1);
    expect(r.trap?.message).toMatch(/unreachable/);
    expect(r.fuel.exhausted).toBe(true);
  });

  it('an ordinary trap leaves the counter non-negative', async () => {
    const m = await metered(`(module (func (export "f") unreachable))`);
    const r = m.run('f', 100n);
    expect(r.trap).toBeDefined();
    expect(r.fuel).toMatchObject({ exhausted: false, used: 1n });
  });
});

describe('the counter at instantiation', () => {
  const withStart = `(module (global $g (export "g") (mut i32) (i32.const 0))
    (func $init (global.set $g (i32.const 7))) (start $init))`;

  it('starts at initialFuel, so a start function can run before the host sets a budget', async () => {
    const m = await metered(withStart, {}, 1000n);
    expect((m.exports.g as { value: number }).value).toBe(7);
    expect(m.counter.value).toBe(1000n - 3n); // i32.const, global.set, end
  });

  it('defaults to 0: an unmanaged module traps at its first metered entry', async () => {
    await expect(metered(withStart)).rejects.toThrow(/unreachable/);
  });
});

describe('fuel global placement', () => {
  it('is appended after imported and defined globals, which keep their indices', async () => {
    const bytes = await parse(`(module (import "env" "a" (global i32)) (global i64 (i64.const 1)) (func))`);
    const out = rewriteCoreModule(bytes, { fuel: true, maxMemoryPages: 1 });
    const exports = new wasm.Instance(new wasm.Module(out.bytes), { env: { a: 1 } }).exports;
    expect(isFuelCounter(exports.weft_fuel)).toBe(true);
  });

  it('gets a fresh name when the module already exports weft_fuel', async () => {
    const bytes = await parse(`(module (func (export "weft_fuel")) (global (export "weft_fuel_1") i32 (i32.const 0)))`);
    const out = rewriteCoreModule(bytes, { fuel: true, maxMemoryPages: 1 });
    expect(out.fuelGlobalExport).toBe('weft_fuel_2');
    const exports = new wasm.Instance(new wasm.Module(out.bytes)).exports;
    expect(typeof exports.weft_fuel).toBe('function');
    expect(isFuelCounter(exports.weft_fuel_2)).toBe(true);
  });

  it('is not added to a module without functions', async () => {
    const out = rewriteCoreModule(await parse(`(module (memory 1) (table 1 funcref))`), { fuel: true, maxMemoryPages: 4 });
    expect(out.fuelGlobalExport).toBeUndefined();
  });

  it('counts segments in the stats', async () => {
    const out = rewriteCoreModule(await parse(COUNT_LOOP), { fuel: true, maxMemoryPages: 1 });
    // [loop] [body … br_if] [end] [local.get end]
    expect(out.stats).toEqual({ functions: 1, segments: 4 });
  });
});
