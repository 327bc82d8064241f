// Loading: static admission first, then the transpile cache and the tools check, which
// refuses a manifest whose tools differ from list-tools and then leaves no cache entry.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import type { ManifestTool, PluginManifest } from '../../src/plugin/manifest/types.js';
import { compareTools, componentHash, loadPlugin, PluginLoadError, type HostHandler } from '../../src/sandbox/runtime/index.js';
import { repoRoot } from '../helpers/run-weft.js';

const deny: HostHandler = async () => ({ ok: false, error: 'denied' });

function plugin(name: string): { bytes: Uint8Array; manifest: PluginManifest } {
  const file = path.join(repoRoot, 'plugins', name, 'clawft.plugin.json');
  return {
    bytes: new Uint8Array(readFileSync(path.join(repoRoot, 'plugins', name, `${name}.wasm`))),
    manifest: parseManifest(readFileSync(file, 'utf8'), file).manifest!,
  };
}

const echo = plugin('echo-wat');
const withTools = (tools: ManifestTool[]): PluginManifest => ({ ...echo.manifest, tools });
const roots: string[] = [];
let cacheRoot = '';

beforeEach(() => {
  cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-tools-check-'));
  roots.push(cacheRoot);
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function refusal(manifest: PluginManifest, bytes = echo.bytes): Promise<PluginLoadError> {
  const error = await loadPlugin({ id: 'x', componentBytes: bytes, manifest, cacheRoot, host: deny }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PluginLoadError);
  return error as PluginLoadError;
}

describe('the tools check', () => {
  it.each(['echo-wat', 'hello-as'])('%s passes and is cached under its sha256, with tools.json and meta.json', async (name) => {
    const { bytes, manifest } = plugin(name);
    const p = await loadPlugin({ id: name, componentBytes: bytes, manifest, cacheRoot, host: deny });
    await p.dispose();
    const hash = componentHash(bytes);
    expect(readdirSync(cacheRoot)).toEqual([hash]); // renamed into place: no temp folder left
    const dir = path.join(cacheRoot, hash);
    expect(readdirSync(dir).sort()).toEqual(['meta.json', 'plugin.core.wasm', 'plugin.core2.wasm', 'plugin.core3.wasm', 'plugin.js', 'tools.json']);
    const tools = JSON.parse(readFileSync(path.join(dir, 'tools.json'), 'utf8')) as { name: string }[];
    expect(tools.map((t) => t.name)).toEqual(manifest.tools.map((t) => t.name));
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { hash: string; jsFile: string };
    expect(meta).toMatchObject({ hash, jsFile: 'plugin.js' });
    // A second load is a cache hit: the entry is not rewritten.
    const again = await loadPlugin({ id: name, componentBytes: bytes, manifest, cacheRoot, host: deny });
    expect(readFileSync(path.join(dir, 'meta.json'), 'utf8')).toBe(JSON.stringify(meta, null, 2));
    expect(await again.callTool(manifest.tools[0]!.name, '{}')).toMatchObject({ ok: true });
    await again.dispose();
  });

  it('schemas compare as JSON values: key order does not matter', async () => {
    const reordered = echo.manifest.tools.map((t) => ({ ...t, input_schema: Object.fromEntries(Object.entries(t.input_schema).reverse()) }));
    const p = await loadPlugin({ id: 'x', componentBytes: echo.bytes, manifest: withTools(reordered), cacheRoot, host: deny });
    await p.dispose();
  });

  it('refuses a manifest that lacks a tool, adds one or changes a schema, listing every difference, and leaves no cache entry', async () => {
    const tools = echo.manifest.tools;
    const changed = tools
      .filter((t) => t.name !== 'log')
      .map((t) => (t.name === 'echo' ? { ...t, input_schema: { type: 'object', required: ['x'] } } : t));
    const error = await refusal(withTools([...changed, { name: 'bogus', input_schema: { type: 'object' } }]));
    expect(error.details.code).toBe('plugin-tools-mismatch');
    expect(error.differences.map((d) => [d.kind, d.tool])).toEqual([['schema', 'echo'], ['missing', 'bogus'], ['extra', 'log']]);
    expect(error.diagnostics.map((d) => d.field)).toEqual(['tools.echo', 'tools.bogus', 'tools.log']);
    expect(error.message).toContain('list-tools reports log, which the manifest does not declare');
    expect(readdirSync(cacheRoot)).toEqual([]);
  });

  it('a mismatch against a cached entry refuses too, and removes the entry', async () => {
    const p = await loadPlugin({ id: 'x', componentBytes: echo.bytes, manifest: echo.manifest, cacheRoot, host: deny });
    await p.dispose();
    expect(readdirSync(cacheRoot)).toHaveLength(1);
    const error = await refusal(withTools(echo.manifest.tools.slice(1)));
    expect(error.differences).toEqual([expect.objectContaining({ kind: 'extra', tool: 'echo' })]);
    expect(readdirSync(cacheRoot)).toEqual([]);
  });

  it('concurrent first loads of one component leave exactly one whole entry', async () => {
    const loads = await Promise.all([1, 2, 3].map(() => loadPlugin({ id: 'x', componentBytes: echo.bytes, manifest: echo.manifest, cacheRoot, host: deny })));
    await Promise.all(loads.map((p) => p.dispose()));
    expect(readdirSync(cacheRoot)).toEqual([componentHash(echo.bytes)]);
  });

  it('admission runs first: a refused component is never transpiled or cached', async () => {
    const core = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const error = await refusal(echo.manifest, core);
    expect(error.details.code).toBe('plugin-admission');
    expect(error.diagnostics[0]?.code).toBe('plugin-core-module');
    expect(readdirSync(cacheRoot)).toEqual([]);
  });

  it('compareTools reports invalid schema text and duplicate names', () => {
    const declared: ManifestTool[] = [{ name: 'a', input_schema: { type: 'object' } }];
    expect(compareTools([{ name: 'a', description: '', inputSchema: '{not json' }], declared).map((d) => d.kind)).toEqual(['invalid']);
    expect(compareTools([
      { name: 'a', description: 'x', inputSchema: '{"type":"object"}' },
      { name: 'a', description: 'y', inputSchema: '{"type":"object"}' },
    ], declared).map((d) => d.kind)).toEqual(['invalid']);
  });
});
