import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_PREAMBLE, skillCatalog } from '../../src/agent/catalog.js';
import { readSoul, SOUL_MAX_BYTES } from '../../src/agent/soul.js';
import type { WorkspaceStatus } from '../../src/config/trust.js';
import type { IndexedSkill } from '../../src/skills/discovery/types.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

const skill = (name: string, description: string, extra: Partial<{ eligible: boolean; hidden: boolean }> = {}): IndexedSkill => ({
  skill: { name, description, file: `/skills/${name}/SKILL.md`, disableModelInvocation: extra.hidden ?? false } as IndexedSkill['skill'],
  level: 'managed', root: '/skills', eligible: extra.eligible ?? true, ineligibleReasons: [],
});

describe('skill catalog', () => {
  it('lists eligible, model-invocable skills in OpenClaw\'s format after the activate_skill preamble, escaped', () => {
    const c = skillCatalog([skill('zeta', 'Last <one> & only'), skill('alpha', 'First.'), skill('off', 'Hidden.', { hidden: true }), skill('gone', 'Needs a bin.', { eligible: false })]);
    expect(c.form).toBe('full');
    expect(c.text.startsWith(CATALOG_PREAMBLE)).toBe(true);
    expect(c.text).toContain('activate_skill');
    expect(c.text).toContain('<available_skills>\n  <skill>\n    <name>alpha</name>\n    <description>First.</description>\n    <location>/skills/alpha/SKILL.md</location>\n  </skill>');
    expect(c.text).toContain('<description>Last &lt;one&gt; &amp; only</description>');
    expect(c.text.indexOf('alpha')).toBeLessThan(c.text.indexOf('zeta'));
    expect(c.text).not.toContain('<name>off</name>');
    expect(c.text).not.toContain('<name>gone</name>');
    expect(skillCatalog([]).form).toBe('empty');
  });

  it('over the budget: compact (no descriptions), then as many as fit with the count left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => skill(`s${String(i).padStart(3, '0')}`, 'x'.repeat(200)));
    const compact = skillCatalog(many, 20_000);
    expect(compact.form).toBe('compact');
    expect(compact.text.length).toBeLessThanOrEqual(20_000);
    expect(compact.text).toContain('<skill name="s000" location="/skills/s000/SKILL.md"/>');
    expect(compact.listed).toBe(200);
    const truncated = skillCatalog(many, 5_000);
    expect(truncated.form).toBe('truncated');
    expect(truncated.text.length).toBeLessThanOrEqual(5_000);
    expect(truncated.listed + truncated.omitted).toBe(200);
    expect(truncated.text).toContain(`(${truncated.omitted} more skills not listed for space.)`);
  });
});

describe('SOUL.md', () => {
  let t: TempHome;
  beforeEach(() => { t = makeTempHome(); mkdirSync(t.clawftHome, { recursive: true }); mkdirSync(path.join(t.project, '.clawft'), { recursive: true }); });
  afterEach(() => t.cleanup());
  const ws = (trust: WorkspaceStatus['trust']): WorkspaceStatus => ({ root: t.project, trust } as WorkspaceStatus);

  it('takes the first non-blank of workspace .clawft/SOUL.md, workspace SOUL.md, $CLAWFT_HOME/SOUL.md; workspace files only when trusted', async () => {
    writeFileSync(path.join(t.clawftHome, 'SOUL.md'), 'home soul');
    writeFileSync(path.join(t.project, 'SOUL.md'), '\n  \n');
    writeFileSync(path.join(t.project, '.clawft', 'SOUL.md'), '\uFEFFproject soul\n');
    expect(await readSoul(t.paths(), ws('trusted'))).toEqual({ file: path.join(t.project, '.clawft', 'SOUL.md'), text: 'project soul' });
    expect((await readSoul(t.paths(), ws('untrusted')))?.text).toBe('home soul');
    // `not-needed` was judged before the file existed: still not read (a tool could have written it mid-turn)
    expect((await readSoul(t.paths(), ws('not-needed')))?.text).toBe('home soul');
    writeFileSync(path.join(t.project, '.clawft', 'SOUL.md'), '   ');
    writeFileSync(path.join(t.project, 'SOUL.md'), 'root soul');
    expect((await readSoul(t.paths(), ws('trusted')))?.text).toBe('root soul');
    expect((await readSoul(t.paths(), null))?.text).toBe('home soul');
  });

  it('none at all is undefined; an oversized one is cut with a note', async () => {
    expect(await readSoul(t.paths(), null)).toBeUndefined();
    writeFileSync(path.join(t.clawftHome, 'SOUL.md'), 'y'.repeat(SOUL_MAX_BYTES + 10));
    const soul = await readSoul(t.paths(), null);
    expect(soul?.text.endsWith(`[SOUL.md truncated at ${SOUL_MAX_BYTES} bytes]`)).toBe(true);
  });
});
