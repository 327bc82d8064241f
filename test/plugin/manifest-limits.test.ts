import { describe, expect, it } from 'vitest';
import { defaultResourceLimits, RESOURCE_LIMIT_KEYS, RESOURCE_LIMITS } from '../../src/plugin/manifest/limits.js';
import { normalizeManifest } from '../../src/plugin/manifest/normalize.js';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import type { ResourceLimits } from '../../src/plugin/manifest/types.js';
import { toolPlugin } from '../fixtures/manifests/cases.js';

const FILE = 'clawft.plugin.json';
const withLimit = (key: keyof ResourceLimits, value: unknown) => normalizeManifest(toolPlugin({ resources: { [key]: value } }), FILE);

describe('RESOURCE_LIMITS', () => {
  it('holds the documented defaults, minimums and caps', () => {
    expect(RESOURCE_LIMITS).toMatchObject({
      max_fuel: { default: 1e9, min: 1, max: 1e11 },
      max_memory_mb: { default: 16, min: 1, max: 256 },
      max_execution_seconds: { default: 30, min: 1, max: 300 },
      max_http_requests_per_minute: { default: 10, min: 1, max: 600 },
      max_log_messages_per_minute: { default: 100, min: 1, max: 6000 },
    });
    expect(defaultResourceLimits()).toEqual(Object.fromEntries(RESOURCE_LIMIT_KEYS.map((k) => [k, RESOURCE_LIMITS[k].default])));
  });

  it('hands out a fresh defaults object each time', () => {
    const a = defaultResourceLimits();
    a.max_fuel = 5;
    expect(defaultResourceLimits().max_fuel).toBe(1e9);
  });
});

describe.each(RESOURCE_LIMIT_KEYS)('resources.%s', (key) => {
  const { min, max } = RESOURCE_LIMITS[key];

  it('accepts the cap', () => {
    const { manifest, diagnostics } = withLimit(key, max);
    expect(diagnostics).toEqual([]);
    expect(manifest!.resources[key]).toBe(max);
  });

  it('rejects cap + 1, naming the requested and the allowed amount', () => {
    const { manifest, diagnostics } = withLimit(key, max + 1);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'manifest-limit-exceeds-cap', severity: 'error', field: `resources.${key}` })]);
    expect(diagnostics[0]!.problem).toBe(`resources.${key} is ${max + 1}; the cap is ${max}.`);
    expect(diagnostics[0]!.fix).toBe(`Lower it to ${max} or less.`);
  });

  it('accepts the minimum and rejects one below it', () => {
    expect(withLimit(key, min).diagnostics).toEqual([]);
    const { diagnostics } = withLimit(key, min - 1);
    expect(diagnostics[0]).toMatchObject({ field: `resources.${key}`, problem: `resources.${key} is ${min - 1}; the minimum is ${min}.` });
  });

  it.each([-5, 2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %s', (value) => {
    const { manifest, diagnostics } = withLimit(key, value);
    expect(manifest).toBeUndefined();
    expect(diagnostics[0]!.field).toBe(`resources.${key}`);
    expect(diagnostics[0]!.problem).toContain(`is ${value}`);
  });

  it.each(['10', 'NaN', 'Infinity', '', '0x10', true, null, [], {}])('rejects the non-number %j', (value) => {
    const { manifest, diagnostics } = withLimit(key, value);
    expect(manifest).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'manifest-invalid', field: `resources.${key}` });
    expect(diagnostics[0]!.problem).toContain(`from ${min} to ${max}`);
  });
});

describe('resource limits as written', () => {
  it('takes max_fuel in exponent form when it is an integer, in JSON and YAML', () => {
    expect(parseManifest(JSON.stringify(toolPlugin()).replace(/}$/, ', "resources": {"max_fuel": 2.5e9}}'), 'p.json').manifest!.resources.max_fuel).toBe(2.5e9);
    const yaml = 'id: a.b\nname: A\nversion: 1.0.0\ncapabilities: [tool]\nwasm_module: a.wasm\ntools: [{name: t, input_schema: {type: object}}]\nresources: {max_fuel: 1e10}\n';
    expect(parseManifest(yaml, 'p.yaml').manifest!.resources.max_fuel).toBe(1e10);
  });

  it('rejects YAML .nan and .inf', () => {
    const base = 'id: a.b\nname: A\nversion: 1.0.0\ncapabilities: [tool]\nwasm_module: a.wasm\ntools: [{name: t, input_schema: {type: object}}]\n';
    expect(parseManifest(`${base}resources: {max_memory_mb: .nan}\n`, 'p.yaml').diagnostics[0]!.problem).toContain('is NaN');
    expect(parseManifest(`${base}resources: {max_memory_mb: .inf}\n`, 'p.yaml').diagnostics[0]!.problem).toContain('is Infinity');
  });

  it('suggests dropping the quotes from a quoted number', () => {
    expect(withLimit('max_fuel', '1e9').diagnostics[0]!.fix).toBe('Write it as a number, without quotes: 1000000000.');
  });

  it('never clamps: a huge value is an error, not the cap', () => {
    const { diagnostics } = withLimit('max_memory_mb', 1e300);
    expect(diagnostics[0]!.code).toBe('manifest-limit-exceeds-cap');
  });
});
