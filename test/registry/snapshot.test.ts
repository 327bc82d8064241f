import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ECHO, Fixture, skillMd, toolIds } from './helpers.js';

// Snapshots built by explicit reload() (no watcher): what a generation holds.
let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function write(root: string, dir: string, text: string): string {
  mkdirSync(path.join(root, dir), { recursive: true });
  const file = path.join(root, dir, 'SKILL.md');
  writeFileSync(file, text);
  return file;
}

const NATIVE = 'metadata: {"weft": {"tool": {"input": {"type": "object", "properties": {"n": {"type": "integer"}}}, "run": ["echo", "{n}"]}}}';
const BOUND = `metadata: {"weft": {"tool": {"plugin": "${ECHO}", "name": "echo"}}}`;

describe('snapshot', () => {
  it('lists every kind of tool once, frozen, with states and versions', async () => {
    write(f.managedSkills, 'plain', skillMd('plain', 'Plain instructions.'));
    write(f.managedSkills, 'native', skillMd('native', 'Runs echo.', 'Body.', NATIVE));
    write(f.managedSkills, 'bound', skillMd('bound', 'Echo through the plugin.', 'Body.', BOUND));
    await f.approve(f.copyPlugin('echo-wat'));
    const registry = await f.start({ watch: false });
    const s = registry.current();
    expect(s.id).toBe(1);
    const byId = new Map(s.tools.map((t) => [t.id, t]));
    expect(byId.get('plain')).toMatchObject({ kind: 'instruction', origin: 'skill', state: 'ready', source: { level: 'managed' } });
    expect(byId.get('native')).toMatchObject({ kind: 'native', state: 'needs-approval' });
    expect(byId.get('native')!.reason).toContain('weft skill approve native');
    expect(byId.get('bound')).toMatchObject({ kind: 'plugin', origin: 'skill', state: 'ready', source: { plugin: ECHO, tool: 'echo' } });
    // A plugin tool bound by a loaded skill is exposed once, under the skill.
    expect(byId.has(`${ECHO}/echo`)).toBe(false);
    expect(byId.get(`${ECHO}/compute`)).toMatchObject({ kind: 'plugin', origin: 'plugin', state: 'ready' });
    expect(new Set(toolIds(s)).size).toBe(s.tools.length);
    expect(Object.isFrozen(s) && Object.isFrozen(s.tools) && Object.isFrozen(s.tools[0]) && Object.isFrozen(s.config)).toBe(true);
    expect(() => { (s.tools as unknown as unknown[]).push(1); }).toThrow();

    await f.approvals.approveSkill(path.join(f.managedSkills, 'native'));
    const next = await registry.reload();
    expect(next.id).toBe(2);
    expect(next.tools.find((t) => t.id === 'native')!.state).toBe('ready');
    expect(s.tools.find((t) => t.id === 'native')!.state).toBe('needs-approval'); // the old generation is untouched
  });

  it('re-parses only changed SKILL.md files and re-reads only changed plugins', async () => {
    for (const n of ['a', 'b', 'c']) write(f.managedSkills, n, skillMd(n, `Skill ${n}.`));
    const dir = f.copyPlugin('hello-as');
    const registry = await f.start({ watch: false });
    expect(registry.stats).toMatchObject({ parsed: 3, pluginsRead: 1 });
    await registry.reload();
    expect(registry.stats).toMatchObject({ parsed: 3, pluginsRead: 1, published: 1 });
    write(f.managedSkills, 'b', skillMd('b', 'Skill b, edited.'));
    const s = await registry.reload();
    expect(registry.stats).toMatchObject({ parsed: 4, pluginsRead: 1, published: 2 });
    expect(s.tools.find((t) => t.id === 'b')!.description).toBe('Skill b, edited.');
    writeFileSync(path.join(dir, 'clawft.plugin.json'), JSON.stringify({ ...readJson(dir), version: '0.2.0' }));
    await registry.reload();
    expect(registry.stats).toMatchObject({ parsed: 4, pluginsRead: 2 });
  });

  it('a broken edit keeps the previous version live, with a diagnostic, until fixed', async () => {
    const file = write(f.managedSkills, 'keep', skillMd('keep', 'Version one.'));
    const registry = await f.start({ watch: false });
    writeFileSync(file, skillMd('keep', undefined, 'No description now.'));
    const broken = await registry.reload();
    expect(broken.tools.find((t) => t.id === 'keep')!.description).toBe('Version one.');
    const codes = broken.diagnostics.filter((d) => d.file === file).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['kept-last-good', 'no-description']));
    writeFileSync(file, skillMd('keep', 'Version two.'));
    const fixed = await registry.reload();
    expect(fixed.tools.find((t) => t.id === 'keep')!.description).toBe('Version two.');
    expect(fixed.diagnostics.filter((d) => d.file === file)).toEqual([]);
  });

  it('a broken config.json keeps the last good config, with its error', async () => {
    mkdirSync(f.t.clawftHome, { recursive: true });
    const extra = path.join(f.t.root, 'extra');
    write(extra, 'x', skillMd('from-extra', 'From an extra dir.'));
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ skills: { extraDirs: [extra] } }));
    const registry = await f.start({ watch: false });
    expect(toolIds(registry.current())).toContain('from-extra');
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), '{ "skills": { "extraDirs": 42 } }');
    const s = await registry.reload();
    expect(toolIds(s)).toContain('from-extra');
    expect(s.config.skills.extraDirs).toEqual([extra]);
    expect(s.diagnostics.map((d) => d.code)).toContain('config-kept');
    expect(s.diagnostics.some((d) => d.severity === 'error' && d.file.endsWith('config.json'))).toBe(true);
  });

  it('revoking trust while the home config is broken drops what the workspace config added', async () => {
    mkdirSync(f.t.clawftHome, { recursive: true });
    const home = path.join(f.t.root, 'home-extra');
    write(home, 'h', skillMd('from-home', 'From the home config.'));
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ skills: { extraDirs: [home] } }));
    mkdirSync(path.join(f.t.project, '.clawft'), { recursive: true });
    writeFileSync(path.join(f.t.project, '.clawft', 'config.json'), JSON.stringify({ skills: { extraDirs: ['more'] } }));
    write(path.join(f.t.project, 'more'), 'w', skillMd('from-ws-config', 'From the workspace config.'));
    await f.approvals.trustWorkspace(f.t.project);
    const registry = await f.start({ watch: false });
    expect(toolIds(registry.current())).toEqual(expect.arrayContaining(['from-home', 'from-ws-config']));
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), '{ "sandbox": { "nativeTimeoutMs": 5 } }'); // below the minimum: broken
    await f.approvals.revokeWorkspace(f.t.project);
    const s = await registry.reload();
    expect(s.workspace?.trust).toBe('untrusted');
    expect(toolIds(s)).not.toContain('from-ws-config');
    expect(toolIds(s)).toContain('from-home'); // the last good home config still applies
    expect(s.diagnostics.map((d) => d.code)).toContain('config-kept');
  });

  it('an alias in config gives a contested skill its own slash name and clears the collision', async () => {
    write(f.managedSkills, 'one', skillMd('my-tool', 'First.'));
    write(f.managedSkills, 'two', skillMd('my_tool', 'Second.'));
    const registry = await f.start({ watch: false });
    const slashErrors = (d: { code: string; problem: string }[]) => d.filter((x) => x.code === 'name-collision' && x.problem.includes('slash command'));
    expect(slashErrors(registry.current().diagnostics)).toHaveLength(1);
    expect(registry.current().slash.has('my_tool')).toBe(false);
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { mytool2: 'my-tool' } } }));
    const s = await registry.reload();
    expect(slashErrors(s.diagnostics)).toEqual([]);
    expect(s.slash.get('my_tool')).toBe('my_tool');
    expect(s.slash.get('mytool2')).toBe('my-tool');
  });

  it('plugin-shipped skills load at level plugin and leave with their plugin', async () => {
    const dir = f.copyPlugin('echo-wat', f.managedPlugins, (m) => { m.capabilities = ['tool', 'skill']; m.skills = ['skills']; });
    write(path.join(dir, 'skills'), 'shout', skillMd('shout', 'Echo, from the plugin.', 'Body.', BOUND));
    await f.approve(dir);
    const registry = await f.start({ watch: false });
    const entry = registry.current().skills.active.get('shout');
    expect(entry).toMatchObject({ level: 'plugin', plugin: ECHO });
    expect(registry.current().tools.find((t) => t.id === 'shout')).toMatchObject({ kind: 'plugin', state: 'ready' });
    rmSync(dir, { recursive: true });
    const s = await registry.reload();
    expect(s.skills.active.has('shout')).toBe(false);
    expect(toolIds(s).filter((id) => id === 'shout' || id.startsWith(ECHO))).toEqual([]);
  });

  it('untrusted workspace skills are listed, not loaded, and load once trusted', async () => {
    write(f.workspaceSkills, 'ws', skillMd('ws-skill', 'From the workspace.'));
    const registry = await f.start({ watch: false });
    const s = registry.current();
    expect(s.workspace?.trust).toBe('untrusted');
    expect(s.skills.untrusted.map((u) => u.file)).toEqual([path.join(f.workspaceSkills, 'ws', 'SKILL.md')]);
    expect(s.skills.untrusted[0]!.reason).toContain('weft trust');
    expect(toolIds(s)).not.toContain('ws-skill');
    await f.approvals.trustWorkspace(f.t.project);
    const trusted = await registry.reload();
    expect(trusted.workspace?.trust).toBe('trusted');
    expect(toolIds(trusted)).toContain('ws-skill');
  });
});

function readJson(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'clawft.plugin.json'), 'utf8')) as Record<string, unknown>;
}
