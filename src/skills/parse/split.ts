/**
 * Finds the frontmatter block, the way OpenClaw does: after a leading BOM is
 * dropped and CRLF/CR become LF, the file must start with `---`, and the block
 * ends at the next line that starts with `---`.
 */

export type Split =
  | { kind: 'none'; text: string }
  | { kind: 'unclosed'; text: string }
  /** `block` is the text between the fences; its first line is line 2 of the file. */
  | { kind: 'ok'; block: string; body: string; bodyLine: number };

/** Strips a BOM and turns CRLF and lone CR into LF. */
export function normalizeText(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

export function splitFrontmatter(raw: string): Split {
  const text = normalizeText(raw);
  if (!text.startsWith('---')) return { kind: 'none', text };
  const end = text.indexOf('\n---', 3);
  if (end === -1) return { kind: 'unclosed', text };
  const firstBreak = text.indexOf('\n');
  // `---` then straight to the closing fence: an empty block.
  const block = firstBreak >= end ? '' : text.slice(firstBreak + 1, end);
  const afterFence = text.indexOf('\n', end + 1);
  const body = afterFence === -1 ? '' : text.slice(afterFence + 1);
  return { kind: 'ok', block, body, bodyLine: countLines(text, end + 1) + 1 };
}

/** The 1-based line number of the character at `index`. */
function countLines(text: string, index: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
