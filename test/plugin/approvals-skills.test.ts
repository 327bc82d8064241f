import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { WeftError } from '../../src/plugin/errors.js';

let home: string;
let store: ApprovalsStore;
let skill: string;

beforeEach(async () => {
  home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'weft-skills-')));
  store = new ApprovalsStore(path.join(home, 'clawft', 'approvals.json'));
  skill = path.join(home, 'skills', 'deploy');
  await fs.mkdir(path.join(skill, 'scripts', 'lib'), { recursive: true });
  await fs.writeFile(path.join(skill, 'SKILL.md'), '---\nname: deploy\n---\nDeploy.\n');
  await fs.writeFile(path.join(skill, 'scripts', 'run.sh'), '#!/bin/sh\necho deploy\n');
  await fs.writeFile(path.join(skill, 'scripts', 'lib', 'util.sh'), 'x=1\n');
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('skill approvals', () => {
  it('a skill never approved is not approved', async () => {
    expect(await store.skillStatus(skill)).toMatchObject({ approved: false, reason: 'never-approved' });
  });

  it('approve then status approved, and the record is on disk under the realpath', async () => {
    const record = await store.approveSkill(skill);
    expect(record.key).toBe(skill);
    expect(await store.skillStatus(skill)).toMatchObject({ approved: true, key: skill });
    const onDisk = JSON.parse(await fs.readFile(store.file, 'utf8'));
    expect(onDisk.skills[skill].contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(typeof onDisk.skills[skill].approvedAt).toBe('string');
  });

  for (const [label, rel] of [
    ['SKILL.md', 'SKILL.md'],
    ['a script', 'scripts/run.sh'],
    ['a nested non-SKILL.md file', 'scripts/lib/util.sh'],
  ] as const) {
    it(`editing ${label} voids the approval (reason changed)`, async () => {
      await store.approveSkill(skill);
      await fs.appendFile(path.join(skill, rel), ' ');
      expect(await store.skillStatus(skill)).toMatchObject({ approved: false, reason: 'changed' });
    });
  }

  it('adding or removing a file voids the approval', async () => {
    await store.approveSkill(skill);
    await fs.writeFile(path.join(skill, 'scripts', 'new.sh'), '');
    expect(await store.skillStatus(skill)).toMatchObject({ approved: false, reason: 'changed' });
    await fs.rm(path.join(skill, 'scripts', 'new.sh'));
    expect(await store.skillStatus(skill)).toMatchObject({ approved: true });
    await fs.rm(path.join(skill, 'scripts', 'lib', 'util.sh'));
    expect(await store.skillStatus(skill)).toMatchObject({ approved: false, reason: 'changed' });
  });

  it('the key is the realpath: approve via a symlink, check via the real path', async () => {
    const link = path.join(home, 'link-to-deploy');
    await fs.symlink(skill, link);
    const record = await store.approveSkill(link);
    expect(record.key).toBe(skill);
    expect(await store.skillStatus(skill)).toMatchObject({ approved: true });
    expect(Object.keys((await store.read()).skills)).toEqual([skill]);
  });

  it('revoke removes the approval', async () => {
    await store.approveSkill(skill);
    expect(await store.revokeSkill(skill)).toBe(true);
    expect(await store.skillStatus(skill)).toMatchObject({ approved: false, reason: 'never-approved' });
    expect(await store.revokeSkill(skill)).toBe(false);
  });

  it('revoke works for a skill folder that is gone', async () => {
    await store.approveSkill(skill);
    await fs.rm(skill, { recursive: true });
    expect(await store.revokeSkill(skill)).toBe(true);
    expect((await store.read()).skills).toEqual({});
  });

  it('approval with a stale expected hash is refused and records nothing', async () => {
    const { contentHash } = await store.skillStatus(skill);
    await fs.appendFile(path.join(skill, 'SKILL.md'), 'sneaky edit\n');
    const error = await store.approveSkill(skill, { expectedHash: contentHash }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeftError);
    expect((error as WeftError).details.code).toBe('skill-changed');
    expect(await store.skillStatus(skill)).toMatchObject({ approved: false, reason: 'never-approved' });
  });

  it('a skill folder holding a symlink cannot be approved', async () => {
    await fs.symlink('/etc/hostname', path.join(skill, 'scripts', 'host'));
    const error = await store.approveSkill(skill).catch((e: unknown) => e);
    expect((error as WeftError).details.code).toBe('symlink-refused');
    expect((await store.read()).skills).toEqual({});
  });
});
