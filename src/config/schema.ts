import type { ErrorObject } from 'ajv/dist/2020.js';
import { validate } from './generated/validate-config.js';

/** The JSON Schema shipped in the package (schemas/config.schema.json). */
export const CONFIG_SCHEMA_URL = new URL('../../schemas/config.schema.json', import.meta.url);

type Validator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Validates against the schema, precompiled by scripts/gen-config-validator.mjs. */
export function validateConfigShape(value: unknown): ErrorObject[] {
  const check = validate as Validator;
  return check(value) ? [] : [...(check.errors ?? [])];
}
