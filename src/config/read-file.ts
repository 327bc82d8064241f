import { readFile } from 'node:fs/promises';
import JSON5 from 'json5';
import type { Diagnostic } from '../plugin/diagnostic.js';
import { diagnoseSchemaError, dropUnknownKeys } from './diagnose.js';
import { checkRoutes } from './routes.js';
import { validateConfigShape } from './schema.js';
import type { ConfigFileContent } from './types.js';

export interface ConfigFileResult {
  file: string;
  exists: boolean;
  /** Present when the file exists and has no errors (unknown keys removed). */
  content?: ConfigFileContent;
  diagnostics: Diagnostic[];
}

function syntaxDiagnostic(file: string, error: unknown): Diagnostic {
  const e = error as { message?: string; lineNumber?: number };
  return {
    code: 'config-syntax', severity: 'error', file,
    ...(typeof e.lineNumber === 'number' ? { line: e.lineNumber } : {}),
    problem: `not valid JSON5: ${e.message ?? String(error)}`,
    fix: 'Correct the syntax at that line (JSON5 allows comments and trailing commas).',
  };
}

/** Reads one config file: JSON5 syntax, then the shipped schema. */
/** `home`: the file whose providers apply, so its routes must name them (a workspace's providers are ignored anyway). */
export async function readConfigFile(file: string, home = false): Promise<ConfigFileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, exists: false, diagnostics: [] };
    return { file, exists: true, diagnostics: [{ code: 'config-unreadable', severity: 'error', file,
      problem: `cannot read the file: ${(error as Error).message}`, fix: 'Check its permissions.' }] };
  }
  let raw: unknown;
  try {
    raw = JSON5.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { file, exists: true, diagnostics: [syntaxDiagnostic(file, error)] };
  }
  const errors = validateConfigShape(raw);
  const diagnostics = errors.map((e) => diagnoseSchemaError(e, raw, file));
  if (diagnostics.some((d) => d.severity === 'error')) return { file, exists: true, diagnostics };
  dropUnknownKeys(raw, errors);
  const routeErrors = home ? checkRoutes(raw as ConfigFileContent, file) : [];
  if (routeErrors.length > 0) return { file, exists: true, diagnostics: [...diagnostics, ...routeErrors] };
  return { file, exists: true, content: raw as ConfigFileContent, diagnostics };
}
