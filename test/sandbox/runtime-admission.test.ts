// Issue 4 acceptance: refused before any transpile, with no cache entry for the hash.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import { componentHash, loadPlugin, PluginLoadError, type HostHandler } from '../../src/sandbox/runtime/index.js';
import { repoRoot } from '../helpers/run-weft.js';

const deny: HostHandler = async () => ({ ok: false, error: 'denied' });
const dir = path.join(repoRoot, 'plugins', 'echo-wat');
const echo = new Uint8Array(readFileSync(path.join(dir, 'echo-wat.wasm')));
const manifestFile = path.join(dir, 'clawft.plugin.json');
const manifest = parseManifest(readFileSync(manifestFile, 'utf8'), manifestFile).manifest!;
const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

function leb(n: number): number[] {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

/** The component plus a top-level custom section holding `payload`. */
function withCustomSection(payload: Uint8Array): Uint8Array {
  const name = [...Buffer.from('pad')];
  const body = [...leb(name.length), ...name];
  return new Uint8Array([...echo, 0, ...leb(body.length + payload.length), ...body, ...payload]);
}

/** The same component importing `evil:plugin/host@0.1.0` instead (same length, so still well formed). */
function foreignImport(): Uint8Array {
  const bytes = Buffer.from(echo);
  const at = bytes.indexOf('weft:plugin/host@0.1.0');
  expect(at).toBeGreaterThan(0);
  bytes.write('evil', at);
  return new Uint8Array(bytes);
}

const cases: Array<[string, () => Uint8Array, string, { maxBytes: number; maxGzipBytes: number }?]> = [
  ['over the size limit', () => withCustomSection(new Uint8Array(200)), 'plugin-too-large', { maxBytes: echo.length + 100, maxGzipBytes: 1 << 20 }],
  ['over the gzip limit', () => withCustomSection(new Uint8Array(randomBytes(4000))), 'plugin-too-large-gzip', { maxBytes: 1 << 20, maxGzipBytes: gzipSync(echo).length + 1000 }],
  ['bad magic', () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]), 'plugin-bad-magic'],
  ['a core module', () => new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'plugin-core-module'],
  ['an unknown import', foreignImport, 'plugin-import-refused'],
];

describe('refused before any transpile', () => {
  it.each(cases)('%s: refused with its code, and nothing cached', async (_label, make, code, admission) => {
    const cacheRoot = mkdtempSync(path.join(tmpdir(), 'weft-admit-'));
    roots.push(cacheRoot);
    const bytes = make();
    const error = await loadPlugin({ id: 'x', componentBytes: bytes, manifest, cacheRoot, host: deny, ...(admission ? { admission } : {}) })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PluginLoadError);
    // plugin-admission is thrown before transpileComponent is ever called (load.ts).
    expect((error as PluginLoadError).details.code).toBe('plugin-admission');
    expect((error as PluginLoadError).diagnostics.map((d) => d.code)).toContain(code);
    expect(readdirSync(cacheRoot)).toEqual([]);
    expect(existsSync(path.join(cacheRoot, componentHash(bytes)))).toBe(false);
  });
});
