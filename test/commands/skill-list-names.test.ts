import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonSuccess, SkillListJson } from '../../src/plugin/output.js';
import { runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());

describe('weft skill list and slash names', () => {
  it('shows a skill that lost its /command to a built-in, and two skills contesting one, until fixed', () => {
    const status = writeSkill(path.join(t.clawftHome, 'skills'), 'status', { name: 'status' });
    writeSkill(path.join(t.clawftHome, 'skills'), 'a', { name: 'my-tool' });
    writeSkill(path.join(t.clawftHome, 'skills'), 'b', { name: 'my_tool' });
    const r = runWeft(['skill', 'list'], { cwd: t.project, env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`error: slash command "/status" belongs to built-in "status", so skill "status" (${status}) does not get it`);
    expect(r.stdout).toContain('error: slash command "/my_tool" is claimed by skill "my-tool"');
    const json = JSON.parse(runWeft(['skill', 'list', '--json'], { cwd: t.project, env: t.env }).stdout) as JsonSuccess<SkillListJson>;
    expect(json.data.nameConflicts.map((d) => d.code)).toEqual(['name-collision', 'name-collision']);
  });
});
