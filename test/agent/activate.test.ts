import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activateSkill, activateSkillTool } from '../../src/agent/activate.js';
import { Fixture, skillMd } from '../registry/helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function skill(name: string, body: string, extra = ''): void {
  mkdirSync(path.join(f.managedSkills, name), { recursive: true });
  writeFileSync(path.join(f.managedSkills, name, 'SKILL.md'), skillMd(name, `The ${name} skill.`, body, extra));
}

describe('activate_skill', () => {
  it('returns the instructions with the arguments substituted; the schema lists only skills the model may activate', async () => {
    skill('review', 'Review $ARGUMENTS using {baseDir}/checklist.md.');
    skill('people-only', 'Secret.', 'disable-model-invocation: true');
    skill('needs-bin', 'Never.', 'metadata: {"openclaw": {"requires": {"bins": ["no-such-binary-anywhere"]}}}');
    const registry = await f.start({ watch: false });
    const s = registry.current();
    const tool = activateSkillTool(s);
    expect(tool.name).toBe('activate_skill');
    expect((tool.inputSchema as { properties: { name: { enum: string[] } } }).properties.name.enum).toEqual(['review']);
    expect(activateSkill(s, { name: 'review', arguments: 'the PR' })).toEqual({ ok: true, content: `Review the PR using ${path.join(f.managedSkills, 'review')}/checklist.md.` });
    expect(activateSkill(s, { name: 'people-only' })).toMatchObject({ ok: false, error: expect.stringContaining('for people to invoke') });
    expect(activateSkill(s, { name: 'needs-bin' })).toMatchObject({ ok: false, error: expect.stringContaining('cannot run here') });
    const unknown = activateSkill(s, { name: 'nope' });
    expect(unknown).toMatchObject({ ok: false, kind: 'invalid-arguments' });
    expect(!unknown.ok && unknown.error).toContain('Skills you can activate: review.');
  });
});
