// Scripted mode, the real binary: `weft -p`, --stdin, stdin line mode, each output format
// and each exit code it can produce today.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { repoRoot, runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());
const run = (args: string[], input = '') => runWeft(args, { cwd: t.project, env: t.env, input });
const managed = () => path.join(t.clawftHome, 'skills');
const shout = () => writeSkill(managed(), 'shout', { name: 'shout', description: 'Prints its text.',
  extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, run: ['printf', '<%s>', '{text}'] } } })}` });
const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('weft -p', () => {
  it('text: a built-in prints on stdout, exit 0; /help lists skill commands', () => {
    writeSkill(managed(), 'deploy-app', { name: 'deploy-app', description: 'Ships it.', extra: 'argument-hint: "[env]"' });
    const r = run(['-p', '/help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}\/deploy_app \[env\] {2}Ships it\.$/m);
    expect(r.stdout).toMatch(/^ {2}\/exit, \/quit {2}/m);
    expect(r.stderr).toBe('');
  });

  it('exit 2: an unknown command, with a suggestion, never sent to a model', () => {
    const r = run(['-p', '/hlep']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('unknown command /hlep');
    expect(r.stderr).toContain('Did you mean /help');
  });

  it('exit 5: chat, or an instruction-only skill command, with no model configured says how to configure one', () => {
    writeSkill(managed(), 'howto', { name: 'howto', description: 'How.' });
    for (const input of ['hello there', '/howto now']) {
      const r = run(['-p', input]);
      expect(r.code, input).toBe(ExitCode.provider);
      expect(r.stderr).toContain('no model is configured');
      expect(r.stderr).toContain('"providers"');
    }
  });

  it('exit 3 for an approval nobody can answer; --yes approves what this invocation needs; exit 4 when the tool fails', () => {
    shout();
    const refused = run(['-p', '/shout hi there']);
    expect(refused.code).toBe(ExitCode.approvalRequired);
    expect(refused.stderr).toContain('weft skill approve shout');
    expect(refused.stderr).toContain('--yes');
    const r = run(['-p', '/shout hi there', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('<hi there>\n');
    expect(run(['-p', '/shout again']).stdout).toBe('<again>\n'); // approved for good, as `weft skill approve` does
    const failing = run(['-p', '/git_summary count=2']); // not a git repository
    expect(failing.code).toBe(ExitCode.toolFailed);
  });

  it('exit 6 for an untrusted workspace\'s item; --yes never trusts a workspace, --trust-workspace does', () => {
    writeSkill(path.join(t.project, '.clawft', 'skills'), 'local', { name: 'local', description: 'Local.',
      extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['printf', 'local-ran'] } } })}` });
    for (const input of ['/skill local', '/local']) {
      const untrusted = run(['-p', input, '--yes']);
      expect(untrusted.code, input).toBe(ExitCode.untrustedWorkspace);
      expect(untrusted.stderr).toContain(`weft trust ${t.project}`);
    }
    expect(run(['-p', '/status', '--yes']).stdout).toContain('(untrusted)');
    const r = run(['-p', '/skill local', '--trust-workspace', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('local-ran\n');
  });

  it('exit 1 for a broken config, naming the file and key', () => {
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'config.json'), '{ "skills": { "extraDirs": 5 }, "agent": { "maxTurns": 0 } }');
    const r = run(['-p', '/help']);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('config.json');
    expect(r.stderr).toContain('extraDirs');
    expect(r.stderr.match(/fix:/g)).toHaveLength(2); // one fix per error, none repeated
  });

  it('--stdin appends stdin as context; without --stdin an open pipe is not read', () => {
    shout();
    expect(run(['skill', 'approve', 'shout', '--yes']).code).toBe(0);
    const r = run(['-p', '/shout', '--stdin'], 'from the pipe\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('<from the pipe>\n');
    expect(run(['-p', '/shout x'], 'ignored').stdout).toBe('<x>\n');
  });
});

describe('output formats', () => {
  it('json: one envelope with every result; a failure gives ok false and its exit code', () => {
    const ok = run(['-p', '/status', '--output', 'json']);
    expect(ok.code).toBe(0);
    const env = JSON.parse(ok.stdout) as { ok: boolean; data: { results: Array<{ kind: string; text: string; exitCode: number }> } };
    expect(env.ok).toBe(true);
    expect(env.data.results[0]).toMatchObject({ kind: 'text', exitCode: 0, text: expect.stringContaining('generation 1') });
    const bad = run(['-p', '/nope', '--json']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { message: 'unknown command /nope' } });
    expect(bad.stderr).toBe('');
  });

  it('stream-json: one event per line: tool_call, tool_result, approval_required, error, done', () => {
    shout();
    const needs = run(['-p', '/shout a', '--output', 'stream-json']);
    expect(needs.code).toBe(ExitCode.approvalRequired);
    expect(lines(needs.stdout).map((e) => e.type)).toEqual(['tool_call', 'approval_required', 'error', 'done']);
    expect(lines(needs.stdout)[1]).toMatchObject({ kind: 'native-skill', subject: 'shout', command: 'weft skill approve shout' });
    const r = run(['-p', '/shout b', '--output', 'stream-json', '--yes']);
    expect(lines(r.stdout)).toEqual([
      { type: 'tool_call', tool: 'shout', input: '/shout b' },
      { type: 'tool_result', tool: 'shout', ok: true, content: '<b>', generation: 2 },
      { type: 'done', exitCode: 0 },
    ]);
    expect(run(['-p', '/help', '--output', 'yaml']).code).toBe(ExitCode.usage);
  });
});

describe('stdin line mode', () => {
  it('runs each line until EOF; the exit code is the first failure\'s; /exit stops early', () => {
    shout();
    expect(run(['skill', 'approve', 'shout', '--yes']).code).toBe(0);
    const r = run([], '/shout one\n\n/nope\n/shout two\n/exit\n/shout three\n');
    expect(r.stdout).toBe('<one>\n<two>\n');
    expect(r.stderr).toContain('unknown command /nope');
    expect(r.code).toBe(ExitCode.usage);
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...a], { cwd: t.project });
    git('init', '-q');
    writeFileSync(path.join(t.project, 'f'), 'x');
    git('add', '.');
    git('commit', '-qm', 'first');
    const ok = run(['--output', 'stream-json'], '/git_summary count=1\n');
    expect(ok.code, ok.stderr).toBe(0);
    expect(lines(ok.stdout)[1]).toMatchObject({ type: 'tool_result', tool: 'git-summary', content: expect.stringContaining('first') });
    expect(existsSync(repoRoot)).toBe(true);
  });
});

describe('scripted mode: refusals and edges', () => {
  it('/trust with a stray argument is refused (a typo never trusts); --revoke of an untrusted workspace changes nothing', () => {
    mkdirSync(path.join(t.project, '.clawft'), { recursive: true });
    const typo = run(['-p', '/trust revoke']);
    expect(typo.code).toBe(ExitCode.usage);
    expect(typo.stderr).toContain('/trust takes no argument but --revoke');
    expect(run(['trust', '--list', '--json']).stdout).not.toContain(t.project);
    expect(run(['-p', '/trust --revoke']).stdout).toContain('was not trusted; nothing changed');
  });

  it('/reject of an unknown name is an error; -p with no input is a usage error; an alias to a missing skill says so', () => {
    expect(run(['-p', '/reject nothing-here']).code).toBe(ExitCode.error);
    expect(run(['-p', '']).code).toBe(ExitCode.usage);
    expect(run(['-p', '--json']).code).toBe(ExitCode.usage);
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { ship: 'no-such-skill' } } }));
    const r = run(['-p', '/ship']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('the alias "ship" names "no-such-skill"');
  });

  it('stream-json: /skill <name> announces its tool_call; a failing tool gives tool_result ok false', () => {
    shout();
    const r = run(['-p', '/skill shout hi', '--output', 'stream-json', '--yes']);
    expect(lines(r.stdout).map((e) => e.type)).toEqual(['tool_call', 'tool_result', 'done']);
    expect(lines(r.stdout)[0]).toMatchObject({ tool: 'shout' });
    const failing = run(['-p', '/git_summary count=2', '--output', 'stream-json']);
    expect(lines(failing.stdout).map((e) => e.type)).toEqual(['tool_call', 'tool_result', 'error', 'done']);
    expect(lines(failing.stdout)[1]).toMatchObject({ tool: 'git-summary', ok: false });
  });
});


describe('scripted mode: failures before any input runs, in every format', () => {
  it('--output json and stream-json report a failure before the first input (no session to --continue) as an envelope / events', () => {
    const json = run(['-c', '-p', 'hi', '--output', 'json']);
    expect(json.code).toBe(ExitCode.usage);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { code: 'usage', message: expect.stringContaining('no earlier session') } });
    const stream = run(['-c', '-p', 'hi', '--output=stream-json']);
    expect(stream.code).toBe(ExitCode.usage);
    expect(lines(stream.stdout).map((e) => e.type)).toEqual(['error', 'done']);
    expect(lines(stream.stdout)[1]).toEqual({ type: 'done', exitCode: 2 });
  });

  it('a flag missing its value does not swallow the -p input; --json with another --output is refused', () => {
    const r = run(['-r', '-p', 'hello world']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('--resume needs a session id');
    const both = run(['--output', 'xml', '--json', '-p', '/help']);
    expect(both.code).toBe(ExitCode.usage);
    expect(both.stderr).toContain('--json and --output xml');
  });

  it('config warnings reach json (diagnostics) and stream-json (warning events), not only text', () => {
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'config.json'), JSON.stringify({ sandbox: { maxPluginByte: 1 } }));
    const json = JSON.parse(run(['-p', '/status', '--json']).stdout) as { ok: boolean; diagnostics?: Array<{ field: string }> };
    expect(json.ok).toBe(true);
    expect(json.diagnostics?.map((d) => d.field)).toEqual(['sandbox.maxPluginByte']);
    const events = lines(run(['-p', '/status', '--output', 'stream-json']).stdout);
    expect(events[0]).toMatchObject({ type: 'warning', code: 'unknown-key', field: 'sandbox.maxPluginByte' });
    expect(run(['-p', '/status']).stderr).toContain('sandbox.maxPluginByte');
  });
});
