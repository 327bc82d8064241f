// The MCP tool list as a view of a registry snapshot (no server): what is served, how a
// tool awaiting approval is described, and that a contested MCP name goes to nobody.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mcpToolView } from '../../src/mcp/tools.js';
import { serverInstructions } from '../../src/mcp/instructions.js';
import { mcpName } from '../../src/plugin/naming/index.js';
import { ECHO, Fixture } from '../registry/helpers.js';
import { writeSkill } from '../helpers/skills.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

const native = (extra = '') => `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['true'] } } })}${extra}`;

describe('mcpToolView', () => {
  it('serves ready and awaiting-approval tools; not ineligible, hidden or untrusted ones', async () => {
    writeSkill(f.managedSkills, 'plain', { name: 'plain', description: 'Plain.' });
    writeSkill(f.managedSkills, 'cmd', { name: 'cmd', description: 'Runs true.', extra: native() });
    writeSkill(f.managedSkills, 'needs-bin', { name: 'needs-bin', description: 'Needs a binary.', extra: 'metadata: {"openclaw": {"requires": {"bins": ["no-such-binary-anywhere"]}}}' });
    writeSkill(f.managedSkills, 'people-only', { name: 'people-only', description: 'Hidden.', extra: 'disable-model-invocation: true' });
    writeSkill(f.workspaceSkills, 'local', { name: 'local', description: 'Local.' });
    f.copyPlugin('echo-wat');
    const registry = await f.start({ watch: false });
    const view = mcpToolView(registry.current());
    const byName = new Map(view.tools.map((t) => [t.name, t]));
    expect(byName.get('plain')).toMatchObject({ toolId: 'plain', kind: 'instruction', description: 'Plain.' });
    expect(byName.get('plain')!.needsApproval).toBeUndefined();
    expect(byName.get('cmd')).toMatchObject({ kind: 'native', needsApproval: 'weft skill approve cmd', description: 'Runs true. (needs approval: run `weft skill approve cmd`)' });
    const echo = byName.get(mcpName(`${ECHO}/echo`))!;
    expect(echo.needsApproval).toBe(`weft plugin approve ${ECHO}`);
    expect(echo.description).toMatch(/\(needs approval: run `weft plugin approve dev\.weft\.test\.echo-wat`\)$/);
    for (const hidden of ['needs-bin', 'people-only', 'local']) expect(byName.has(hidden), hidden).toBe(false);
    expect(mcpToolView(registry.current())).toBe(view); // computed once per snapshot
    const instructions = serverInstructions(registry.current());
    expect(instructions).toContain('untrusted workspace');
    expect(instructions).toContain(`weft trust ${f.t.project}`);
  });

  it('a contested MCP name is served to neither claimant; the snapshot carries the collision', async () => {
    const clash = mcpName(`${ECHO}/echo`);
    writeSkill(f.managedSkills, 'clash', { name: clash, description: 'Claims the plugin tool\'s MCP name.' });
    await f.approve(f.copyPlugin('echo-wat'));
    const registry = await f.start({ watch: false });
    const snapshot = registry.current();
    expect(snapshot.skills.active.has(clash)).toBe(true);
    const served = mcpToolView(snapshot).tools;
    expect(served.some((t) => t.name === clash)).toBe(false);
    expect(served.some((t) => t.name === mcpName(`${ECHO}/compute`))).toBe(true);
    expect(snapshot.diagnostics.some((d) => d.code === 'name-collision' && d.problem.includes(clash))).toBe(true);
  });

  it('the registry names the approve command: the skill for a native command, the plugin for a plugin-backed skill', async () => {
    await f.approve(f.copyPlugin('echo-wat'));
    writeSkill(f.managedSkills, 'cmd', { name: 'cmd', description: 'Runs true.', extra: native() });
    const registry = await f.start({ watch: false });
    await f.approvals.revokePlugin(ECHO);
    const s = await registry.reload();
    expect(s.tools.find((t) => t.id === 'cmd')?.approveCommand).toBe('weft skill approve cmd');
    expect(s.tools.find((t) => t.id === `${ECHO}/echo`)?.approveCommand).toBe(`weft plugin approve ${ECHO}`);
    expect(s.tools.find((t) => t.id === 'skill-author' || t.state === 'ready')?.approveCommand).toBeUndefined();
  });
});
