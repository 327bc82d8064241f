import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../plugin/diagnostic.js';

/** `/sandbox/maxPluginBytes` → `sandbox.maxPluginBytes`. */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

function valueAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const part of pointerToField(pointer).split('.').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** One ajv error as a diagnostic naming file, key, value, rule and fix. */
export function diagnoseSchemaError(error: ErrorObject, root: unknown, file: string): Diagnostic {
  const field = pointerToField(error.instancePath);
  const value = valueAt(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const base = { severity: 'error' as const, file, field: field || '(top level)', code: 'config-value' };
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = join(field, String(params.additionalProperty));
      if (/^providers\.[^.]+\.(apiKey|api_key|key|token)$/i.test(key)) {
        return { ...base, code: 'key-in-config', severity: 'warning', field: key, problem: `${key} is ignored: weft never reads a key from a file`,
          fix: 'Remove it (and rotate the key if this file is shared); put the key in an environment variable and set apiKeyEnv to that variable\'s name, e.g. "apiKeyEnv": "OPENAI_API_KEY".' };
      }
      return { ...base, code: 'unknown-key', severity: 'warning', field: key,
        problem: `unknown key "${key}" is ignored`, fix: `Remove "${key}", or check its spelling against schemas/config.schema.json.` };
    }
    case 'pattern':
      if (field.endsWith('.apiKeyEnv')) { // never echo it: it may be a key pasted in the wrong place
        return { ...base, problem: `${field} is not a variable name (letters, digits and _)`,
          fix: 'apiKeyEnv is the NAME of the variable that holds the key, e.g. "OPENAI_API_KEY". If you pasted the key itself, remove it from the file (and rotate it if the file is shared).' };
      }
      if (field.endsWith('.baseUrl')) {
        return { ...base, problem: `${field} is ${show(value)}, which does not start with http:// or https://`, fix: `Write the whole URL, e.g. "http://${String(value).replace(/^\/+/, '')}".` };
      }
      return { ...base, problem: `${field} is ${show(value)}, which does not match ${String(params.pattern)}`,
        fix: `Correct ${field} (see its description in schemas/config.schema.json).` };
    case 'required': {
      const key = join(field, String(params.missingProperty));
      return { ...base, field: key, problem: `${key} is missing`, fix: `Add ${key} to ${field || 'the file'}.` };
    }
    case 'propertyNames':
      return { ...base, field: join(field, String(params.propertyName)),
        problem: `the key "${String(params.propertyName)}" in ${field} is not allowed: ${error.message ?? 'bad name'}`,
        fix: 'Use 1 to 32 characters from a-z, 0-9 and _ (the slash-command alphabet).' };
    case 'minimum':
    case 'maximum':
      return { ...base, problem: `${field} is ${show(value)}; the ${error.keyword} is ${String(params.limit)}`,
        fix: `Set ${field} to a value ${error.keyword === 'minimum' ? 'of at least' : 'of at most'} ${String(params.limit)}, or remove it to use the default.` };
    case 'enum':
      return { ...base, problem: `${field} is ${show(value)}, which is not one of ${JSON.stringify(params.allowedValues)}`,
        fix: `Set ${field} to one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.` };
    case 'type':
      return { ...base, problem: `${field || 'the file'} is ${show(value)}, but must be ${String(params.type)}`,
        fix: `Make ${field || 'the top level'} ${/^[aeiou]/.test(String(params.type)) ? 'an' : 'a'} ${String(params.type)}, or remove it to use the default.` };
    default:
      return { ...base, problem: `${field} is ${show(value)}: ${error.message ?? error.keyword}`,
        fix: `Correct ${field} (see its description in schemas/config.schema.json), or remove it to use the default.` };
  }
}

/** Removes the keys ajv reported as unknown, so the rest can apply. */
export function dropUnknownKeys(root: unknown, errors: ErrorObject[]): void {
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const parent = valueAt(root, error.instancePath);
    if (parent && typeof parent === 'object') {
      delete (parent as Record<string, unknown>)[String((error.params as Record<string, unknown>).additionalProperty)];
    }
  }
}
