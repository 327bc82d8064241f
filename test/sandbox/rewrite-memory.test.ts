// Memory caps: every memory's declared maximum becomes min(declared, cap).
import { parse, print } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { PAGES_PER_MIB, RewriteError, rewriteCoreModule } from '../../src/sandbox/rewrite/index.js';

type Exports = Record<string, unknown>;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Exports };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// Grows one page at a time until memory.grow returns -1; returns the largest size reached, in bytes.
const GROWER = (memory: string) => `(module ${memory}
  (func (export "largest") (result i32)
    (block $full (loop $more
      (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (br $more)))
    (i32.mul (memory.size) (i32.const 65536))))`;

async function largest(memory: string, maxMemoryMb: number, fuel = true): Promise<number> {
  const out = rewriteCoreModule(await parse(GROWER(memory)), { fuel, maxMemoryPages: maxMemoryMb * PAGES_PER_MIB, initialFuel: 1n << 40n });
  const exports = new wasm.Instance(new wasm.Module(out.bytes)).exports;
  return (exports.largest as () => number)();
}

const MiB = 1024 * 1024;

describe('memory cap', () => {
  it('with a 2 MiB cap a guest growing page by page stops at exactly 32 pages', async () => {
    const reached = await largest('(memory 1)', 2);
    expect(reached).toBe(32 * 65536);
    expect(reached).toBeLessThanOrEqual(2 * MiB);
    expect(reached).toBeGreaterThanOrEqual(1 * MiB);
  });

  it('with a 32 MiB cap the ceiling moves', async () => {
    expect(await largest('(memory 1)', 32)).toBe(32 * MiB);
    expect(await largest('(memory 1)', 32, false)).toBe(32 * MiB);
  });

  it('lowers a larger declared maximum to the cap', async () => {
    expect(await largest('(memory 1 65536)', 2)).toBe(2 * MiB);
  });

  it('keeps a declared maximum smaller than the cap', async () => {
    expect(await largest('(memory 1 4)', 2)).toBe(4 * 65536);
    const text = await print(rewriteCoreModule(await parse('(module (memory 2 5))'), { fuel: false, maxMemoryPages: 32 }).bytes);
    expect(text).toContain('(memory (;0;) 2 5)');
  });

  it('refuses a memory whose initial size is above the cap, naming both', async () => {
    const bytes = await parse('(module (memory 40))');
    expect(() => rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 32 })).toThrow(RewriteError);
    try {
      rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 32 });
    } catch (error) {
      expect(error).toMatchObject({ code: 'memory-cap', details: { code: 'wasm-memory-cap', field: 'resources.max_memory_mb' } });
      expect((error as Error).message).toMatch(/40 pages \(2\.5 MiB\).*cap of 32 pages \(2 MiB\)/);
    }
  });

  it('an initial size equal to the cap is allowed, and a cap of 0 pages works', async () => {
    expect(await largest('(memory 32)', 2)).toBe(2 * MiB);
    const out = rewriteCoreModule(await parse(GROWER('(memory 0)')), { fuel: false, maxMemoryPages: 0 });
    expect(((new wasm.Instance(new wasm.Module(out.bytes)).exports.largest) as () => number)()).toBe(0);
  });

  it('caps an imported memory: the host must supply one whose maximum fits', async () => {
    const bytes = await parse(`(module (import "env" "mem" (memory 1))
      (func (export "grow") (result i32) (memory.grow (i32.const 100))))`);
    const out = rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 32 });
    expect(await print(out.bytes)).toContain('(import "env" "mem" (memory (;0;) 1 32))');
    const fits = new wasm.Instance(new wasm.Module(out.bytes), { env: { mem: new wasm.Memory({ initial: 1, maximum: 32 }) } });
    expect((fits.exports.grow as () => number)()).toBe(-1);
    const module = new wasm.Module(out.bytes);
    expect(() => new wasm.Instance(module, { env: { mem: new wasm.Memory({ initial: 1 }) } })).toThrow();
    expect(() => rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 0 })).toThrow(/imported memory 0 starts at 1 pages/);
  });

  it('refuses shared and 64-bit memories, and more than one memory', async () => {
    const refuse = (bytes: Uint8Array, pattern: RegExp) => {
      expect(() => rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 32 })).toThrow(pattern);
      try {
        rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 32 });
      } catch (error) {
        expect(error).toMatchObject({ code: 'unsupported' });
      }
    };
    refuse(await parse('(module (memory 1 2 shared))'), /shared \(threads\)/);
    refuse(await parse('(module (memory i64 1))'), /64-bit \(memory64\)/);
    refuse(await parse('(module (memory 1) (memory 1))'), /multiple memories/);
    refuse(await parse('(module (import "a" "m" (memory 1)) (memory 1))'), /multiple memories/);
  });

  it('leaves tables, data and everything else untouched', async () => {
    const bytes = await parse(`(module (memory 1 3) (table 2 10 funcref) (data (i32.const 8) "abc")
      (func (export "f") (result i32) (i32.load8_u (i32.const 9))))`);
    const out = rewriteCoreModule(bytes, { fuel: false, maxMemoryPages: 32 });
    expect(out.bytes.length).toBe(bytes.length);
    expect(wasm.validate(out.bytes)).toBe(true);
    expect(((new wasm.Instance(new wasm.Module(out.bytes)).exports.f) as () => number)()).toBe(98);
  });
});
