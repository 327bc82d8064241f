import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SKILLS_DIR } from '../../src/skills/discovery/roots.js';
import { readRoot } from '../../src/skills/discovery/discover.js';
import { ineligibleReasons } from '../../src/skills/eligibility.js';
import { parseSkillFile } from '../../src/skills/parse/index.js';

describe('bundled skills', () => {
  it('all load with no errors or warnings', async () => {
    const { skills, diagnostics } = await readRoot(BUNDLED_SKILLS_DIR);
    expect(diagnostics).toEqual([]);
    expect(skills.length).toBeGreaterThanOrEqual(2);
    for (const s of skills) {
      expect(s.loaded, s.file).toBe(true);
      expect(s.diagnostics.filter((d) => d.severity !== 'info'), s.file).toEqual([]);
    }
    expect(skills.some((s) => !s.weftTool)).toBe(true);
  });

  it('git-summary is a native-command skill whose argv template uses only declared parameters', async () => {
    const skill = await parseSkillFile(path.join(BUNDLED_SKILLS_DIR, 'git-summary', 'SKILL.md'));
    expect(skill.weftTool?.kind).toBe('native');
    if (skill.weftTool?.kind !== 'native') return;
    expect(skill.weftTool.run[0]).toBe('git');
    const placeholders = skill.weftTool.run.filter((a) => /^\{\w+\}$/.test(a)).map((a) => a.slice(1, -1));
    expect(placeholders).toEqual(['count']);
    expect(Object.keys(skill.weftTool.input.properties as object)).toEqual(['count']);
    expect(skill.weftTool.run.at(-1)).toBe('--');
    expect(skill.openclaw?.requires.bins).toEqual(['git']);
  });

  it('git-summary is eligible exactly when git is on PATH', async () => {
    const skill = await parseSkillFile(path.join(BUNDLED_SKILLS_DIR, 'git-summary', 'SKILL.md'));
    const bin = mkdtempSync(path.join(tmpdir(), 'weft-bin-'));
    try {
      expect(ineligibleReasons(skill, { path: bin })).toEqual([expect.stringContaining('git')]);
      writeFileSync(path.join(bin, 'git'), '#!/bin/sh\n');
      chmodSync(path.join(bin, 'git'), 0o755);
      expect(ineligibleReasons(skill, { path: bin })).toEqual([]);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
