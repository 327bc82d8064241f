/**
 * The skill catalog in the system prompt, in OpenClaw's format: a preamble
 * telling the model how to use skills (here: through the built-in
 * `activate_skill` tool), then `<available_skills>` with each skill's name,
 * description and location. Skills with model invocation disabled are left
 * out. Over the character budget the catalog falls back to a compact form
 * (names and locations), then lists as many skills as fit and says how many
 * it left out.
 */
import type { IndexedSkill } from '../skills/discovery/types.js';
import { modelInvocable } from './activate.js';

export const DEFAULT_CATALOG_BUDGET = 30_000;

export const CATALOG_PREAMBLE = [
  '## Skills',
  'Before replying, scan the <available_skills> descriptions.',
  '- If exactly one skill clearly applies, call the `activate_skill` tool with its name (and the arguments it needs), then follow the instructions it returns.',
  '- If several could apply, choose the most specific one. If none clearly applies, do not activate any.',
  'Activate at most one skill up front; activate another only when the task needs it.',
].join('\n');

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fullEntry(e: IndexedSkill): string {
  return `  <skill>\n    <name>${escape(e.skill.name)}</name>\n    <description>${escape(e.skill.description ?? '')}</description>\n    <location>${escape(e.skill.file)}</location>\n  </skill>`;
}

function compactEntry(e: IndexedSkill): string {
  return `  <skill name="${escape(e.skill.name)}" location="${escape(e.skill.file)}"/>`;
}

export interface Catalog {
  text: string;
  form: 'full' | 'compact' | 'truncated' | 'empty';
  /** Skills listed, and skills left out for the budget. */
  listed: number;
  omitted: number;
}

export function skillCatalog(skills: Iterable<IndexedSkill>, budget = DEFAULT_CATALOG_BUDGET): Catalog {
  const usable = [...skills].filter(modelInvocable)
    .sort((a, b) => (a.skill.name < b.skill.name ? -1 : a.skill.name > b.skill.name ? 1 : 0));
  if (usable.length === 0) return { text: '', form: 'empty', listed: 0, omitted: 0 };
  const wrap = (entries: string[], note = ''): string => `${CATALOG_PREAMBLE}\n\n<available_skills>\n${entries.join('\n')}\n</available_skills>${note}`;
  const full = wrap(usable.map(fullEntry));
  if (full.length <= budget) return { text: full, form: 'full', listed: usable.length, omitted: 0 };
  const compactEntries = usable.map(compactEntry);
  const compact = wrap(compactEntries, '\n(Descriptions left out for space: activate_skill returns a skill\'s instructions.)');
  if (compact.length <= budget) return { text: compact, form: 'compact', listed: usable.length, omitted: 0 };
  const kept: string[] = [];
  let size = wrap([], '\n(NNNNN more skills not listed for space.)').length;
  for (const entry of compactEntries) {
    if (size + entry.length + 1 > budget) break;
    kept.push(entry);
    size += entry.length + 1;
  }
  const omitted = usable.length - kept.length;
  return { text: wrap(kept, `\n(${omitted} more skills not listed for space.)`), form: 'truncated', listed: kept.length, omitted };
}
