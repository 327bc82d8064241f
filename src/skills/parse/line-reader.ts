/**
 * The `key: value` line reader OpenClaw falls back to when YAML fails (same
 * rules, so the same files load): a line `key: value` at column 0 sets a key;
 * an empty value followed by indented lines takes those lines, joined and
 * trimmed; one pair of surrounding quotes is stripped; empty values are
 * dropped (kept here with value '' so that every key's line is known).
 */

export interface LineEntry {
  value: string;
  /** 1-based line within the block. */
  line: number;
}

const KEY_LINE = /^([\w-]+):\s*(.*)$/;

export function readLines(block: string): Map<string, LineEntry> {
  const out = new Map<string, LineEntry>();
  const lines = block.split('\n');
  let i = 0;
  while (i < lines.length) {
    const match = KEY_LINE.exec(lines[i]!);
    if (!match) {
      i++;
      continue;
    }
    const key = match[1]!;
    const inline = match[2]!.trim();
    const start = i;
    if (!inline && i + 1 < lines.length && isIndented(lines[i + 1]!)) {
      const taken: string[] = [];
      i++;
      while (i < lines.length && (lines[i]!.length === 0 || isIndented(lines[i]!))) taken.push(lines[i++]!);
      const value = taken.join('\n').trim();
      out.set(key, { value, line: start + 1 });
      continue;
    }
    out.set(key, { value: stripQuotes(inline), line: start + 1 });
    i++;
  }
  return out;
}

function isIndented(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 32 || c === 9;
}

function stripQuotes(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.endsWith(q) ? value.slice(1, -1) : value;
}
