import { createRequire } from 'node:module';
import type { JsonSchema } from '../../plugin/json-schema.js';
import { WeftError } from '../../plugin/errors.js';

/** Checks arguments against a tool's JSON Schema before anything runs (ajv, loaded only here). */
export function validateArgs(schema: JsonSchema, args: Record<string, unknown>, toolId: string): void {
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(args)) return;
  const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? e.keyword}`);
  throw new WeftError(`arguments for ${toolId} do not match its schema: ${problems.join('; ')}`, {
    code: 'args-invalid', field: '--args', value: args, fix: `See the schema with \`weft tool list --json\`.` });
}
