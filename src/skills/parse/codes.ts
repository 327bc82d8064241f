/**
 * Every diagnostic code a SKILL.md can get, with its one severity. The first
 * block is ../shared/spec/skill-diagnostics.md; the second is weft's own.
 * An error means the skill is not loaded; warnings and info never stop it.
 */
import type { Severity } from '../../plugin/diagnostic.js';

export const SKILL_CODES = {
  // From the spec table.
  'too-large': 'error',
  'no-frontmatter': 'error',
  'frontmatter-unclosed': 'error',
  'no-description': 'error',
  'yaml-fallback': 'warning',
  'name-defaulted': 'info',
  'name-rule': 'warning',
  'name-dir-mismatch': 'warning',
  'metadata-legacy-key': 'warning',
  'metadata-unparsed': 'warning',
  'unknown-key': 'info',
  // weft's own.
  /** The file could not be read at all (parseSkillFile only). */
  'read-failed': 'error',
  /** An unexpected failure inside weft's parser (a bug); never thrown, always reported. */
  'parse-failed': 'error',
  /** The bytes were not valid UTF-8; bad sequences became U+FFFD. */
  'encoding-invalid': 'warning',
  /** A frontmatter field weft reads has a value of the wrong kind; it is ignored. */
  'field-invalid': 'warning',
  /** A field of the OpenClaw manifest has the wrong kind; it is ignored. */
  'metadata-invalid': 'warning',
  /** A key of the OpenClaw manifest that OpenClaw does not read. */
  'metadata-unknown-key': 'info',
  /** `metadata.weft` is malformed: a half-understood tool is not loaded. */
  'weft-tool-invalid': 'error',
  /** A key inside `metadata.weft` (or its `tool`) that weft does not read. */
  'weft-unknown-key': 'warning',
  /** Claude Code's `` !`cmd` `` preprocessing: weft never runs it. */
  'command-not-executed': 'info',
} as const satisfies Record<string, Severity>;

export type SkillCode = keyof typeof SKILL_CODES;

export function severityOf(code: SkillCode): Severity {
  return SKILL_CODES[code];
}

export function isSkillCode(code: string): code is SkillCode {
  return Object.hasOwn(SKILL_CODES, code);
}
