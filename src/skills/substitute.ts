/**
 * The one substitution module every surface uses (slash command, agent tool,
 * MCP). In a skill's instructions:
 *   $ARGUMENTS          the whole argument string, as typed (everywhere)
 *   $ARGUMENTS[N]       the Nth argument, 0-based as in Claude Code (everywhere)
 *   $1 … $9             the 1st … 9th argument (as the issue specifies:
 *                       `$1…$n`), only in prose: never inside fenced code or
 *                       inline code, and never when followed by a digit or by
 *                       `.`/`,` and a digit. Real skills are full of
 *                       `awk '{print $1}'`, `$10,000` and `$0.12`, which must
 *                       reach the model untouched. `$0` is never replaced.
 *   ${CLAUDE_SKILL_DIR}, {baseDir}   the skill's folder (everywhere)
 * Arguments are split shell-style (quotes group, backslash escapes); past the
 * end: empty. One backslash right before a token keeps it literally and is
 * dropped (`\$1` gives `$1`). One pass: text that came from an argument is
 * never substituted again.
 * Claude Code's `` !`cmd` `` preprocessing is never run; findCommandLines
 * locates it so that parsing can say so.
 */
import type { JsonSchema } from '../plugin/json-schema.js';

export interface SubstituteOptions {
  arguments: string;
  baseDir: string;
}

const TOKEN = /\\?(?:\$ARGUMENTS\[(\d+)\]|\$ARGUMENTS(?![A-Za-z0-9_])|\$([1-9])(?![0-9]|[.,][0-9])|\$\{CLAUDE_SKILL_DIR\}|\{baseDir\})/g;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[^`]*?\1/g;

/** [start, end) offsets of fenced code blocks and inline code spans. */
function codeRanges(text: string): Array<[number, number]> {
  if (!text.includes('`') && !text.includes('~~~')) return [];
  const ranges: Array<[number, number]> = [];
  let offset = 0;
  let fence: { marker: string; start: number } | undefined;
  for (const line of text.split('\n')) {
    const m = FENCE_LINE.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence.marker[0] && m[1]!.length >= fence.marker.length) {
        ranges.push([fence.start, offset + line.length]);
        fence = undefined;
      }
    } else if (m) {
      fence = { marker: m[1]!, start: offset };
    } else {
      for (const span of line.matchAll(INLINE_CODE)) ranges.push([offset + span.index, offset + span.index + span[0].length]);
    }
    offset += line.length + 1;
  }
  if (fence) ranges.push([fence.start, text.length]);
  return ranges;
}

export function substitute(text: string, options: SubstituteOptions): string {
  if (!text.includes('$') && !text.includes('{baseDir}')) return text; // nothing to replace: the common case, kept cheap
  let split: string[] | undefined;
  let code: Array<[number, number]> | undefined;
  const args = () => (split ??= splitArguments(options.arguments));
  return text.replace(TOKEN, (token: string, zeroBased: string | undefined, oneBased: string | undefined, at: number) => {
    if (oneBased !== undefined) {
      code ??= codeRanges(text);
      if (code.some(([a, b]) => at >= a && at < b)) return token;
    }
    if (token.charCodeAt(0) === 92) return token.slice(1);
    if (zeroBased !== undefined) return args()[Number(zeroBased)] ?? '';
    if (oneBased !== undefined) return args()[Number(oneBased) - 1] ?? '';
    if (token === '$ARGUMENTS') return options.arguments;
    return options.baseDir;
  });
}

/** Shell-like split: whitespace separates; '…' is literal; "…" and bare text honour backslash escapes. */
export function splitArguments(input: string): string[] {
  const out: string[] = [];
  let current = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
    } else if (c === '\\' && i + 1 < input.length && (quote === undefined || input[i + 1] === '"' || input[i + 1] === '\\')) {
      current += input[++i];
      started = true;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) out.push(current);
  return out;
}

/** The tool schema of an instruction-only skill: one optional `arguments` string. */
export function instructionToolSchema(argumentHint?: string): JsonSchema {
  const argumentsSchema: JsonSchema = { type: 'string' };
  if (argumentHint !== undefined) argumentsSchema.description = argumentHint;
  return { type: 'object', properties: { arguments: argumentsSchema } };
}

export interface CommandLine {
  /** 1-based line within the text searched. */
  line: number;
  command: string;
}

const INLINE_COMMAND = /(?:^|[ \t])!`([^`\n]+)`/g;
const FENCE = /^(`{3,})!\s*$/;

/**
 * Claude Code's shell preprocessing: `` !`cmd` `` at the start of a line or
 * after a space, and ```` ```! ```` fenced blocks. weft never runs these.
 */
export function findCommandLines(body: string): CommandLine[] {
  if (!body.includes('!`') && !body.includes('`!')) return [];
  const found: CommandLine[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (!text.includes('!')) continue;
    const fence = FENCE.exec(text);
    if (fence) {
      const start = i;
      const close = fence[1]!;
      const inside: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith(close)) inside.push(lines[i]!);
      found.push({ line: start + 1, command: inside.join('\n').trim() });
      continue;
    }
    for (const m of text.matchAll(INLINE_COMMAND)) found.push({ line: i + 1, command: m[1]!.trim() });
  }
  return found;
}
