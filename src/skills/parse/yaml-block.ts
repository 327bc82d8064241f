/**
 * Reads the frontmatter block: YAML 1.2 (core schema, the `yaml` package) and,
 * when that fails or gives something other than a mapping, the line reader,
 * with a `yaml-fallback` warning. The line reader always runs too: it is
 * cheap, and it gives every key's line and its raw text.
 */
import { createRequire } from 'node:module';
import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from 'yaml';
import { fastYaml } from './fast-yaml.js';
import { readLines, type LineEntry } from './line-reader.js';
import { isPlainObject, type SkillReport } from './report.js';

export interface Frontmatter {
  /** Top-level keys: YAML values, or the line reader's strings after a fallback. */
  fields: Record<string, unknown>;
  /** What the line reader saw, key by key (raw text and line within the block). */
  lines: Map<string, LineEntry>;
  /** True when the YAML failed and `fields` came from the line reader. */
  fallback: boolean;
}

/** The block's first line is line 2 of the file. */
export const BLOCK_LINE_OFFSET = 1;

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  version: '1.2',
  prettyErrors: true,
};
const TO_JS: ToJSOptions = { maxAliasCount: 100 };

// The yaml package costs tens of milliseconds to load; most frontmatter takes
// the fast path and never needs it, so it is required on first use.
const require = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | undefined;
function parseDocument(...args: Parameters<typeof import('yaml').parseDocument>): ReturnType<typeof import('yaml').parseDocument> {
  yamlLib ??= require('yaml') as typeof import('yaml');
  return yamlLib.parseDocument(...args);
}

export function readFrontmatter(block: string, report: SkillReport): Frontmatter {
  const lines = readLines(block);
  const parsed = parseYaml(block);
  if (parsed.ok) return { fields: parsed.value, lines, fallback: false };
  const fields: Record<string, unknown> = {};
  for (const [key, entry] of lines) {
    // defineProperty: a key such as `__proto__` stays an ordinary key.
    if (entry.value) Object.defineProperty(fields, key, { value: entry.value, enumerable: true, writable: true, configurable: true });
  }
  const where = parsed.line === undefined ? {} : { line: parsed.line + BLOCK_LINE_OFFSET };
  report.add(
    'yaml-fallback',
    `The frontmatter is not valid YAML (${parsed.reason}); it was read line by line instead, as OpenClaw does.`,
    'Quote values that contain ": ", start with "[", "{", "," or "*", or hold special characters, e.g. description: "Use when: …".',
    where,
  );
  return { fields, lines, fallback: true };
}

type YamlResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string; line?: number };

function parseYaml(block: string): YamlResult {
  const fast = fastYaml(block);
  if (fast) return { ok: true, value: fast };
  try {
    const doc = parseDocument(block, YAML_OPTIONS);
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      const reason = firstLine(error.message);
      return line === undefined ? { ok: false, reason } : { ok: false, reason, line };
    }
    const value: unknown = doc.toJS(TO_JS);
    if (value === null || value === undefined) return { ok: true, value: {} };
    if (!isPlainObject(value)) return { ok: false, reason: `it is ${Array.isArray(value) ? 'a list' : 'a single value'}, not a mapping of keys`, line: 1 };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, reason: firstLine(err instanceof Error ? err.message : String(err)) };
  }
}

/** yaml's pretty messages end with a code excerpt; keep the sentence. */
function firstLine(message: string): string {
  const cut = message.split('\n', 1)[0] ?? message;
  return cut.replace(/ at line \d+, column \d+:?$/, '').trim();
}
