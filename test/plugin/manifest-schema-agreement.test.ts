/**
 * Differential check of the schema's string patterns against the loader's
 * checks, on many generated strings: for each kind of string, the schema
 * and weft must agree on every one.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { normalizeManifest } from '../../src/plugin/manifest/normalize.js';
import { checkEnvVarName, checkFilesystemPath, checkHostPattern, checkPluginPath } from '../../src/plugin/manifest/permissions.js';
import { loadManifestSchema } from '../../src/plugin/manifest/schema.js';
import { toolPlugin } from '../fixtures/manifests/cases.js';

type Node = { properties: Record<string, Node>; items: Node };
const schema = (await loadManifestSchema()) as unknown as Node;
const ajv = new Ajv2020({ strict: true });
const p = schema.properties;

/** Up to `count` distinct deterministic strings of 0 to `max` of `tokens` (mulberry32). */
function strings(tokens: string[], count: number, max: number, seed = 42): string[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = new Set<string>();
  for (let attempt = 0; out.size < count && attempt < count * 20; attempt++) {
    const n = Math.floor(next() * (max + 1));
    out.add(Array.from({ length: n }, () => tokens[Math.floor(next() * tokens.length)]).join(''));
  }
  return [...out];
}

/** The values on which the schema and the loader disagree (checking both accept and reject plenty). */
function disagreements(values: string[], schemaNode: object, accepts: (s: string) => boolean): string[] {
  const validate = ajv.compile(schemaNode);
  const accepted = values.filter((v) => accepts(v)).length;
  expect(accepted).toBeGreaterThan(20);
  expect(values.length - accepted).toBeGreaterThan(20);
  return values.filter((v) => validate(v) !== accepts(v));
}

describe('schema patterns agree with the loader', () => {
  it('on host patterns', () => {
    const values = strings(['a', 'b0', '-', '.', '*', '*.', ':', '::', '/', '1', '25', '255.', '256', '0', 'f', 'ff', ' ', '[', ']', 'http://', '%'], 4000, 8);
    expect(disagreements(values, p.permissions!.properties.network!.items, (s) => checkHostPattern(s).ok)).toEqual([]);
  });

  it('on filesystem paths', () => {
    const values = strings(['/', '~', '$WORKSPACE', '$HOME', '$', '.', '..', 'a', 'x/', '\\', ' ', '\0'], 4000, 6);
    expect(disagreements(values, p.permissions!.properties.filesystem!.items.properties.path!, (s) => checkFilesystemPath(s).ok)).toEqual([]);
  });

  it('on env var names', () => {
    const values = strings(['A', 'z', '_', '0', '9', '-', '$', '=', ' ', 'É'], 2000, 5);
    expect(disagreements(values, p.permissions!.properties.env_vars!.items, (s) => checkEnvVarName(s).ok)).toEqual([]);
  });

  it('on plugin-relative paths', () => {
    const values = strings(['/', '.', '..', 'a', 'C:', '\\', '~', '$', ' ', 'x.wasm', '\0'], 4000, 6);
    expect(disagreements(values, p.wasm_module!, (s) => checkPluginPath(s).ok)).toEqual([]);
  });

  it('on ids, names, versions and tool names', () => {
    const accepts = (field: string, value: string, patch: Record<string, unknown>) =>
      !normalizeManifest(toolPlugin(patch), 'm.json').diagnostics.some((d) => d.field === field);
    const ids = strings(['a', 'Z', '0', '_', '-', '.', '/', ' ', 'x'.repeat(60)], 3000, 6);
    expect(disagreements(ids, p.id!, (s) => accepts('id', s, { id: s }))).toEqual([]);
    const versions = strings(['1.0.0', '1', '0', '01', '.', '.1', '-', '-rc', '+', '+b', 'a', 'v', ' '], 4000, 4);
    expect(disagreements(versions, p.version!, (s) => accepts('version', s, { version: s }))).toEqual([]);
    const names = strings(['a', ' ', '\t', '\n'], 200, 3);
    expect(disagreements(names, p.name!, (s) => accepts('name', s, { name: s }))).toEqual([]);
    const toolNames = strings(['a', 'Z', '_', '-', '0', '.', ' ', 'x'.repeat(30)], 2000, 5);
    expect(disagreements(toolNames, p.tools!.items.properties.name!, (s) =>
      accepts('tools[0].name', s, { tools: [{ name: s, input_schema: { type: 'object' } }] }))).toEqual([]);
  });
});
