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

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function coerce(value: string, schema: unknown): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  if ((type === 'integer' || type === 'number') && DECIMAL.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** The whole text, without one pair of quotes around all of it. */
function unquote(text: string): string {
  const m = /^(["'])([\s\S]*)\1$/.exec(text);
  return m ? m[2]! : text;
}

export function toolArgs(text: string, schema: JsonSchema): Parsed {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, args: {} };
  const props = ((schema as { properties?: Record<string, unknown> }).properties ?? {});
  const names = Object.keys(props);
  const required = ((schema as { required?: unknown }).required as string[] | undefined) ?? [];
  const single = names.length === 1 ? names[0] : required.length === 1 ? required[0] : undefined;
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, args: value as Record<string, unknown> };
    } catch { /* not JSON: plain text for a one-parameter tool, else an error */ }
    if (single === undefined) return { ok: false, error: `the arguments start with "{" but are not a JSON object: ${trimmed}` };
  }
  const words = splitWords(trimmed);
  const pairs = words.map((w) => /^([A-Za-z_][\w-]*)=(.*)$/s.exec(w));
  if (!trimmed.startsWith('{') && pairs.every((p) => p && names.includes(p[1]!))) {
    return { ok: true, args: Object.fromEntries(pairs.map((p) => [p![1]!, coerce(p![2]!, props[p![1]!])])) };
  }
  if (single !== undefined) {
    // `/shout text=hello world`: the parameter named once, then its value (the rest of the text).
    const named = trimmed.startsWith(`${single}=`) ? trimmed.slice(single.length + 1) : trimmed;
    return { ok: true, args: { [single]: coerce(unquote(named), props[single]) } };
  }
  return {
    ok: false,
    error: names.length === 0
      ? 'this command takes no arguments'
      : `pass the arguments as key=value (${names.map((n) => `${n}=…`).join(' ')}) or as one JSON object`,
  };
}
