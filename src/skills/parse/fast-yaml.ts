/**
 * A fast path for the common frontmatter shape. The `yaml` package costs about
 * 0.1 ms for a typical block; most blocks are only `key: value` lines, so this
 * reads that subset itself and returns undefined for anything else (block
 * scalars, nesting, escapes, tabs, comments after values, typed scalars…),
 * which then goes to the `yaml` package. Within the subset the result equals
 * what `yaml` (core schema) gives; test/skills/parse-property.test.ts checks it.
 */
import { parseJsonFlow } from './json-flow.js';

/** Anything outside printable YAML characters (tab included) sends the block to `yaml`. */
const UNSAFE_CHAR = /[^\n\x20-\x7E\xA0-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]/u;
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*))?$/;
const SPECIAL_KEY = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;
/** Plain scalars the core schema resolves to something other than a string. */
const TYPED = /^(?:~|[Nn]ull|NULL|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** `  - item` lines, all at one indentation. */
const ITEM = /^( +)- (.*)$/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const DOUBLE_QUOTED = /^"([^"\\]*)" *$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)' *$/;

export function fastYaml(block: string): Record<string, unknown> | undefined {
  if (UNSAFE_CHAR.test(block)) return undefined;
  const lines = block.split('\n');
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#')) continue;
    const match = KEY_LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (SPECIAL_KEY.test(key) || seen.has(key)) return undefined;
    seen.add(key);
    const inline = match[3] === undefined ? '' : trimSpaces(match[3]);
    let value: unknown;
    if (inline === '') {
      const start = i + 1;
      while (i + 1 < lines.length && (lines[i + 1] === '' || lines[i + 1]!.startsWith(' '))) i++;
      const nested = lines.slice(start, i + 1).join('\n').trim();
      if (nested === '') value = null;
      else if (nested.startsWith('{') || nested.startsWith('[')) value = parseJsonFlow(nested)?.value;
      else if (nested.startsWith('-')) value = sequence(lines.slice(start, i + 1));
      if (value === undefined) return undefined;
    } else {
      value = scalar(inline);
      if (value === undefined) return undefined;
    }
    // `__proto__` as a key must stay an ordinary key, as in `yaml`.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function sequence(lines: string[]): unknown[] | undefined {
  const items: unknown[] = [];
  let indent: string | undefined;
  for (const line of lines) {
    if (line === '') continue;
    const match = ITEM.exec(line);
    if (!match || (indent !== undefined && match[1] !== indent)) return undefined;
    indent = match[1];
    const item = scalar(trimSpaces(match[2]!));
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}

function scalar(text: string): unknown {
  const first = text[0];
  if (first === '"') return DOUBLE_QUOTED.exec(text)?.[1];
  if (first === "'") return SINGLE_QUOTED.exec(text)?.[1]?.replaceAll("''", "'");
  if (first === '{' || first === '[') return parseJsonFlow(text)?.value;
  if (text === '' || INDICATOR.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':') || TYPED.test(text)) return undefined;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT.test(text)) return parseInt(text, 10);
  if (FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** YAML trims spaces, not every Unicode space as String.trimEnd does. */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}
