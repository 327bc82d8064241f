// The REPL's components in-process (ink-testing-library): the status line follows the
// registry without input, completion while typing, history, the approval prompt's keys.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../../src/agent/index.js';
import { App } from '../../src/app.js';
import { ReplController } from '../../src/ui/controller.js';
import { History } from '../../src/ui/history.js';
import { act } from 'react';
import { Fixture, skillMd } from '../registry/helpers.js';
import { createElement, renderUi, type Rendered } from '../helpers/render.js';

let f: Fixture;
let ui: Rendered | undefined;
let controllerInUse: ReplController | undefined;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => {
  await act(async () => { controllerInUse?.exit(); });
  ui?.unmount();
  ui = undefined;
  controllerInUse = undefined;
  await f.cleanup();
});

function skill(dir: string, name: string, extra = ''): void {
  mkdirSync(path.join(f.managedSkills, dir), { recursive: true });
  writeFileSync(path.join(f.managedSkills, dir, 'SKILL.md'), skillMd(name, `The ${name} skill.`, 'Body.', extra));
}

async function mount(): Promise<{ controller: ReplController; ui: Rendered }> {
  const registry = await f.start();
  const controller = new ReplController(registry, new History(path.join(f.t.clawftHome, 'history')), new Agent({ registry, paths: f.t.paths() }));
  controllerInUse = controller;
  ui = await renderUi(createElement(App, { controller, registry, readyMarker: false }));
  return { controller, ui };
}

describe('REPL components', () => {
  it('the status line shows a reload and a new conflict without any input', async () => {
    skill('a', 'my-tool');
    const { ui: u } = await mount();
    expect(u.frame()).toContain('weft · gen');
    expect(u.frame()).toContain('1 skill');
    skill('b', 'my_tool');
    await u.waitFor('name conflict: /my_tool');
    expect(u.frame()).toContain('(reloaded)');
  });

  it('typing /he offers /help; Tab completes it; Enter runs it; ↑ brings it back from history', async () => {
    skill('deploy', 'deploy');
    const { ui: u, controller } = await mount();
    await u.press('/he');
    await u.waitFor('/help  list every command');
    await u.press('\t');
    await u.waitFor(/^› \/help$/m);
    await u.press('\r');
    await u.waitFor('/deploy  The deploy skill.');
    expect(controller.history.entries).toEqual(['/help']);
    const promptLine = (): string => u.frame().split('\n').filter((l) => l.startsWith('› ')).at(-1) ?? ''; // the live prompt is the last
    await u.until(() => Boolean(promptLine().includes('a message, or /help')), 'the line cleared after Enter (placeholder back)');
    await u.press('\u001b[A'); // up arrow
    await u.until(() => Boolean(promptLine() === '› /help'), 'history recalled');
  });

  it('the approval prompt: Esc denies (nothing runs), and the prompt comes back', async () => {
    skill('cmd', 'cmd', `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['printf', 'ran'] } } })}`);
    const { ui: u, controller } = await mount();
    await u.press('/cmd');
    await u.press('\r');
    await u.waitFor('Approve cmd?');
    expect(u.frame()).toContain('[o] allow once');
    await u.press('\u001b');
    await u.waitFor('not approved: cmd did not run');
    await u.until(() => Boolean(controller.current.approval === undefined), 'prompt gone');
    expect(u.frames()).not.toContain('\nran');
    await u.press('/cmd');
    await u.press('\r');
    await u.waitFor('Approve cmd?');
    await u.press('o'); // once: runs, then the approval is taken back
    await u.waitFor('ran');
    await u.until(() => Boolean(controller.current.status.pending === 1), 'approval taken back after the run');
  });

  it('a skill of the untrusted workspace asks to trust it, then (approved too) runs', async () => {
    const ws = path.join(f.t.project, '.clawft', 'skills', 'local');
    mkdirSync(ws, { recursive: true });
    writeFileSync(path.join(ws, 'SKILL.md'), skillMd('local', 'Local.', 'Body.', `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['printf', 'local-ran'] } } })}`));
    const { ui: u } = await mount();
    expect(u.frame()).toContain('workspace not trusted (/trust)');
    await u.press('/local');
    await u.press('\r');
    await u.waitFor(`Approve ${f.t.project}? It is a workspace to trust`);
    await u.press('a');
    await u.waitFor('Approve local? It runs a native command');
    await u.press('a');
    await u.waitFor('local-ran');
  });

  it('allow once for the workspace, then once for its skill: it runs, and afterwards neither grant remains', async () => {
    const ws = path.join(f.t.project, '.clawft', 'skills', 'local');
    mkdirSync(ws, { recursive: true });
    writeFileSync(path.join(ws, 'SKILL.md'), skillMd('local', 'Local.', 'Body.', `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['printf', 'local-once'] } } })}`));
    const { ui: u, controller } = await mount();
    await u.press('/local');
    await u.press('\r');
    await u.waitFor('It is a workspace to trust');
    await u.press('o');
    await u.waitFor('Approve local? It runs a native command');
    await u.press('o');
    await u.waitFor('local-once');
    await u.until(() => Boolean(controller.current.status.workspace?.trust === 'untrusted'), 'workspace trust taken back');
    const data = JSON.parse(readFileSync(path.join(f.t.clawftHome, 'approvals.json'), 'utf8')) as { skills: object; workspaces: object };
    expect(Object.keys(data.skills)).toEqual([]);
    expect(Object.keys(data.workspaces)).toEqual([]);
  });

  it('a running native command\'s output streams into the live region before it ends', async () => {
    skill('stream', 'stream', `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['sh', '-c', 'echo first-part; sleep 1; echo second-part'] } } })}`);
    await f.approvals.approveSkill(path.join(f.managedSkills, 'stream'));
    const { ui: u, controller } = await mount();
    await u.press('/stream');
    await u.press('\r');
    await u.until(() => Boolean((u.frame().includes('first-part') && u.frame().includes('(Ctrl-C cancels)'))), 'first line while running');
    expect(u.frame()).not.toContain('second-part');
    await u.until(() => Boolean(controller.current.running === undefined), 'the command ends', 5000);
    await u.waitFor('second-part');
  });

  it('the status line says (reloaded) for two seconds after a reload, then not', async () => {
    const { ui: u, controller } = await mount();
    skill('late', 'late');
    await u.waitFor('(reloaded)');
    await u.until(() => Boolean(controller.current.reloadedAt === undefined), 'the flag clears', 4000);
    await u.until(() => Boolean(!u.frame().includes('(reloaded)')), 'redrawn without it');
  });
});

