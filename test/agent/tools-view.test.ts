// The tools the model is offered: a view of a real registry snapshot (skills and
// the echo-wat plugin in temp dirs). activate_skill first and always; code-backed
// tools that are ready or awaiting approval, under LLM-safe names; nothing else.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentToolView } from '../../src/agent/tools.js';
import { LLM_NAME_PATTERN, llmName } from '../../src/plugin/naming/index.js';
import type { RegistrySnapshot } from '../../src/registry/index.js';
import { ECHO, Fixture, skillMd } from '../registry/helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

const TOOL = { input: { type: 'object', properties: { n: { type: 'integer' } } }, run: ['echo', '{n}'] };
const NATIVE = `metadata: ${JSON.stringify({ weft: { tool: TOOL } })}`;
const NATIVE_NEEDS_BIN = `metadata: ${JSON.stringify({ weft: { tool: TOOL }, openclaw: { requires: { bins: ['no-such-binary-anywhere-xyz'] } } })}`;
const BOUND = `metadata: ${JSON.stringify({ weft: { tool: { plugin: ECHO, name: 'echo' } } })}`;

/** Writes <root>/<folder>/SKILL.md; returns the skill folder. */
function skill(folder: string, extra = '', name = folder, root = f.managedSkills): string {
  const dir = path.join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'SKILL.md'), skillMd(name, `The ${name} skill.`, 'Body.', extra));
  return dir;
}

const names = (s: RegistrySnapshot) => agentToolView(s).tools.map((t) => t.name);
const state = (s: RegistrySnapshot, id: string) => s.tools.find((t) => t.id === id)?.state;

describe('agentToolView', () => {
  it('offers activate_skill first, then ready and needs-approval code-backed skills; never instruction-only, ineligible or model-hidden ones', async () => {
    skill('plain');
    await f.approvals.approveSkill(skill('nat-ready', NATIVE));
    skill('nat-pending', NATIVE);
    await f.approvals.approveSkill(skill('nat-inelig', NATIVE_NEEDS_BIN));
    await f.approvals.approveSkill(skill('nat-hidden', `${NATIVE}\ndisable-model-invocation: true`));
    const s = (await f.start({ watch: false })).current();
    // The snapshot holds every one of them, in the state the test means.
    expect(Object.fromEntries(['plain', 'nat-ready', 'nat-pending', 'nat-inelig', 'nat-hidden'].map((id) => [id, state(s, id)]))).toEqual({
      plain: 'ready', 'nat-ready': 'ready', 'nat-pending': 'needs-approval', 'nat-inelig': 'ineligible', 'nat-hidden': 'ready',
    });
    const view = agentToolView(s);
    expect(names(s)).toEqual(['activate_skill', 'nat-pending', 'nat-ready']);
    expect(view.tools[0]!.inputSchema).toMatchObject({ required: ['name'] });
    expect(view.byName.has('activate_skill')).toBe(false);
    expect(view.byName.get('nat-ready')).toMatchObject({ id: 'nat-ready', kind: 'native' });
    expect(view.tools.find((t) => t.name === 'nat-pending')).toEqual({ name: 'nat-pending', description: 'The nat-pending skill.', inputSchema: TOOL.input });
    expect(agentToolView(s)).toBe(view); // one view per snapshot
  });

  it('with no code-backed tools, activate_skill is still offered; with no skill to activate, it is not', async () => {
    skill('plain');
    const s = (await f.start({ watch: false })).current();
    expect(names(s)).toEqual(['activate_skill']);
    expect(agentToolView(s).byName.size).toBe(0);
    const g = new Fixture();
    try {
      expect(names((await g.start({ watch: false })).current())).toEqual([]);
    } finally {
      await g.cleanup();
    }
  });

  it('plugin tools get LLM-safe names that map back to their ids; approved or awaiting approval, both offered', async () => {
    await f.approve(f.copyPlugin('echo-wat'));
    const approved = (await f.start({ watch: false })).current();
    expect(state(approved, `${ECHO}/echo`)).toBe('ready');
    const view = agentToolView(approved);
    expect(view.tools.map((t) => t.name)).not.toContain('activate_skill'); // no skill to activate
    for (const name of names(approved)) expect(name).toMatch(LLM_NAME_PATTERN);
    expect(llmName(`${ECHO}/echo`)).toBe('dev_weft_test_echo-wat_echo');
    expect(view.byName.get('dev_weft_test_echo-wat_echo')?.id).toBe(`${ECHO}/echo`);
    expect(view.byName.get('dev_weft_test_echo-wat_grow_memory')?.id).toBe(`${ECHO}/grow_memory`);
    const pluginTools = approved.tools.filter((t) => t.origin === 'plugin');
    expect(pluginTools.length).toBeGreaterThan(5);
    expect(view.tools).toHaveLength(pluginTools.length);
    expect(names(approved)).toEqual([...names(approved)].sort());

    const g = new Fixture();
    try {
      g.copyPlugin('echo-wat'); // not approved
      const pending = (await g.start({ watch: false })).current();
      expect(state(pending, `${ECHO}/echo`)).toBe('needs-approval');
      expect(names(pending)).toContain('dev_weft_test_echo-wat_echo');
    } finally {
      await g.cleanup();
    }
  });

  it('a skill bound to a plugin of an untrusted workspace is not offered, nor are that plugin\'s tools', async () => {
    const wsPlugins = path.join(f.t.project, '.clawft', 'plugins');
    f.copyPlugin('echo-wat', wsPlugins);
    skill('bound', BOUND);
    const s = (await f.start({ watch: false })).current();
    expect(s.workspace?.trust).toBe('untrusted');
    expect(state(s, 'bound')).toBe('untrusted');
    expect(names(s)).toEqual(['activate_skill']);
  });

  it('a skill bound to an approved plugin tool is offered once, under the skill\'s name', async () => {
    await f.approve(f.copyPlugin('echo-wat'));
    skill('bound', BOUND);
    const s = (await f.start({ watch: false })).current();
    const view = agentToolView(s);
    expect(view.byName.get('bound')).toMatchObject({ kind: 'plugin', origin: 'skill' });
    expect(names(s)).not.toContain('dev_weft_test_echo-wat_echo');
  });

  it.each([
    ['activate_skill', 'named activate_skill'],
    ['activate skill', 'whose LLM name is activate_skill'],
  ])('a ready native skill %s (%s) does not take over the built-in', async (name) => {
    expect(llmName(name)).toBe('activate_skill');
    await f.approvals.approveSkill(skill('clash', NATIVE, name));
    await f.approvals.approveSkill(skill('other', NATIVE));
    const s = (await f.start({ watch: false })).current();
    expect(state(s, name)).toBe('ready');
    const view = agentToolView(s);
    expect(names(s)).toEqual(['activate_skill', 'other']);
    expect(view.tools[0]!.description).toMatch(/^Load a skill/);
    expect(view.byName.has('activate_skill')).toBe(false);
  });
});
