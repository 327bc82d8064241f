/**
 * A diagnostic: one thing found wrong (or worth knowing) about a file weft
 * read. Skills, manifests and config files all report these.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code, e.g. `no-description`, `unknown-field`. */
  code: string;
  severity: Severity;
  file: string;
  line?: number;
  /** Dotted path of the field concerned, when there is one. */
  field?: string;
  /** What is wrong, in one sentence. */
  problem: string;
  /** How to fix it, in one sentence. */
  fix: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line: severity [code] field: problem (fix)`: the one text form. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const field = d.field ? ` ${d.field}:` : '';
  return `${where}: ${d.severity} [${d.code}]${field} ${d.problem}\n  fix: ${d.fix}`;
}
