import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { generate, OUTPUT } from '../../scripts/gen-config-validator.mjs';

describe('the precompiled config validator', () => {
  it('is up to date with schemas/config.schema.json (run node scripts/gen-config-validator.mjs)', () => {
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe((generate as () => string)());
  });
});
