/**
 * The shared skill corpus (../shared/corpus/skills): 169 real SKILL.md files
 * with ground truth in expected.json, and the spec table that maps their
 * quirk notes to diagnostic codes (../shared/spec/skill-diagnostics.md).
 * Tests that read it fail, never skip, when ../shared is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './run-weft.js';

export const shared = path.resolve(repoRoot, '../shared');
export const corpus = path.join(shared, 'corpus/skills');
export const expectedFile = path.join(corpus, 'expected.json');

export interface Entry {
  source: string;
  dir: string;
  path: string;
  name: string | null;
  description: string | null;
  effectiveName: string;
  openclawCommand?: string | null;
  metadata?: unknown;
  quirks: string[];
}

/** The spec table: quirk-note prefix → code (error and warning codes only; info codes are free). */
const TABLE: [prefix: string | RegExp, code: string][] = [
  ['frontmatter is not valid YAML', 'yaml-fallback'],
  ['no frontmatter', 'no-frontmatter'],
  ['frontmatter never closed', 'frontmatter-unclosed'],
  ['name breaks Agent Skills naming rules', 'name-rule'],
  [/^name '.*' differs from directory/, 'name-dir-mismatch'],
  ['manifest block under legacy key', 'metadata-legacy-key'],
  // "metadata survives only as raw text" gives the code only when the text is not JSON5 either,
  // and exactly those entries also carry this note.
  ['metadata text is not valid JSON/JSON5 either', 'metadata-unparsed'],
];

/** The spec says the yaml package parses this one, so yaml-fallback is optional for it. */
export const YAML_FALLBACK_OPTIONAL = 'ai-image-prompts-for-eye-catching-marketing-creati-4e43d568';

export function expectedCodes(entry: Entry): Set<string> {
  const codes = new Set<string>();
  for (const quirk of entry.quirks) {
    for (const [prefix, code] of TABLE) {
      if (typeof prefix === 'string' ? quirk.startsWith(prefix) : prefix.test(quirk)) codes.add(code);
    }
  }
  const noBlock = codes.has('no-frontmatter') || codes.has('frontmatter-unclosed');
  if (entry.description === null && !noBlock) codes.add('no-description');
  return codes;
}

/** The error and warning codes found, against those expected; '' when they agree. */
export function codeMismatch(entry: Entry, diagnostics: Array<{ code: string; severity: string }>): string {
  const got = new Set(diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'duplicate-name').map((d) => d.code));
  const want = expectedCodes(entry);
  if (entry.dir === YAML_FALLBACK_OPTIONAL && !got.has('yaml-fallback')) want.delete('yaml-fallback');
  const sorted = (s: Set<string>) => [...s].sort().join(', ');
  return sorted(got) === sorted(want) ? '' : `codes [${sorted(got)}], expected [${sorted(want)}]`;
}

/** expected.json trims every string, nested ones too (a block scalar's final newline goes). */
export function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimStrings(v)]));
  return value;
}

export function loadEntries(): Entry[] {
  expect(
    existsSync(expectedFile),
    `The shared skill corpus is missing: expected ${expectedFile}. This test needs ../shared next to the repository (the corpus of 169 real skills).`,
  ).toBe(true);
  return JSON.parse(readFileSync(expectedFile, 'utf8')) as Entry[];
}
