/**
 * Collects the diagnostics of one manifest and holds the small readers every
 * part of normalisation shares. Every error names the field, the value found
 * and the rule it breaks, plus how to fix it.
 */
import type { Diagnostic } from '../diagnostic.js';

export class ManifestReport {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(field: string | undefined, problem: string, fix: string, code = 'manifest-invalid'): void {
    this.push({ code, severity: 'error', problem, fix }, field);
  }

  warn(field: string | undefined, problem: string, fix: string, code: string): void {
    this.push({ code, severity: 'warning', problem, fix }, field);
  }

  private push(d: Omit<Diagnostic, 'file' | 'field'>, field: string | undefined): void {
    this.diagnostics.push({ ...d, file: this.file, ...(field ? { field } : {}) });
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: strings quoted, long ones cut. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return String(value);
  if (isPlainObject(value)) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  const cut = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return Array.isArray(value) ? `the list ${cut}` : cut;
}

/** `prefix.key`, or `key` at the top level. */
export function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** Warns (`unknown-field`) about every key of `obj` not in `known`. */
export function warnUnknownKeys(
  report: ManifestReport,
  obj: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const guess = closest(key, known);
    const hint = guess ? `Did you mean "${guess}"? ` : '';
    report.warn(
      join(prefix, key),
      `"${key}" is not a field of ${prefix || 'the manifest'}; it is ignored.`,
      `${hint}Remove it, or use one of: ${known.filter((k) => k !== '$schema').join(', ')}.`,
      'unknown-field',
    );
  }
}

/** The known name within edit distance 2 of `key`, if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(row[j - 1]! + 1, prev[j]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** A list field: `undefined` stays absent (caller fills the default); anything but a list is an error. */
export function readList(report: ManifestReport, value: unknown, field: string, what: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  report.error(field, `${field} is ${show(value)}; it must be a list of ${what}.`, `Write ${field} as a list, e.g. [].`);
  return undefined;
}

/**
 * Keeps the first of equal entries; a repeat is a warning (`duplicate-entry`)
 * since it asks for nothing more.
 */
export function dropDuplicates<T>(report: ManifestReport, items: T[], field: string, key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item, i) => {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      return true;
    }
    report.warn(`${field}[${i}]`, `${field} lists ${k} more than once; the repeat is ignored.`, 'Remove the repeat.', 'duplicate-entry');
    return false;
  });
}
