import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { repoRoot, runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());
const run = (args: string[]) => runWeft(args, { cwd: t.project, env: t.env });
const managed = () => path.join(t.clawftHome, 'skills');

describe('weft tool call <skill>', () => {
  it('runs the bundled native-command skill (git-summary) in the workspace, no approval needed', () => {
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...a], { cwd: t.project, env: t.env });
    git('init', '-q');
    for (const n of [1, 2, 3]) { writeFileSync(path.join(t.project, `f${n}`), String(n)); git('add', '.'); git('commit', '-qm', `commit ${n}`); }
    const r = run(['tool', 'call', 'git-summary', '--args', '{"count": 2}']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split(': ')[1])).toEqual(['commit 3', 'commit 2']);
  });

  it('a managed native-command skill runs only after approval: exit 3, then its output; arguments stay one element', () => {
    writeSkill(managed(), 'echoargs', { name: 'echoargs', extra: 'metadata: { "weft": { "tool": { "input": { "type": "object", "properties": { "text": { "type": "string" } }, "required": ["text"] }, "run": ["printf", "[%s]", "{text}"] } } }' });
    const before = run(['tool', 'call', 'echoargs', '--args', '{"text": "hi"}']);
    expect(before.code).toBe(ExitCode.approvalRequired);
    expect(before.stderr).toContain('weft skill approve echoargs');
    expect(run(['skill', 'approve', 'echoargs', '--yes']).code).toBe(0);
    const r = run(['tool', 'call', 'echoargs', '--args', JSON.stringify({ text: '; rm -rf ~ $(touch x) --help' })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('[; rm -rf ~ $(touch x) --help]\n');
    expect(run(['tool', 'call', 'echoargs', '--args', '{}']).code).toBe(ExitCode.error);
  });

  it('a plugin-backed skill calls its plugin tool; an instruction-only skill returns its instructions', () => {
    expect(run(['plugin', 'install', path.join(repoRoot, 'plugins', 'echo-wat'), '--yes']).code).toBe(0);
    writeSkill(managed(), 'echoer', { name: 'echoer', extra: 'metadata: { "weft": { "tool": { "plugin": "dev.weft.test.echo-wat", "name": "echo" } } }' });
    const r = run(['tool', 'call', 'echoer', '--args', '{"say": "hi"}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ say: 'hi' });
    writeSkill(managed(), 'howto', { name: 'howto', body: 'Do it for $ARGUMENTS in {baseDir}.' });
    expect(run(['tool', 'call', 'howto', '--args', '{"arguments": "the docs"}']).stdout).toBe(`Do it for the docs in ${path.join(managed(), 'howto')}.\n`);
    expect(run(['tool', 'call', 'nothing']).code).toBe(ExitCode.error);
  });
});
