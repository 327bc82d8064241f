// Static admission of plugin components: sizes, preamble, imports, exports,
// malformed input. Invalid fixtures are generated here (jco's parse /
// componentEmbed / componentNew are devDependencies, used in tests only).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { componentEmbed, componentNew, componentWit, parse } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admissionLimits, admitComponent, DEFAULT_ADMISSION_LIMITS, HOST_INTERFACE, readComponentSurface, TOOLS_INTERFACE,
  type AdmissionResult,
} from '../../src/sandbox/admission/index.js';
import type { Diagnostic } from '../../src/plugin/diagnostic.js';
import { PLUGIN_NAMES, pluginsDir, pluginWasmPath, readPlugin } from './plugin-harness.js';

const FILE = '/plugins/x/x.wasm';
const WIT = readFileSync(path.join(pluginsDir, '..', 'wit', 'plugin.wit'), 'utf8');

function refusals(result: AdmissionResult): Diagnostic[] {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  for (const d of result.diagnostics) {
    expect(d).toMatchObject({ severity: 'error', file: FILE });
    expect(d.code).toMatch(/^plugin-/);
    expect(d.problem.length).toBeGreaterThan(10);
    expect(d.fix.length).toBeGreaterThan(10);
  }
  return result.diagnostics;
}

function codes(result: AdmissionResult): string[] {
  return refusals(result).map((d) => d.code);
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
}

/** `bytes` plus a custom section "pad" filled by `fill`, `total` bytes in all. */
function padTo(bytes: Uint8Array, total: number, fill: (n: number) => Uint8Array = (n) => new Uint8Array(n)): Uint8Array {
  const name = [3, ...Buffer.from('pad')];
  for (let payload = Math.max(0, total - bytes.length - 10); ; payload++) {
    const size = name.length + payload;
    const added = 1 + leb(size).length + size;
    if (bytes.length + added === total) return new Uint8Array(Buffer.concat([bytes, Uint8Array.from([0, ...leb(size), ...name]), fill(payload)]));
    if (bytes.length + added > total) throw new Error(`cannot pad to exactly ${total}`);
  }
}

function randomBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const component = async (wat: string) => new Uint8Array(await parse(wat));

describe('admitComponent: the committed plugins', () => {
  it.each(PLUGIN_NAMES)('admits %s, which imports the host interface only', async (name) => {
    const bytes = readPlugin(name);
    const result = admitComponent(bytes, pluginWasmPath(name));
    expect(result).toEqual({
      ok: true, imports: [HOST_INTERFACE], exports: [TOOLS_INTERFACE],
      sizes: { bytes: bytes.length, gzipBytes: gzipSync(bytes).length },
    });
    // Cross-check the hand-written parser with wasm-tools' view of the component.
    const wit = await componentWit(bytes);
    expect([...wit.matchAll(/^\s*import ([^;]+);/gm)].map((m) => m[1])).toEqual([HOST_INTERFACE]);
    expect([...wit.matchAll(/^\s*export ([^;]+);/gm)].map((m) => m[1])).toEqual([TOOLS_INTERFACE]);
  });
});

describe('admitComponent: sizes', () => {
  const bytes = readPlugin('echo-wat');
  const gzipBytes = gzipSync(bytes).length;

  it('takes its defaults from the config: 300 KiB raw, 120 KiB gzipped', () => {
    expect(DEFAULT_ADMISSION_LIMITS).toEqual({ maxBytes: 307_200, maxGzipBytes: 122_880 });
    expect(admissionLimits({ maxPluginBytes: 10, maxPluginGzipBytes: 5 })).toEqual({ maxBytes: 10, maxGzipBytes: 5 });
  });

  it('admits a component of exactly the limits and refuses one byte more', () => {
    expect(admitComponent(bytes, FILE, { maxBytes: bytes.length, maxGzipBytes: gzipBytes }).ok).toBe(true);
    const raw = refusals(admitComponent(bytes, FILE, { maxBytes: bytes.length - 1, maxGzipBytes: gzipBytes }));
    expect(raw).toHaveLength(1);
    expect(raw[0]!.code).toBe('plugin-too-large');
    expect(raw[0]!.problem).toContain(`${bytes.length} bytes; the most allowed is ${bytes.length - 1} bytes (sandbox.maxPluginBytes)`);
    const gz = refusals(admitComponent(bytes, FILE, { maxBytes: bytes.length, maxGzipBytes: gzipBytes - 1 }));
    expect(gz.map((d) => d.code)).toEqual(['plugin-too-large-gzip']);
    expect(gz[0]!.problem).toContain(`${gzipBytes} bytes gzipped; the most allowed is ${gzipBytes - 1} bytes (sandbox.maxPluginGzipBytes)`);
  });

  it('default raw limit: 307200 bytes pass, 307201 are refused before anything else is read', () => {
    expect(admitComponent(padTo(bytes, 307_200), FILE)).toMatchObject({ ok: true, sizes: { bytes: 307_200 } });
    expect(codes(admitComponent(padTo(bytes, 307_201), FILE))).toEqual(['plugin-too-large']);
    expect(codes(admitComponent(randomBytes(307_201), FILE))).toEqual(['plugin-too-large']);
  });

  it('default gzip limit: an incompressible 200 KB component is refused', () => {
    const big = padTo(bytes, 200_000, (n) => randomBytes(n, 7));
    const diagnostics = refusals(admitComponent(big, FILE));
    expect(diagnostics.map((d) => d.code)).toEqual(['plugin-too-large-gzip']);
    expect(diagnostics[0]!.problem).toContain('the most allowed is 122880 bytes');
  });
});

describe('admitComponent: preamble', () => {
  it('refuses files that are not WebAssembly', () => {
    const elf = refusals(admitComponent(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), FILE));
    expect(elf.map((d) => d.code)).toEqual(['plugin-bad-magic']);
    expect(elf[0]!.problem).toContain('it starts with 7f 45 4c 46');
    expect(refusals(admitComponent(new Uint8Array(), FILE))[0]!.problem).toContain('the file is empty');
    expect(codes(admitComponent(Buffer.from('\0as'), FILE))).toEqual(['plugin-bad-magic']);
  });

  it('refuses a core module, saying how to make it a component', async () => {
    const core = new Uint8Array(await parse(readFileSync(path.join(pluginsDir, 'echo-wat', 'echo.wat'), 'utf8')));
    const [d] = refusals(admitComponent(core, FILE));
    expect(d!.code).toBe('plugin-core-module');
    expect(d!.problem).toContain('core WebAssembly module');
    expect(d!.fix).toMatch(/componentEmbed.*componentNew/);
  });

  it('refuses other component versions and layers, and a cut preamble', () => {
    const [v] = refusals(admitComponent(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0e, 0, 1, 0]), FILE));
    expect(v).toMatchObject({ code: 'plugin-bad-version' });
    expect(v!.problem).toContain('version 0e 00');
    expect(codes(admitComponent(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 2, 0]), FILE))).toEqual(['plugin-bad-version']);
    const [cut] = refusals(admitComponent(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0]), FILE));
    expect(cut).toMatchObject({ code: 'plugin-malformed' });
    expect(cut!.problem).toContain('8-byte preamble');
  });
});

describe('admitComponent: imports and exports', () => {
  let evil: Uint8Array;
  beforeAll(async () => {
    const wit = `${WIT.replace('world plugin {', 'world evil {\n  import evil:x/y;\n  import wasi:cli/environment@0.2.0;\n  import host;\n  export tools;\n}\n\nworld plugin {')}
package evil:x { interface y { f: func(); } }
package wasi:cli@0.2.0 { interface environment { get-environment: func() -> list<tuple<string, string>>; } }
`;
    evil = new Uint8Array(await componentNew(await componentEmbed({ dummy: true, witSource: wit, world: 'evil' })));
  });

  it('refuses every import but the host interface, by name; WASI as not supported yet', async () => {
    expect(readComponentSurface(evil).imports.map((i) => i.name)).toEqual(['evil:x/y', 'wasi:cli/environment@0.2.0', HOST_INTERFACE]);
    const wit = await componentWit(evil);
    expect(wit).toContain('import evil:x/y;');
    const diagnostics = refusals(admitComponent(evil, FILE));
    expect(diagnostics.map((d) => d.code)).toEqual(['plugin-import-refused', 'plugin-import-refused']);
    expect(diagnostics[0]!.problem).toContain('imports evil:x/y (an instance), which weft does not provide; the only import allowed is weft:plugin/host@0.1.0');
    expect(diagnostics[1]!.problem).toContain('imports wasi:cli/environment@0.2.0; WASI is not supported yet');
  });

  it('refuses other versions of the host interface, and the unversioned name', async () => {
    for (const name of ['weft:plugin/host', 'weft:plugin/host@0.2.0', 'weft:plugin/host@0.1.1']) {
      const diagnostics = refusals(admitComponent(await component(`(component (import "${name}" (instance)))`), FILE));
      expect(diagnostics.map((d) => d.code)).toEqual(['plugin-import-refused', 'plugin-export-missing']);
      expect(diagnostics[0]!.problem).toBe(`The component imports ${name}; this weft provides weft:plugin/host@0.1.0 only.`);
    }
  });

  it('refuses the host name imported as something other than an instance, and plain function imports', async () => {
    const asFunc = refusals(admitComponent(await component('(component (import "weft:plugin/host@0.1.0" (func)))'), FILE));
    expect(asFunc[0]!.problem).toContain('as a function; weft provides it as an instance');
    const plain = refusals(admitComponent(await component('(component (import "log" (func)))'), FILE));
    expect(plain[0]!.problem).toContain('imports log (a function), which weft does not provide');
  });

  it('reports ten refused imports one by one and sums up the rest', async () => {
    const imports = Array.from({ length: 13 }, (_, i) => `(import "f${i}" (func))`).join(' ');
    const diagnostics = refusals(admitComponent(await component(`(component ${imports})`), FILE));
    expect(diagnostics).toHaveLength(12);
    expect(diagnostics[10]!.problem).toBe('The component has 3 more import(s) weft does not provide: f10, f11, f12.');
  });

  it('escapes control characters in names it shows', () => {
    const name = [...Buffer.from('evil\x1b[31mred\u009b')];
    const section = [1, 0, name.length, ...name, 1, 0];
    const bytes = Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 10, section.length, ...section]);
    const [d] = refusals(admitComponent(bytes, FILE));
    expect(d!.problem).toContain('imports evil\\u001b[31mred\\u009b (a function)');
    expect(d!.problem).not.toMatch(/[\x1b\u009b]/);
  });

  it('refuses a component that does not export the tools interface', async () => {
    const diagnostics = refusals(admitComponent(await component('(component)'), FILE));
    expect(diagnostics.map((d) => d.code)).toEqual(['plugin-export-missing']);
    expect(diagnostics[0]!.problem).toBe('The component does not export weft:plugin/tools@0.1.0; it exports nothing.');
  });
});

describe('admitComponent: malformed binaries', () => {
  const bytes = readPlugin('hello-as');
  const preamble = [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0];

  it('refuses truncation, unknown sections, over-long numbers and non-UTF-8 names', () => {
    const [cut] = refusals(admitComponent(bytes.subarray(0, bytes.length - 1), FILE));
    expect(cut!.code).toBe('plugin-malformed');
    expect(cut!.problem).toMatch(/runs past the end of the file/);
    const [unknown] = refusals(admitComponent(Uint8Array.from([...preamble, 0x20, 0]), FILE));
    expect(unknown!.problem).toBe('The component is malformed at byte 8: unknown section id 32.');
    const [long] = refusals(admitComponent(Uint8Array.from([...preamble, 10, 0x80, 0x80, 0x80, 0x80, 0x80, 0]), FILE));
    expect(long!.problem).toContain('over-long LEB128');
    // (import "\xff" (func (type 0))) in a 6-byte import section
    const [utf8] = refusals(admitComponent(Uint8Array.from([...preamble, 10, 6, 1, 0, 1, 0xff, 1, 0]), FILE));
    expect(utf8!.problem).toBe('The component is malformed at byte 13: the import name is not valid UTF-8.');
    const [extra] = refusals(admitComponent(Uint8Array.from([...preamble, 10, 2, 0, 0]), FILE));
    expect(extra!.problem).toContain('1 bytes left over');
  });

  it('never throws on any truncation of a real component', () => {
    for (const name of PLUGIN_NAMES) {
      const whole = readPlugin(name);
      for (let length = 0; length < whole.length; length += length < 1024 ? 1 : 13) {
        const result = admitComponent(whole.subarray(0, length), FILE);
        if (length < 8) expect(codes(result)[0]).toMatch(/plugin-(bad-magic|malformed)/);
        else if (!result.ok) refusals(result);
      }
    }
  });

  it('never throws on random byte flips, and never admits a component importing anything but the host', () => {
    const plugins = PLUGIN_NAMES.map(readPlugin);
    const flip = fc.record({ at: fc.oneof(fc.nat({ max: 600 }), fc.nat()), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(fc.property(fc.constantFrom(0, 1), fc.array(flip, { minLength: 1, maxLength: 8 }), (which, flips) => {
      const mutated = Uint8Array.from(plugins[which]!);
      for (const { at, value } of flips) mutated[at % mutated.length] = value;
      const result = admitComponent(mutated, FILE);
      if (result.ok) expect(result.imports.every((i) => i === HOST_INTERFACE)).toBe(true);
      else refusals(result);
    }), { numRuns: 3000, seed: 20_260_728 });
  });

  it('never throws on random bytes after a valid preamble', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
      const result = admitComponent(Uint8Array.from([...preamble, ...tail]), FILE);
      if (!result.ok) refusals(result);
    }), { numRuns: 3000, seed: 7 });
  });
});
