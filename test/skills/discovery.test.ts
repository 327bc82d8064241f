import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type WeftConfig } from '../../src/config/types.js';
import { workspaceTrust } from '../../src/config/trust.js';
import { findWorkspace } from '../../src/config/workspace.js';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { discoverSkills } from '../../src/skills/discovery/discover.js';
import { skillRoots } from '../../src/skills/discovery/roots.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
let bundled: string;
beforeEach(() => {
  t = makeTempHome();
  bundled = path.join(t.root, 'bundled');
  mkdirSync(bundled);
});
afterEach(() => t.cleanup());

const managed = () => path.join(t.clawftHome, 'skills');
const wsSkills = () => path.join(t.project, '.clawft', 'skills');
const agentsSkills = () => path.join(t.project, '.agents', 'skills');

async function discover(config: WeftConfig = DEFAULT_CONFIG, pluginDirs: Array<{ dir: string; plugin: string }> = []) {
  const paths = t.paths();
  const workspace = await workspaceTrust(findWorkspace(paths), new ApprovalsStore(paths.approvalsFile));
  return discoverSkills(skillRoots({ paths, workspace, config, bundledDir: bundled, pluginDirs }));
}
const trust = () => new ApprovalsStore(t.paths().approvalsFile).trustWorkspace(t.project);

describe('skill discovery and precedence', () => {
  it('workspace beats managed beats extra beats plugin beats bundled, recording each shadowing', async () => {
    const extra = path.join(t.root, 'extra');
    const plugin = path.join(t.root, 'plugin-skills');
    const files = {
      bundled: writeSkill(bundled, 'x', { name: 'x' }),
      plugin: writeSkill(plugin, 'x', { name: 'x' }),
      extra: writeSkill(extra, 'x', { name: 'x' }),
      managed: writeSkill(managed(), 'x', { name: 'x' }),
      workspace: writeSkill(wsSkills(), 'x', { name: 'x' }),
    };
    await trust();
    const index = await discover({ ...DEFAULT_CONFIG, skills: { extraDirs: [extra] } }, [{ dir: plugin, plugin: 'com.example.p' }]);
    expect(index.active.get('x')?.skill.file).toBe(files.workspace);
    expect(index.shadowed.map((s) => [s.winner.file, s.shadowed.level, s.shadowed.file])).toEqual([
      [files.workspace, 'managed', files.managed], [files.workspace, 'extra', files.extra],
      [files.workspace, 'plugin', files.plugin], [files.workspace, 'bundled', files.bundled],
    ]);
    expect(index.skills.find((s) => s.level === 'plugin')?.plugin).toBe('com.example.p');
  });

  it('two skills of one name at one level collide: neither serves it, both named', async () => {
    const a = writeSkill(managed(), 'a', { name: 'deploy' });
    const b = writeSkill(path.join(t.home, '.agents', 'skills'), 'b', { name: 'deploy' });
    writeSkill(bundled, 'deploy', { name: 'deploy' });
    const index = await discover();
    expect(index.active.has('deploy')).toBe(false);
    expect(index.collisions).toHaveLength(1);
    expect(index.collisions[0]).toMatchObject({ name: 'deploy', level: 'managed', files: [a, b].sort() });
    expect(index.collisions[0]!.diagnostic.problem).toContain(a);
    expect(index.collisions[0]!.diagnostic.problem).toContain(b);
    expect(index.shadowed.map((s) => s.shadowed.level)).toEqual(['bundled']);
  });

  it('two skills of one name in one root carry duplicate-name', async () => {
    writeSkill(managed(), 'one', { name: 'same' });
    writeSkill(managed(), 'two', { name: 'same' });
    const index = await discover();
    const codes = index.skills.map((s) => s.skill.diagnostics.map((d) => d.code));
    expect(codes.every((c) => c.includes('duplicate-name'))).toBe(true);
    expect(index.active.has('same')).toBe(false);
  });

  it('reads both workspace roots, .clawft/skills and .agents/skills, only when trusted', async () => {
    const a = writeSkill(wsSkills(), 'a');
    const b = writeSkill(agentsSkills(), 'b');
    const before = await discover();
    expect(before.active.size).toBe(0);
    expect(before.untrusted.map((u) => u.file).sort()).toEqual([a, b].sort());
    expect(before.untrusted[0]!.reason).toContain('weft trust');
    await trust();
    const after = await discover();
    expect([...after.active.keys()].sort()).toEqual(['a', 'b']);
    expect(after.untrusted).toEqual([]);
  });

  it('reads a workspace root that is also a managed root once, as managed', async () => {
    mkdirSync(path.join(t.project, '.agents'), { recursive: true });
    mkdirSync(managed(), { recursive: true });
    symlinkSync(managed(), agentsSkills());
    writeSkill(managed(), 'm');
    const index = await discover();
    expect(index.skills.map((s) => s.level)).toEqual(['managed']);
    expect(index.untrusted).toEqual([]);
    expect(index.shadowed).toEqual([]);
  });

  it('ignores dot-dirs and refuses links out of the root as path-escape', async () => {
    writeSkill(managed(), '.hidden');
    writeSkill(managed(), '.tmp-x-00000000');
    const outside = path.join(t.root, 'outside');
    writeSkill(outside, 'evil');
    symlinkSync(path.join(outside, 'evil'), path.join(managed(), 'evil'));
    mkdirSync(path.join(managed(), 'fileLink'));
    symlinkSync(path.join(outside, 'evil', 'SKILL.md'), path.join(managed(), 'fileLink', 'SKILL.md'));
    const index = await discover();
    expect(index.skills).toEqual([]);
    expect(index.diagnostics.map((d) => [d.code, d.severity, d.file]).sort()).toEqual([
      ['path-escape', 'error', path.join(managed(), 'evil')],
      ['path-escape', 'error', path.join(managed(), 'fileLink', 'SKILL.md')],
    ]);
  });

  it('follows a link that stays inside the root, reading the skill once', async () => {
    writeSkill(path.join(managed(), 'real'), 's');
    symlinkSync(path.join(managed(), 'real'), path.join(managed(), 'alias'));
    const index = await discover();
    expect(index.skills).toHaveLength(1);
  });

  it('lists a skill without a description as not loaded, with its error', async () => {
    mkdirSync(path.join(managed(), 'bare'), { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(managed(), 'bare', 'SKILL.md'), '---\nname: bare\n---\nbody\n');
    const index = await discover();
    expect(index.skills[0]?.skill.loaded).toBe(false);
    expect(index.skills[0]?.skill.diagnostics.map((d) => d.code)).toContain('no-description');
    expect(index.active.size).toBe(0);
  });
});

describe('files that are not regular files', () => {
  it('a SKILL.md that is, or links to, a FIFO is reported, never read (no hang)', async () => {
    const { execFileSync } = await import('node:child_process');
    const root = path.join(t.root, 'fifo-root');
    mkdirSync(path.join(root, 'pipe'), { recursive: true });
    mkdirSync(path.join(root, 'linked'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'pipe', 'SKILL.md')]);
    execFileSync('mkfifo', [path.join(root, 'target')]);
    symlinkSync(path.join(root, 'target'), path.join(root, 'linked', 'SKILL.md'));
    const { readRoot } = await import('../../src/skills/discovery/discover.js');
    const { parseSkillFile } = await import('../../src/skills/parse/index.js');
    const { skills } = readRoot(root);
    expect(skills.map((s) => [path.basename(path.dirname(s.file)), s.loaded, s.diagnostics.map((d) => d.code)])).toEqual([
      ['linked', false, ['read-failed']], ['pipe', false, ['read-failed']],
    ]);
    expect(skills[0]!.diagnostics[0]!.problem).toContain('not a regular file');
    const async = await parseSkillFile(path.join(root, 'pipe', 'SKILL.md'));
    expect(async.diagnostics.map((d) => d.code)).toEqual(['read-failed']);
  }, 5_000);
});
