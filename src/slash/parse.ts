import { slashName } from '../plugin/naming/index.js';

export type ParsedInput =
  | { kind: 'empty' }
  | { kind: 'command'; name: string; typed: string; args: string }
  | { kind: 'chat'; text: string };

/**
 * One line of input: `/name args` is a command (the name normalised the way
 * slash names are, so `/Git-Summary` is `/git_summary`), anything else is
 * chat for the agent. `//text` escapes a leading slash (chat `/text`).
 */
export function parseInput(line: string): ParsedInput {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  if (!text.startsWith('/')) return { kind: 'chat', text };
  if (text.startsWith('//')) return { kind: 'chat', text: text.slice(1) };
  const at = text.search(/\s/);
  const typed = at < 0 ? text.slice(1) : text.slice(1, at);
  if (!typed) return { kind: 'chat', text };
  return { kind: 'command', name: slashName(typed), typed, args: at < 0 ? '' : text.slice(at).trim() };
}
