/**
 * From the text after `/name` to a code-backed tool's arguments:
 * a JSON object (`/deploy {"env": "prod"}`), `key=value` words for the
 * schema's properties (`/git_summary count=5`, quotes group words), or,
 * when the schema has a single property (or a single required one), the
 * whole text as its value (`/shout hello there`). Values are coerced to the
 * property's type (integer, number, boolean); the registry then checks the
 * schema, so a wrong value gets the schema's own message.
 */
import type { JsonSchema } from '../plugin/json-schema.js';

type Parsed = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };

/** Words, with "…" and '…' grouping (quotes removed), also after a prefix: `text="two words"`. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /([^\s"']*)(?:"([^"]*)"|'([^']*)')|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[4] ?? `${m[1]}${m[2] ?? m[3] ?? ''}`);
  return words;
}

function coerce(value: string, schema: unknown): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

export function toolArgs(text: string, schema: JsonSchema): Parsed {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, args: {} };
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, args: value as Record<string, unknown> };
    } catch { /* reported below */ }
    return { ok: false, error: `the arguments start with "{" but are not a JSON object: ${trimmed}` };
  }
  const props = ((schema as { properties?: Record<string, unknown> }).properties ?? {});
  const names = Object.keys(props);
  const words = splitWords(trimmed);
  const pairs = words.map((w) => /^([A-Za-z_][\w-]*)=(.*)$/s.exec(w));
  if (pairs.every((p) => p && names.includes(p[1]!))) {
    return { ok: true, args: Object.fromEntries(pairs.map((p) => [p![1]!, coerce(p![2]!, props[p![1]!])])) };
  }
  const required = ((schema as { required?: unknown }).required as string[] | undefined) ?? [];
  const single = names.length === 1 ? names[0] : required.length === 1 ? required[0] : undefined;
  if (single !== undefined) return { ok: true, args: { [single]: coerce(trimmed, props[single]) } };
  return {
    ok: false,
    error: names.length === 0
      ? 'this command takes no arguments'
      : `pass the arguments as key=value (${names.map((n) => `${n}=…`).join(' ')}) or as one JSON object`,
  };
}
