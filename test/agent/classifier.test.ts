import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifierStage } from '../../src/agent/classifier.js';
import { Fixture, skillMd } from '../registry/helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function skill(name: string, extra = ''): void {
  mkdirSync(path.join(f.managedSkills, name), { recursive: true });
  writeFileSync(path.join(f.managedSkills, name, 'SKILL.md'), skillMd(name, `The ${name} skill.`, 'Body.', extra));
}

describe('the Classifier stage', () => {
  it('commands, skill commands and chat; chat naming a skill activates the most specific one', async () => {
    skill('deploy');
    skill('deploy-web');
    skill('secret', 'disable-model-invocation: true');
    const registry = await f.start({ watch: false });
    const stage = classifierStage(registry);
    const signal = new AbortController().signal;
    expect(stage.name).toBe('classifier');
    expect(await stage.run('/help', signal)).toEqual({ kind: 'command', needsTools: true, command: 'help' });
    expect(await stage.run('/deploy_web now', signal)).toEqual({ kind: 'skill', needsTools: true, activatedSkill: 'deploy-web', command: 'deploy_web' });
    expect(await stage.run('please run deploy-web for staging', signal)).toMatchObject({ kind: 'chat', activatedSkill: 'deploy-web' });
    expect(await stage.run('use $deploy, then tell me', signal)).toMatchObject({ kind: 'chat', activatedSkill: 'deploy' });
    expect(await stage.run('redeployment is not a skill name; nor is deploy_x', signal)).toEqual({ kind: 'chat', needsTools: true });
    expect(await stage.run('what is secret?', signal)).toEqual({ kind: 'chat', needsTools: true });
  });
});
