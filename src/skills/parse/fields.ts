/**
 * Reads typed values out of the frontmatter. YAML gives typed values, the
 * line reader gives strings; both are accepted. Where YAML turned text into a
 * list or mapping (`argument-hint: [file]`, `description:` followed by an
 * indented `Use when: x`), the text as written is used, as OpenClaw does.
 */
import type { Frontmatter } from './yaml-block.js';
import { BLOCK_LINE_OFFSET } from './yaml-block.js';
import { show, type SkillReport, type Where } from './report.js';

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

export class FieldReader {
  constructor(
    private readonly fm: Frontmatter,
    private readonly report: SkillReport,
  ) {}

  /** The file line of a top-level key, when the line reader saw it. */
  line(key: string): number | undefined {
    const entry = this.fm.lines.get(key);
    return entry === undefined ? undefined : entry.line + BLOCK_LINE_OFFSET;
  }

  where(key: string): Where {
    const line = this.line(key);
    return line === undefined ? { field: key } : { line, field: key };
  }

  raw(key: string): unknown {
    return Object.hasOwn(this.fm.fields, key) ? this.fm.fields[key] : undefined;
  }

  /**
   * A text field, trimmed. Numbers and booleans keep the text written
   * (`version: 1.0` stays "1.0"); a YAML list or mapping falls back to the
   * written text when there is one on the key's line.
   */
  text(key: string, quiet = false): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim();
    const written = this.fm.lines.get(key)?.value;
    if (typeof value === 'number') return written && Number(written) === value ? written : String(value);
    if (typeof value === 'boolean') return String(value);
    if (written && !quiet) {
      this.report.add('field-invalid', `${key} was read by YAML as ${Array.isArray(value) ? 'a list' : 'a mapping'}; weft uses the text as written, ${show(written)}.`, `Quote the value: ${key}: ${JSON.stringify(written)}.`, this.where(key));
    }
    if (written) return written;
    this.invalid(key, value, 'text');
    return undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const v = value.trim().toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
    }
    this.invalid(key, value, 'true or false', `the default, ${fallback},`);
    return fallback;
  }

  /** `allowed-tools`: a list, or a string of names separated by spaces or commas (parentheses kept whole). */
  toolList(key: string): string[] {
    const value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') {
      const text = value.trim();
      if (text.startsWith('[')) {
        const list = parseFlowList(text);
        if (list) return list;
      }
      return splitTools(text);
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => v.trim()).filter(Boolean);
    this.invalid(key, value, 'a list of tool names, or one string of names separated by spaces');
    return [];
  }

  invalid(key: string, value: unknown, wanted: string, instead = 'nothing'): void {
    this.report.add('field-invalid', `${key} is ${show(value)}; it must be ${wanted}, so ${instead} is used instead.`, `Write ${key} as ${wanted}, or remove it.`, this.where(key));
  }
}

function parseFlowList(text: string): string[] | undefined {
  if (!text.endsWith(']')) return undefined;
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((s) => s.trim().replace(/^(["'])(.*)\1$/, '$2')).filter(Boolean);
}

/** Splits on whitespace and commas outside parentheses: `Bash(git add:*) Read, Grep`. */
export function splitTools(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === undefined || (depth === 0 && (c === ',' || c === ' ' || c === '\t' || c === '\n'))) {
      const part = text.slice(start, i).trim();
      if (part) out.push(part);
      start = i + 1;
    }
  }
  return out;
}
