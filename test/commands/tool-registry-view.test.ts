// `weft tool list|call` are views of the live registry: skills (instruction, native,
// plugin-backed) and plugin tools in one list, with the state and the exact command
// that makes a tool ready; calls go through the registry's call path.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import type { JsonSuccess, ToolCallJson, ToolListJson } from '../../src/plugin/output.js';
import { repoRoot, runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runWeft(args, { cwd: t.project, env: { ...t.env, ...env } });
const managed = () => path.join(t.clawftHome, 'skills');
const ECHO = 'dev.weft.test.echo-wat';

function list(): ToolListJson {
  const r = run(['tool', 'list', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as JsonSuccess<ToolListJson>).data;
}

const envSkill = (name: string, declares: string[]) => writeSkill(managed(), name, {
  name,
  extra: `metadata: ${JSON.stringify({ openclaw: { requires: { env: declares } }, weft: { tool: { input: { type: 'object' }, run: ['sh', '-c', 'echo "key=$OPENAI_API_KEY"'] } } })}`,
});

describe('weft tool list', () => {
  it('lists skills and plugin tools together, each with its kind, state and the command that makes it ready', () => {
    writeSkill(managed(), 'howto', { name: 'howto', body: 'Do it.' });
    envSkill('keyed', []);
    const data = list();
    const byId = new Map(data.tools.map((tool) => [tool.id, tool]));
    expect(byId.get('git-summary')).toMatchObject({ kind: 'native', origin: 'skill', state: 'ready', source: { level: 'bundled' } });
    expect(byId.get('git-summary')!.command?.[0]).toBe('git');
    expect(byId.get('howto')).toMatchObject({ kind: 'instruction', state: 'ready' });
    expect(byId.get('keyed')).toMatchObject({ kind: 'native', state: 'needs-approval' });
    expect(byId.get('keyed')!.reason).toContain('`weft skill approve keyed`');
    expect(data.tools.map((x) => x.id)).toEqual([...data.tools.map((x) => x.id)].sort());
    expect(data.generation).toBe(1);
    const text = run(['tool', 'list']).stdout;
    expect(text).toMatch(/^keyed {2}\[needs-approval\] \[runs a native command\] /m);
    expect(text).toMatch(/^git-summary {2}\[runs a native command\] /m);
  });

  it('plugin tools: listed awaiting approval with the approve command, then ready', () => {
    expect(run(['plugin', 'install', path.join(repoRoot, 'plugins', 'echo-wat'), '--yes']).code).toBe(0);
    expect(list().tools.find((x) => x.id === `${ECHO}/echo`)).toMatchObject({ kind: 'plugin', origin: 'plugin', state: 'ready' });
    expect(run(['plugin', 'revoke', ECHO]).code).toBe(0);
    const revoked = list().tools.find((x) => x.id === `${ECHO}/echo`)!;
    expect(revoked.state).toBe('needs-approval');
    expect(revoked.reason).toContain(`\`weft plugin approve ${ECHO}\``);
    const call = run(['tool', 'call', `${ECHO}/echo`, '--args', '{}']);
    expect(call.code).toBe(ExitCode.approvalRequired);
    expect(call.stderr).toContain(`weft plugin approve ${ECHO}`);
  });
});

describe('weft tool call through the registry', () => {
  it('an untrusted workspace skill is listed as not loaded, refused with exit 6 naming `weft trust <dir>`, then runs after trust', () => {
    writeSkill(path.join(t.project, '.clawft', 'skills'), 'local', { name: 'local', body: 'Local $ARGUMENTS.' });
    const before = list();
    expect(before.untrusted).toEqual(['local']);
    expect(before.workspace).toBe(t.project);
    expect(run(['tool', 'list']).stdout).toContain(`run \`weft trust ${t.project}\``);
    expect(run(['tool', 'call', 'not-the-folder-name']).stderr).toContain(`weft trust ${t.project}`);
    expect(before.tools.some((x) => x.id === 'local')).toBe(false);
    const refused = run(['tool', 'call', 'local']);
    expect(refused.code).toBe(ExitCode.untrustedWorkspace);
    expect(refused.stderr).toContain(`weft trust ${t.project}`);
    expect(run(['trust']).code).toBe(0);
    const r = run(['tool', 'call', 'local', '--args', '{"arguments": "rules"}', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as JsonSuccess<ToolCallJson>).data).toMatchObject({ tool: 'local', content: 'Local rules.', generation: 1 });
  });

  it('OPENAI_API_KEY reaches only a skill that declares it, and only once approved', () => {
    envSkill('undeclared', []);
    envSkill('declared', ['OPENAI_API_KEY']);
    const env = { OPENAI_API_KEY: 'sk-user-value' };
    const unapproved = run(['tool', 'call', 'declared'], env);
    expect(unapproved.code).toBe(ExitCode.approvalRequired);
    expect(unapproved.stderr).toContain('weft skill approve declared');
    for (const name of ['undeclared', 'declared']) expect(run(['skill', 'approve', name, '--yes']).code).toBe(0);
    expect(run(['tool', 'call', 'undeclared'], env).stdout).toBe('key=\n');
    expect(run(['tool', 'call', 'declared'], env).stdout).toBe('key=sk-user-value\n');
    // An edit voids the approval.
    writeFileSync(path.join(managed(), 'declared', 'notes.txt'), 'new file');
    expect(run(['tool', 'call', 'declared'], env).code).toBe(ExitCode.approvalRequired);
  });

  it('shell syntax and option-looking values arrive as one literal element each; nothing is executed', () => {
    writeSkill(managed(), 'argv', { name: 'argv', extra: `metadata: ${JSON.stringify({ weft: { tool: {
      input: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } },
      run: ['printf', '<%s>', '{a}', '{b}', '{c}'] } } })}` });
    expect(run(['skill', 'approve', 'argv', '--yes']).code).toBe(0);
    const r = run(['tool', 'call', 'argv', '--args', JSON.stringify({ a: '; rm -rf ~', b: '$(touch x)', c: '--help' })]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('<; rm -rf ~><$(touch x)><--help>\n');
    expect(existsSync(path.join(t.project, 'x'))).toBe(false);
  });

  it('a plugin tool bound by a skill is called by the skill\'s name, and the plugin id form says so', () => {
    expect(run(['plugin', 'install', path.join(repoRoot, 'plugins', 'echo-wat'), '--yes']).code).toBe(0);
    writeSkill(managed(), 'echoer', { name: 'echoer', extra: `metadata: { "weft": { "tool": { "plugin": "${ECHO}", "name": "echo" } } }` });
    const r = run(['tool', 'call', `${ECHO}/echo`, '--args', '{}']);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('weft tool call echoer');
    expect(run(['tool', 'call', 'no-such-tool']).stderr).toContain('weft tool list');
    writeSkill(managed(), 'broken', { name: 'broken', extra: 'metadata: { "weft": { "tool": { "run": ["x", "a{b"] } } }' });
    const broken = run(['tool', 'call', 'broken']);
    expect(broken.code).toBe(ExitCode.error);
    expect(broken.stderr).toContain('"broken" is not loaded');
    expect(broken.stderr).toContain('weft skill check');
  });
});
