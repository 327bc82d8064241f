import { mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegistryEvent } from '../../src/registry/index.js';
import { ECHO, Fixture, skillMd, toolIds, waitFor, waitForSnapshot } from './helpers.js';

// The registry running with its watcher: files change, events arrive, no reload() is called.
let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Waits for an event matching `match` that arrived after index `from`. */
function event(from: number, match: Partial<RegistryEvent>): Promise<RegistryEvent> {
  return waitFor(() => f.events.slice(from).find((e) => Object.entries(match).every(([k, v]) => (e as Record<string, unknown>)[k] === v)), JSON.stringify(match));
}

describe('live skills', () => {
  it('add, edit, rename and delete a skill in a root created after start; editor save patterns work', async () => {
    const registry = await f.start();
    let mark = f.events.length;
    const file = path.join(f.managedSkills, 'live', 'SKILL.md');
    write(file, skillMd('live', 'First.'));
    await event(mark, { type: 'added', kind: 'tool', id: 'live' });

    mark = f.events.length;
    write(`${file}.tmp`, skillMd('live', 'Second, via temp + rename.'));
    renameSync(`${file}.tmp`, file);
    await event(mark, { type: 'changed', kind: 'tool', id: 'live' });
    await waitForSnapshot(registry, (s) => s.tools.find((t) => t.id === 'live')?.description === 'Second, via temp + rename.', 'temp + rename');

    mark = f.events.length;
    unlinkSync(file);
    write(file, skillMd('live', 'Third, via delete + create.'));
    await waitForSnapshot(registry, (s) => s.tools.find((t) => t.id === 'live')?.description === 'Third, via delete + create.', 'delete + create');

    mark = f.events.length;
    renameSync(path.join(f.managedSkills, 'live'), path.join(f.managedSkills, 'renamed'));
    write(path.join(f.managedSkills, 'renamed', 'SKILL.md'), skillMd('renamed', 'Renamed.'));
    await event(mark, { type: 'removed', kind: 'skill', id: 'live' });
    await event(mark, { type: 'added', kind: 'skill', id: 'renamed' });

    mark = f.events.length;
    rmSync(path.join(f.managedSkills, 'renamed'), { recursive: true });
    await event(mark, { type: 'removed', kind: 'tool', id: 'renamed' });
    expect(toolIds(registry.current())).toEqual([]);
  });

  it('a broken edit keeps the previous version live with a diagnostic', async () => {
    const file = path.join(f.managedSkills, 'keep', 'SKILL.md');
    write(file, skillMd('keep', 'Good.'));
    const registry = await f.start();
    const mark = f.events.length;
    write(file, skillMd('keep', undefined));
    const e = await event(mark, { type: 'diagnostics' });
    expect(e.type === 'diagnostics' && e.diagnostics.some((d) => d.code === 'kept-last-good' && d.file === file)).toBe(true);
    expect(registry.current().tools.find((t) => t.id === 'keep')?.description).toBe('Good.');
  });

  it('a broken edit of an approved native skill keeps it listed, not runnable, and says to fix it first', async () => {
    const dir = path.join(f.managedSkills, 'nat');
    const native = 'metadata: {"weft": {"tool": {"input": {"type": "object"}, "run": ["true"]}}}';
    write(path.join(dir, 'SKILL.md'), skillMd('nat', 'Native.', 'Body.', native));
    await f.approvals.approveSkill(dir);
    const registry = await f.start();
    expect(registry.current().tools.find((t) => t.id === 'nat')?.state).toBe('ready');
    write(path.join(dir, 'SKILL.md'), skillMd('nat', undefined, 'Body.', native)); // no description: an error
    const s = await waitForSnapshot(registry, (x) => x.tools.find((t) => t.id === 'nat')?.state === 'needs-approval', 'approval voided');
    const reason = s.tools.find((t) => t.id === 'nat')!.reason!;
    expect(reason).toContain(`weft skill check ${dir}`);
    expect(reason).toContain('weft skill approve nat');
    expect(await registry.call('nat', {})).toMatchObject({ ok: false, kind: 'approval-required' });
  });

  it('deleting the workspace copy brings back the managed one', async () => {
    write(path.join(f.managedSkills, 'dup', 'SKILL.md'), skillMd('dup', 'Managed.'));
    write(path.join(f.workspaceSkills, 'dup', 'SKILL.md'), skillMd('dup', 'Workspace.'));
    await f.approvals.trustWorkspace(f.t.project);
    const registry = await f.start();
    expect(registry.current().skills.active.get('dup')?.level).toBe('workspace');
    expect(registry.current().skills.shadowed).toHaveLength(1);
    rmSync(path.join(f.workspaceSkills, 'dup'), { recursive: true });
    const s = await waitForSnapshot(registry, (x) => x.skills.active.get('dup')?.level === 'managed', 'managed copy back');
    expect(s.tools.find((t) => t.id === 'dup')?.description).toBe('Managed.');
    expect(s.skills.shadowed).toEqual([]);
  });

  it('untrusted workspace skills load after `weft trust` without a restart', async () => {
    write(path.join(f.workspaceSkills, 'ws', 'SKILL.md'), skillMd('ws-skill', 'Workspace skill.'));
    const registry = await f.start();
    expect(registry.current().skills.untrusted).toHaveLength(1);
    const mark = f.events.length;
    await f.approvals.trustWorkspace(f.t.project); // what `weft trust` does, from another process
    await event(mark, { type: 'added', kind: 'tool', id: 'ws-skill' });
    await f.approvals.revokeWorkspace(f.t.project);
    await waitForSnapshot(registry, (s) => !toolIds(s).includes('ws-skill'), 'revoked trust unloads it');
  });

  it('adding an alias in config clears a collision in the running registry', async () => {
    write(path.join(f.managedSkills, 'one', 'SKILL.md'), skillMd('my-tool', 'First.'));
    write(path.join(f.managedSkills, 'two', 'SKILL.md'), skillMd('my_tool', 'Second.'));
    const registry = await f.start();
    const slashCollisions = () => registry.current().diagnostics.filter((d) => d.code === 'name-collision' && d.problem.includes('slash'));
    expect(slashCollisions()).toHaveLength(1);
    write(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { mytool2: 'my-tool' } } }));
    await waitFor(() => slashCollisions().length === 0, 'collision cleared');
    expect(registry.current().slash.get('mytool2')).toBe('my-tool');
  });

  it('an edited native-command skill needs approval again, live', async () => {
    const native = 'metadata: {"weft": {"tool": {"input": {"type": "object"}, "run": ["true"]}}}';
    const dir = path.join(f.managedSkills, 'nat');
    write(path.join(dir, 'SKILL.md'), skillMd('nat', 'Native.', 'Body.', native));
    write(path.join(dir, 'scripts', 'helper.sh'), 'echo one\n');
    await f.approvals.approveSkill(dir);
    const registry = await f.start();
    expect(registry.current().tools.find((t) => t.id === 'nat')?.state).toBe('ready');
    writeFileSync(path.join(dir, 'scripts', 'helper.sh'), 'echo two\n'); // any file in the folder voids the approval
    const s = await waitForSnapshot(registry, (x) => x.tools.find((t) => t.id === 'nat')?.state === 'needs-approval', 'approval voided');
    expect(s.tools.find((t) => t.id === 'nat')?.reason).toContain('weft skill approve nat');
    await f.approvals.approveSkill(dir); // `weft skill approve nat` in another terminal
    await waitForSnapshot(registry, (x) => x.tools.find((t) => t.id === 'nat')?.state === 'ready', 'approved again');
  });

  it('config `watch` sets the debounce and max-wait; values out of range are errors naming the key', async () => {
    write(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ watch: { debounceMs: 90, maxWaitMs: 700 } }));
    const registry = await f.start();
    expect(registry.watchSettings).toEqual({ debounceMs: 90, maxWaitMs: 700 });
    write(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ watch: { maxWaitMs: 5000 } }));
    const s = await waitForSnapshot(registry, (x) => x.diagnostics.some((d) => d.field === 'watch.maxWaitMs'), 'config error');
    expect(s.diagnostics.find((d) => d.field === 'watch.maxWaitMs')?.severity).toBe('error');
  });

  it('an extra dir that does not exist at start is picked up when created', async () => {
    const extra = path.join(f.t.root, 'later', 'skills');
    write(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ skills: { extraDirs: [extra] } }));
    const registry = await f.start();
    write(path.join(extra, 'late', 'SKILL.md'), skillMd('late', 'Late.'));
    await waitForSnapshot(registry, (s) => s.skills.active.get('late')?.level === 'extra', 'late root');
  });

  it('an extra dir removed from config leaves with its skills and stops being watched', async () => {
    const extra = path.join(f.t.root, 'extra-skills');
    write(path.join(extra, 'outside', 'SKILL.md'), skillMd('outside', 'Outside.'));
    const config = path.join(f.t.clawftHome, 'config.json');
    write(config, JSON.stringify({ skills: { extraDirs: [extra] } }));
    const registry = await f.start();
    expect(registry.current().skills.active.has('outside')).toBe(true);
    expect(registry.watchedRoots).toContain(extra);
    write(config, '{}');
    await waitForSnapshot(registry, (s) => !s.skills.active.has('outside'), 'extra dir dropped');
    expect(registry.watchedRoots).not.toContain(extra);
    expect(registry.watchedRoots).toContain(f.t.clawftHome); // the config's folder stays watched
    const rebuilds = registry.stats.rebuilds;
    write(path.join(extra, 'more', 'SKILL.md'), skillMd('more', 'More.'));
    await new Promise((r) => setTimeout(r, 400));
    expect(registry.stats.rebuilds).toBe(rebuilds);
    write(config, JSON.stringify({ skills: { extraDirs: [extra] } })); // back again: watched again
    await waitForSnapshot(registry, (s) => s.skills.active.has('more'), 'extra dir back');
    write(path.join(extra, 'again', 'SKILL.md'), skillMd('again', 'Again.'));
    await waitForSnapshot(registry, (s) => s.skills.active.has('again'), 'new skill in the re-watched dir');
  });
});

describe('live plugins', () => {
  it('add, approve from another terminal, edit, rename and delete a plugin', async () => {
    const registry = await f.start();
    let mark = f.events.length;
    const dir = f.copyPlugin('echo-wat');
    await waitForSnapshot(registry, (s) => s.tools.find((t) => t.id === `${ECHO}/echo`)?.state === 'needs-approval', 'plugin listed');
    await event(mark, { type: 'added', kind: 'plugin', id: ECHO });

    mark = f.events.length;
    await f.approve(dir);
    await event(mark, { type: 'changed', kind: 'tool', id: `${ECHO}/echo` });
    expect(registry.current().tools.find((t) => t.id === `${ECHO}/echo`)?.state).toBe('ready');

    mark = f.events.length;
    const manifestFile = path.join(dir, 'clawft.plugin.json');
    writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(readFileSync(manifestFile, 'utf8')), version: '0.3.0' }));
    await event(mark, { type: 'changed', kind: 'plugin', id: ECHO });
    await waitForSnapshot(registry, (s) => s.plugins[0]?.manifest?.version === '0.3.0' && s.plugins[0].state === 'approved', 'edit keeps approval');

    mark = f.events.length;
    const renamedId = 'dev.weft.test.echo-renamed';
    writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(readFileSync(manifestFile, 'utf8')), id: renamedId }));
    renameSync(dir, path.join(f.managedPlugins, renamedId));
    await event(mark, { type: 'removed', kind: 'plugin', id: ECHO });
    await waitForSnapshot(registry, (s) => s.plugins.some((p) => p.id === renamedId && p.state === 'awaiting-approval'), 'renamed plugin');

    mark = f.events.length;
    rmSync(path.join(f.managedPlugins, renamedId), { recursive: true });
    await event(mark, { type: 'removed', kind: 'plugin', id: renamedId });
    expect(registry.current().tools).toEqual([]);
  });

  it('plugin-shipped skills arrive and leave with their plugin', async () => {
    const registry = await f.start();
    // As `weft plugin install` does: stage in a `.tmp-*` folder (ignored), then rename in.
    const staging = path.join(f.managedPlugins, '.tmp-install');
    const built = f.copyPlugin('hello-as', staging, (m) => { m.capabilities = ['tool', 'skill']; m.skills = ['skills']; });
    write(path.join(built, 'skills', 'greet', 'SKILL.md'), skillMd('greet', 'Greets.'));
    renameSync(built, path.join(f.managedPlugins, path.basename(built)));
    await waitForSnapshot(registry, (s) => s.skills.active.get('greet')?.level === 'plugin', 'plugin skill loads');
    rmSync(path.join(f.managedPlugins, path.basename(built)), { recursive: true });
    await waitForSnapshot(registry, (s) => !s.skills.active.has('greet') && s.plugins.length === 0, 'plugin skill leaves');
  });
});
