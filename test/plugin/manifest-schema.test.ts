/**
 * The shipped JSON Schema (for editors and docs) and normalizeManifest (what
 * weft enforces) must not drift: the schema accepts every manifest weft
 * loads without a diagnostic, and rejects every manifest weft rejects or
 * warns about, except rules JSON Schema cannot express.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { RESOURCE_LIMITS } from '../../src/plugin/manifest/limits.js';
import { MANIFEST_KEYS, normalizeManifest } from '../../src/plugin/manifest/normalize.js';
import { FILESYSTEM_KEYS, PERMISSION_KEYS } from '../../src/plugin/manifest/normalize-permissions.js';
import { TOOL_KEYS } from '../../src/plugin/manifest/normalize-tools.js';
import { loadManifestSchema, MANIFEST_SCHEMA_URL } from '../../src/plugin/manifest/schema.js';
import { CAPABILITIES } from '../../src/plugin/manifest/types.js';
import { invalidCases, validCases, warningCases } from '../fixtures/manifests/cases.js';

type Node = { properties: Record<string, Node>; items: Node; [key: string]: unknown };

const schema = (await loadManifestSchema()) as unknown as Node;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
/** As a file would hold it: JSON has no `undefined`. */
const asJson = (raw: unknown): unknown => JSON.parse(JSON.stringify(raw)) as unknown;

describe('the shipped manifest schema', () => {
  it('lives in schemas/ at the package root, found relative to the module', () => {
    expect(fileURLToPath(MANIFEST_SCHEMA_URL)).toMatch(/schemas[/\\]plugin-manifest\.schema\.json$/);
    expect(existsSync(MANIFEST_SCHEMA_URL)).toBe(true);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('names the same fields, capabilities and limits as the loader', () => {
    const p = schema.properties;
    expect(Object.keys(p)).toEqual([...MANIFEST_KEYS]);
    expect(Object.keys(p.permissions!.properties)).toEqual([...PERMISSION_KEYS]);
    expect(Object.keys(p.permissions!.properties.filesystem!.items.properties)).toEqual([...FILESYSTEM_KEYS]);
    expect(Object.keys(p.tools!.items.properties)).toEqual([...TOOL_KEYS]);
    expect(p.capabilities!.items.enum).toEqual([...CAPABILITIES]);
    for (const [key, spec] of Object.entries(RESOURCE_LIMITS)) {
      expect(p.resources!.properties[key], key).toMatchObject({ type: 'integer', minimum: spec.min, maximum: spec.max, default: spec.default });
    }
  });

  it.each(validCases)('accepts the valid case: $name', ({ raw }) => {
    expect(normalizeManifest(raw, 'm.json').diagnostics).toEqual([]);
    expect(validate(asJson(raw)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(invalidCases.filter((c) => c.schemaCatches !== false))('rejects the invalid case: $name', ({ raw }) => {
    expect(validate(asJson(raw))).toBe(false);
  });

  it.each(invalidCases.filter((c) => c.schemaCatches === false))('cannot express, so accepts: $name', ({ raw }) => {
    // Keeps the exception list honest: a case the schema starts catching moves out of it.
    expect(validate(asJson(raw))).toBe(true);
  });

  it.each(warningCases)('flags what the loader warns about: $name', ({ raw }) => {
    expect(validate(asJson(raw))).toBe(false);
  });
});
