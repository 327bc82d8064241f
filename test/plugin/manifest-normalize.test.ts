import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import { normalizeManifest } from '../../src/plugin/manifest/normalize.js';
import { FULL_JSON_FILE, FULL_YAML_FILE, full, invalidCases, skillPlugin, toolPlugin, validCases, warningCases } from '../fixtures/manifests/cases.js';

const FILE = 'plugins/demo/clawft.plugin.json';

describe('normalizeManifest: round trip', () => {
  it('a manifest using every field normalises to exactly its input (JSON)', () => {
    const result = parseManifest(readFileSync(FULL_JSON_FILE, 'utf8'), fileURLToPath(FULL_JSON_FILE));
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest).toStrictEqual(full());
  });

  it('the same manifest in YAML normalises to the same thing', () => {
    const result = parseManifest(readFileSync(FULL_YAML_FILE, 'utf8'), fileURLToPath(FULL_YAML_FILE));
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest).toStrictEqual(full());
  });

  it('the full manifest sets every field to a non-default value', () => {
    const m = full();
    for (const key of ['id', 'name', 'version', 'description', 'capabilities', 'permissions', 'resources', 'wasm_module', 'skills', 'tools']) {
      expect(m, key).toHaveProperty(key);
    }
    const defaults = normalizeManifest(skillPlugin(), FILE).manifest!;
    const p = m.permissions as Record<string, unknown>;
    for (const key of ['network', 'filesystem', 'env_vars', 'shell']) expect(p[key], key).not.toEqual(defaults.permissions[key as 'shell']);
    const r = m.resources as Record<string, unknown>;
    for (const [key, value] of Object.entries(defaults.resources)) expect(r[key], key).not.toBe(value);
  });

  it('keeps input schemas exactly as written, key order and unknown keywords included', () => {
    const raw = full();
    const { manifest } = normalizeManifest(raw, FILE);
    const tools = raw.tools as { input_schema: unknown }[];
    expect(JSON.stringify(manifest!.tools[0]!.input_schema)).toBe(JSON.stringify(tools[0]!.input_schema));
  });
});

describe('normalizeManifest: defaults', () => {
  it('fills every default explicitly', () => {
    const { manifest, diagnostics } = normalizeManifest(skillPlugin(), FILE);
    expect(diagnostics).toEqual([]);
    expect(manifest).toStrictEqual({
      id: 'com.example.skills', name: 'Skills', version: '0.1.0', capabilities: ['skill'],
      permissions: { network: [], filesystem: [], env_vars: [], shell: false },
      resources: { max_fuel: 1e9, max_memory_mb: 16, max_execution_seconds: 30, max_http_requests_per_minute: 10, max_log_messages_per_minute: 100 },
      skills: ['skills/a'], tools: [],
    });
  });

  it('fills the missing keys of a partial permissions and resources object', () => {
    const { manifest } = normalizeManifest(toolPlugin({ permissions: { env_vars: ['K'] }, resources: { max_memory_mb: 32 } }), FILE);
    expect(manifest!.permissions).toEqual({ network: [], filesystem: [], env_vars: ['K'], shell: false });
    expect(manifest!.resources.max_memory_mb).toBe(32);
    expect(manifest!.resources.max_fuel).toBe(1e9);
  });

  it('lowercases host names', () => {
    const { manifest } = normalizeManifest(toolPlugin({ permissions: { network: ['API.Example.COM', '*.CDN.example.com'] } }), FILE);
    expect(manifest!.permissions.network).toEqual(['api.example.com', '*.cdn.example.com']);
  });
});

describe('normalizeManifest: valid cases load with no diagnostic', () => {
  it.each(validCases)('$name', ({ raw }) => {
    const result = normalizeManifest(raw, FILE);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest).toBeDefined();
  });
});

describe('normalizeManifest: every rule is an error naming field, value and rule', () => {
  it.each(invalidCases)('$name', ({ raw, field, code, mentions }) => {
    const result = normalizeManifest(raw, FILE);
    expect(result.manifest).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const hit = errors.find((d) => d.field === field);
    expect(hit, JSON.stringify(errors, null, 2)).toBeDefined();
    expect(hit!.code).toBe(code ?? 'manifest-invalid');
    expect(hit!.file).toBe(FILE);
    for (const m of mentions) expect(hit!.problem).toContain(m);
    if (field) expect(hit!.problem).toContain(field.replace(/\.type$/, ''));
    expect(hit!.fix.length).toBeGreaterThan(10);
  });

  it('reports every problem at once, not just the first', () => {
    const { diagnostics } = normalizeManifest(toolPlugin({ id: 'x', version: 'x', resources: { max_memory_mb: 999 } }), FILE);
    expect(diagnostics.map((d) => d.field)).toEqual(['id', 'version', 'resources.max_memory_mb']);
  });

  it('says an unsupported capability is valid but has no plugin interface yet', () => {
    const { diagnostics, manifest } = normalizeManifest(toolPlugin({ capabilities: ['tool', 'voice'] }), FILE);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'capability-unsupported', severity: 'error', field: 'capabilities[1]' })]);
    expect(diagnostics[0]!.problem).toBe('capabilities[1] is "voice", a valid capability, but weft has no plugin interface for it yet, so this plugin is not loaded.');
  });
});

describe('normalizeManifest: unknown fields and repeats warn and are dropped', () => {
  it.each(warningCases)('$name', ({ raw, field, code, absent }) => {
    const { manifest, diagnostics } = normalizeManifest(raw, FILE);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code, field, file: FILE })]);
    expect(diagnostics[0]!.problem).toContain(field.split('.').at(-1)!.replace(/^.*\[(\d+)\]$/, ''));
    expect(manifest).toBeDefined();
    expect(absent(manifest as unknown as Record<string, unknown>)).toBeUndefined();
  });

  it('suggests the field meant by a misspelling', () => {
    const { diagnostics } = normalizeManifest(toolPlugin({ permissions: { netwrk: [] } }), FILE);
    expect(diagnostics[0]!.fix).toContain('Did you mean "network"?');
  });

  it('accepts $schema silently and drops it', () => {
    const result = normalizeManifest(toolPlugin({ $schema: 'x.json' }), FILE);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest).not.toHaveProperty('$schema');
  });

  it('never warns about keywords inside an input schema', () => {
    const schema = { type: 'object', 'x-anything': 1, properties: { a: { type: 'string', foo: 'bar' } } };
    const result = normalizeManifest(toolPlugin({ tools: [{ name: 'run', input_schema: schema }] }), FILE);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest!.tools[0]!.input_schema).toStrictEqual(schema);
  });
});
