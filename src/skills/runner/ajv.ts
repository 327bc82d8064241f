/**
 * The input-schema check of native skills. ajv is loaded on the first call
 * only (it is large, and most runs of weft never call a native skill).
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../../plugin/json-schema.js';

type Ajv2020Class = typeof import('ajv/dist/2020.js').Ajv2020;

let Ajv: Ajv2020Class | undefined;
/** Compiled per schema object: a skill's schema is immutable once parsed. */
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function ajvClass(): Ajv2020Class {
  if (!Ajv) {
    const require = createRequire(import.meta.url);
    Ajv = (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
  }
  return Ajv;
}

/**
 * The validator of `schema`, filling `default`s into the data it checks.
 * One Ajv instance per schema, so two skills using the same `$id` never
 * collide; `logger: false` keeps ajv from writing to the terminal (an
 * unknown `format` is ignored, as strict: false implies).
 */
export function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const Ajv2020 = ajvClass();
    validate = new Ajv2020({ allErrors: true, strict: false, useDefaults: true, logger: false }).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
