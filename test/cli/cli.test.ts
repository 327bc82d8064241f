import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { repoRoot, runJson, runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());
const run = (args: string[], cwd = t.project) => runWeft(args, { cwd, env: t.env });

describe('weft, the binary', () => {
  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect(runJson(['--version'], { cwd: t.project, env: t.env }).json).toEqual({ ok: true, data: { name: 'weft', version: pkg.version, node: process.versions.node } });
  });

  it('runs as `npx weft` from the checkout, never fetching anything', () => {
    const r = spawnSync('npx', ['--no-install', 'weft', '--version'], { cwd: repoRoot, env: t.env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = spawnSync('npx', ['--no-install', 'weft', '--help'], { cwd: repoRoot, env: t.env, encoding: 'utf8', timeout: 60_000 });
    expect(help.stdout).toContain('Exit codes');
  });

  it('--help lists the commands and the exit codes', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const verb of ['config', 'plugin', 'skill', 'trust']) expect(r.stdout).toContain(`weft ${verb}`);
    for (const code of ['0', '1', '2', '3', '4', '5', '6', '130']) expect(r.stdout).toMatch(new RegExp(`^\\s+${code}  `, 'm'));
  });

  it('a verb accepts --help', () => {
    const r = run(['trust', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('weft trust --revoke');
  });

  it('an unknown command exits 2 with a suggestion', () => {
    const r = run(['trsut']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('unknown command "trsut"; did you mean "trust"?');
  });

  it('an unknown command with --json prints the failure envelope', () => {
    const r = runJson<{ ok: boolean; exitCode: number; error: { code: string } }>(['nope'], { cwd: t.project, env: t.env });
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ ok: false, exitCode: 2, error: { code: 'usage' } });
  });

  it('an unknown flag gets the failure envelope with --json', () => {
    const r = runJson<{ ok: boolean; exitCode: number; error: { message: string } }>(['trust', '--frobnicate'], { cwd: t.project, env: t.env });
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ ok: false, exitCode: 2 });
    expect(r.json.error.message).toContain('--frobnicate');
  });

  it('an unknown flag or subcommand exits 2', () => {
    expect(run(['trust', '--frobnicate']).code).toBe(ExitCode.usage);
    expect(run(['config', 'explode']).code).toBe(ExitCode.usage);
    expect(run(['plugin', 'explode']).code).toBe(ExitCode.usage);
    expect(run(['--bogus']).code).toBe(ExitCode.usage);
  });

  it('accepts the plural of a verb', () => {
    mkdirSync(path.join(t.project, 'p'));
    writeFileSync(path.join(t.project, 'p', 'clawft.plugin.json'), JSON.stringify({ id: 'com.example.p', name: 'P', version: '1.0.0', capabilities: ['skill'], skills: ['skills'] }));
    const r = run(['plugins', 'check', 'p']);
    expect(r.stdout + r.stderr).toContain('p: ok (com.example.p 1.0.0)');
    expect(r.code).toBe(0);
  });
});

describe('weft config', () => {
  it('show --json gives the effective config and its files', () => {
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'config.json'), '{ commands: { aliases: { dp: "deploy" } } }');
    const r = runJson<{ ok: true; data: { files: unknown[]; config: { commands: { aliases: object } } } }>(['config', 'show'], { cwd: t.project, env: t.env });
    expect(r.code).toBe(0);
    expect(r.json.data.config.commands.aliases).toEqual({ dp: 'deploy' });
    expect(r.json.data.files).toEqual([{ path: path.join(t.clawftHome, 'config.json'), scope: 'home', applied: true }]);
  });

  it('check exits 1 naming file, key and value for a bad value', () => {
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'config.json'), '{ "sandbox": { "maxPluginBytes": 5 } }');
    const r = run(['config', 'check']);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stdout).toContain(path.join(t.clawftHome, 'config.json'));
    expect(r.stdout).toContain('sandbox.maxPluginBytes is 5');
    expect(run(['config', 'show']).code).toBe(ExitCode.error);
  });

  it('path prints where the home config lives', () => {
    expect(run(['config', 'path']).stdout.trim()).toBe(path.join(t.clawftHome, 'config.json'));
  });
});

describe('weft trust', () => {
  const soul = () => writeFileSync(path.join(t.project, 'SOUL.md'), 'be brief');

  it('trusts, lists and revokes the current workspace', () => {
    soul();
    expect(run(['trust']).code).toBe(0);
    const list = runJson<{ data: Array<{ path: string; trusted: boolean }> }>(['trust', '--list'], { cwd: t.project, env: t.env });
    expect(list.json.data.map((e) => [e.path, e.trusted])).toEqual([[t.project, true]]);
    expect(run(['trust', '--revoke']).stdout).toContain(`revoked trust in ${t.project}`);
    expect(runJson<{ data: unknown[] }>(['trust', '--list'], { cwd: t.project, env: t.env }).json.data).toEqual([]);
  });

  it('trusts a named folder, resolved against the cwd', () => {
    mkdirSync(path.join(t.project, 'sub'));
    const r = runJson<{ data: { path: string } }>(['trust', 'sub'], { cwd: t.project, env: t.env });
    expect(r.json.data.path).toBe(path.join(t.project, 'sub'));
  });

  it('refuses $HOME, and a folder that does not exist', () => {
    const home = run(['trust', t.home]);
    expect(home.code).toBe(ExitCode.error);
    expect(home.stderr).toContain('home directory');
    expect(run(['trust'], t.home).code).toBe(ExitCode.error);
    const missing = run(['trust', 'nowhere']);
    expect(missing.code).toBe(ExitCode.error);
    expect(missing.stderr).toContain(path.join(t.project, 'nowhere'));
  });

  it('--list refuses a directory argument', () => {
    expect(run(['trust', '--list', 'x']).code).toBe(ExitCode.usage);
  });
});
