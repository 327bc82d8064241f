/**
 * JSON text read the way YAML 1.2 reads it as a flow collection: trailing
 * commas allowed, duplicate keys refused. Returns undefined for anything else,
 * so the caller can hand the text to the real YAML parser.
 */

export function parseJsonFlow(text: string): { value: unknown } | undefined {
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  let out = '';
  let copied = 0;
  let lastSignificant = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end === -1) return undefined;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const key = safeKey(text.slice(i, end + 1));
        if (key === undefined || top.keys.has(key)) return undefined;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
      lastSignificant = '"';
    } else if (c === '{') {
      stack.push({ keys: new Set(), expectKey: true });
      lastSignificant = c;
    } else if (c === '[') {
      stack.push(null);
      lastSignificant = c;
    } else if (c === '}' || c === ']') {
      stack.pop();
      lastSignificant = c;
    } else if (c === ',') {
      const next = nextSignificant(text, i + 1);
      const trailing = (next === '}' || next === ']') && lastSignificant !== ',' && lastSignificant !== '{' && lastSignificant !== '[';
      if (trailing) {
        out += text.slice(copied, i);
        copied = i + 1;
      }
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
      lastSignificant = c;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
      lastSignificant = c;
    }
  }
  try {
    return { value: JSON.parse(out + text.slice(copied)) };
  } catch {
    return undefined;
  }
}

/** Index of the closing quote of the string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
    else if (c === 10) return -1;
  }
  return -1;
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return undefined;
}

/** A key's decoded text, if it is short enough to be a YAML implicit key. */
function safeKey(quoted: string): string | undefined {
  if (quoted.length > 1000) return undefined;
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}
