#!/usr/bin/env node
// Rebuilds the test plugins from source: `node plugins/build.mjs [--out DIR]`.
//
// Each plugin's core module is produced from its source (WAT through jco's
// `parse`, AssemblyScript through `asc`), then wit/plugin.wit (world `plugin`)
// is embedded with `componentEmbed` and the module is wrapped with
// `componentNew`. Uses devDependencies only; the output is byte-for-byte
// deterministic for a given toolchain (test/sandbox/plugins-rebuild.test.ts
// checks the committed .wasm files against a fresh build).
//
// Without --out the components are written next to their sources
// (plugins/<name>/<name>.wasm); with --out DIR to DIR/<name>/<name>.wasm.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco';
import asc from 'assemblyscript/asc';

const here = dirname(fileURLToPath(import.meta.url));
const WIT = join(here, '..', 'wit', 'plugin.wit');

/** Export names AssemblyScript can emit, and the names wit-component expects. */
const TOOLS = 'weft:plugin/tools@0.1.0';
export const AS_EXPORT_NAMES = {
  list_tools: `${TOOLS}#list-tools`,
  call_tool: `${TOOLS}#call-tool`,
  post_list_tools: `cabi_post_${TOOLS}#list-tools`,
  post_call_tool: `cabi_post_${TOOLS}#call-tool`,
};

export const PLUGINS = {
  'echo-wat': async () => parse(await readFile(join(here, 'echo-wat', 'echo.wat'), 'utf8')),
  'hello-as': async () => renameExports(await compileAssemblyScript(join(here, 'hello-as', 'assembly', 'index.ts')), AS_EXPORT_NAMES),
};

async function compileAssemblyScript(file) {
  const source = await readFile(file, 'utf8');
  const result = await asc.compileString({ 'index.ts': source }, {
    optimizeLevel: 3,
    shrinkLevel: 1,
    noAssert: true,
    runtime: 'incremental',
    // No `env.abort` import: a component may import weft:plugin/host only.
    use: ['abort='],
  });
  if (result.error || !result.binary) throw new Error(`asc failed for ${file}:\n${result.stderr.toString()}`);
  return result.binary;
}

/** Wraps a core module into a component of world `plugin`. */
export async function componentize(core) {
  const witSource = await readFile(WIT, 'utf8');
  const embedded = await componentEmbed({ binary: core, witSource, world: 'plugin', stringEncoding: 'utf8' });
  return componentNew(embedded);
}

/** Builds every plugin (or those named) and writes DIR/<name>/<name>.wasm; returns the paths. */
export async function buildPlugins(outDir = here, names = Object.keys(PLUGINS)) {
  const written = [];
  for (const name of names) {
    const build = PLUGINS[name];
    if (!build) throw new Error(`unknown plugin ${name}; known: ${Object.keys(PLUGINS).join(', ')}`);
    const component = await componentize(await build());
    const file = join(outDir, name, `${name}.wasm`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, component);
    written.push(file);
  }
  return written;
}

// ---- core-module export renaming (the export section is id 7) ----

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined || shift > 28) throw new Error('malformed LEB128 in core module');
    value |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value >>> 0, at];
    shift += 7;
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

/** Returns `core` with exports renamed by `names` (old -> new); every old name must exist. */
export function renameExports(core, names) {
  const chunks = [core.subarray(0, 8)];
  const pending = new Set(Object.keys(names));
  let at = 8;
  while (at < core.length) {
    const id = core[at];
    const [size, start] = readU32(core, at + 1);
    const end = start + size;
    if (end > core.length) throw new Error('malformed section size in core module');
    if (id !== 7) {
      chunks.push(core.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readU32(core, start);
    const body = [Uint8Array.from(u32(count))];
    for (; count > 0; count--) {
      const [len, q] = readU32(core, p);
      const old = text.decode(core.subarray(q, q + len));
      const renamed = utf8.encode(names[old] ?? old);
      pending.delete(old);
      const [, after] = readU32(core, q + len + 1); // the kind byte, then the index
      body.push(Uint8Array.from(u32(renamed.length)), renamed, core.subarray(q + len, after));
      p = after;
    }
    const section = Buffer.concat(body);
    chunks.push(Uint8Array.from([7, ...u32(section.length)]), section);
    at = end;
  }
  if (pending.size > 0) throw new Error(`exports not found: ${[...pending].join(', ')}`);
  return new Uint8Array(Buffer.concat(chunks));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out');
  const outDir = i >= 0 ? process.argv[i + 1] : here;
  if (!outDir) throw new Error('--out needs a directory');
  for (const file of await buildPlugins(outDir)) console.log(`wrote ${file}`);
}
