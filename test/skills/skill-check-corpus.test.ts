import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SkillJson } from '../../src/plugin/output.js';
import { codeMismatch, corpus, loadEntries } from '../helpers/corpus.js';
import { runJson } from '../helpers/run-weft.js';
import { makeTempHome } from '../helpers/sandbox-home.js';

// Issue acceptance, end to end: `weft skill check ../shared/corpus/skills --json`.
describe('weft skill check over the shared corpus', () => {
  it('reports every skill as expected.json and the spec table say', () => {
    const entries = loadEntries();
    const t = makeTempHome();
    try {
      const r = runJson<{ ok: true; data: { valid: boolean; skills: SkillJson[] } }>(['skill', 'check', corpus], { cwd: t.project, env: t.env });
      expect(r.code).toBe(1); // the corpus holds files with errors
      const byPath = new Map(r.json.data.skills.map((s) => [s.path, s]));
      expect(byPath.size).toBe(entries.length);
      const problems: string[] = [];
      for (const entry of entries) {
        const s = byPath.get(path.join(corpus, entry.path));
        if (!s) { problems.push(`${entry.path}: missing`); continue; }
        if (s.name !== entry.effectiveName) problems.push(`${entry.path}: name ${s.name}`);
        if ((s.description ?? null) !== entry.description) problems.push(`${entry.path}: description ${JSON.stringify(s.description)}`);
        if (s.loaded !== (entry.description !== null)) problems.push(`${entry.path}: loaded ${s.loaded}`);
        const mismatch = codeMismatch(entry, s.diagnostics);
        if (mismatch) problems.push(`${entry.path}: ${mismatch}`);
      }
      expect(problems).toEqual([]);
      expect(entries.filter((e) => !byPath.get(path.join(corpus, e.path))!.loaded)).toHaveLength(6);
      const duplicates = r.json.data.skills.filter((s) => s.diagnostics.some((d) => d.code === 'duplicate-name'))
        .map((s) => path.relative(corpus, path.dirname(s.path))).sort();
      expect(duplicates).toEqual(['clawhub-archive/bitwarden', 'clawhub-archive/bw-vault', 'clawhub-archive/notion-skill', 'openclaw/notion']);
    } finally {
      t.cleanup();
    }
  });

  it('--strict fails on warnings alone; a clean skill passes', () => {
    const t = makeTempHome();
    try {
      const clean = path.join(corpus, 'obra-superpowers', 'brainstorming');
      expect(runJson(['skill', 'check', clean], { cwd: t.project, env: t.env }).code).toBe(0);
      const warned = path.join(corpus, 'clawhub-archive', 'agent-tinman'); // name-dir-mismatch, a warning
      expect(runJson(['skill', 'check', warned], { cwd: t.project, env: t.env }).code).toBe(0);
      expect(runJson(['skill', 'check', warned, '--strict'], { cwd: t.project, env: t.env }).code).toBe(1);
    } finally {
      t.cleanup();
    }
  });
});
