/** Collects the diagnostics of one SKILL.md; the severity always comes from the code. */
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { SKILL_CODES, type SkillCode } from './codes.js';

export interface Where {
  line?: number;
  field?: string;
}

export class SkillReport {
  readonly diagnostics: Diagnostic[] = [];
  private errors = 0;

  constructor(readonly file: string) {}

  add(code: SkillCode, problem: string, fix: string, where: Where = {}): void {
    const severity = SKILL_CODES[code];
    if (severity === 'error') this.errors++;
    const d: Diagnostic = { code, severity, file: this.file, problem, fix };
    if (where.line !== undefined) d.line = where.line;
    if (where.field !== undefined) d.field = where.field;
    this.diagnostics.push(d);
  }

  hasErrors(): boolean {
    return this.errors > 0;
  }
}

/** A value as a message shows it: strings quoted, long ones cut. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (typeof value === 'object' && !Array.isArray(value)) return 'a mapping';
  const text = JSON.stringify(value) ?? String(value);
  const cut = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return Array.isArray(value) ? `the list ${cut}` : cut;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
