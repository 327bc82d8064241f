/**
 * Acceptance over the shared corpus, at the parser: for each of the 169
 * skills the name, description, `loaded`, metadata and the set of error and
 * warning codes match expected.json and the spec table. `duplicate-name` is
 * discovery's (see skill-check-corpus.test.ts); info codes are free.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSkillFile } from '../../src/skills/parse/index.js';
import { codeMismatch, corpus, loadEntries, trimStrings } from '../helpers/corpus.js';

describe('the shared skill corpus', () => {
  it('parses all 169 skills as expected.json says', async () => {
    const entries = loadEntries();
    const problems: string[] = [];
    let checked = 0;
    for (const entry of entries) {
      const skill = await parseSkillFile(path.join(corpus, entry.path));
      checked++;
      const at = entry.path;
      if (skill.name !== entry.effectiveName) problems.push(`${at}: name ${JSON.stringify(skill.name)}, expected ${JSON.stringify(entry.effectiveName)}`);
      if ((skill.description ?? null) !== entry.description) {
        problems.push(`${at}: description ${JSON.stringify(skill.description)}, expected ${JSON.stringify(entry.description)}`);
      }
      if (skill.loaded !== (entry.description !== null)) problems.push(`${at}: loaded ${skill.loaded}, expected ${entry.description !== null}`);
      const mismatch = codeMismatch(entry, skill.diagnostics);
      if (mismatch) {
        const detail = skill.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code}: ${d.problem}`).join(' | ');
        problems.push(`${at}: ${mismatch} (${detail})`);
      }
      if (entry.metadata !== null && typeof entry.metadata === 'object' && JSON.stringify(trimStrings(skill.metadata)) !== JSON.stringify(entry.metadata)) {
        problems.push(`${at}: metadata ${JSON.stringify(skill.metadata)}, expected ${JSON.stringify(entry.metadata)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(169);
  });
});
