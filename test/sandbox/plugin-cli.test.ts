import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PluginJson } from '../../src/plugin/output.js';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { repoRoot, runJson, runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

const ECHO = path.join(repoRoot, 'plugins', 'echo-wat');
const ID = 'dev.weft.test.echo-wat';
let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());
const run = (args: string[], cwd = t.project) => runWeft(args, { cwd, env: t.env });
const list = (cwd = t.project) => runJson<{ data: PluginJson[] }>(['plugin', 'list'], { cwd, env: t.env }).json.data;

/** A copy of echo-wat whose manifest is edited by `edit`. */
function variant(name: string, edit: (m: Record<string, any>) => void): string {
  const dir = path.join(t.root, name);
  cpSync(ECHO, dir, { recursive: true });
  const file = path.join(dir, 'clawft.plugin.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

describe('weft plugin', () => {
  it('installs without approving when nobody can answer, lists what it asks, approves with --yes', () => {
    const r = run(['plugin', 'install', ECHO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('awaiting approval');
    const [p] = list();
    expect(p).toMatchObject({ id: ID, scope: 'managed', state: 'awaiting-approval' });
    expect(run(['plugin', 'list']).stdout).toContain('asks network: 127.0.0.1');
    const refused = run(['plugin', 'approve', ID]);
    expect(refused.code).toBe(ExitCode.approvalRequired);
    expect(refused.stderr).toContain('--yes');
    expect(run(['plugin', 'approve', ID, '--yes']).code).toBe(0);
    expect(list()[0]!.state).toBe('approved');
  });

  it('keeps the approval across a version asking nothing new; shows only the diff when it asks more', () => {
    run(['plugin', 'install', ECHO, '--yes']);
    const same = variant('v2', (m) => { m.version = '0.2.0'; m.permissions.network = ['127.0.0.1']; });
    expect(run(['plugin', 'install', same, '--force']).code).toBe(0);
    expect(list()[0]).toMatchObject({ version: '0.2.0', state: 'approved' });
    const wider = variant('v3', (m) => { m.version = '0.3.0'; m.permissions.env_vars.push('WEFT_OTHER'); m.permissions.network.push('api.example.com'); });
    run(['plugin', 'install', wider, '--force']);
    const [p] = list();
    expect(p!.state).toBe('permissions-widened');
    expect(p!.diff).toMatchObject({ network: ['localhost', 'api.example.com'], env_vars: ['WEFT_OTHER'], shell: false, tools: { added: [], changed: [] } });
    const text = run(['plugin', 'list']).stdout;
    expect(text).toContain('newly asks environment variable: WEFT_OTHER');
    expect(text).not.toContain('newly asks read and write: $WORKSPACE');
  });

  it('refuses an invalid plugin at install with its diagnostics, and an existing id without --force', () => {
    const bad = variant('bad', (m) => { m.resources = { max_memory_mb: 512 }; });
    const r = run(['plugin', 'install', bad]);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('resources.max_memory_mb');
    expect(list()).toEqual([]);
    run(['plugin', 'install', ECHO]);
    const again = run(['plugin', 'install', ECHO]);
    expect(again.code).toBe(ExitCode.error);
    expect(again.stderr).toContain('--force');
  });

  it('runs the tools check at check and at install: a manifest whose tools differ is refused, nothing cached', () => {
    const ok = run(['plugin', 'check', ECHO]);
    expect(ok.code).toBe(0);
    const cache = path.join(t.clawftHome, 'cache', 'plugins');
    expect(readdirSync(cache)).toHaveLength(1); // the verified transpile, ready for the first call
    const differs = variant('differs', (m) => { m.tools = m.tools.filter((tool: { name: string }) => tool.name !== 'echo'); });
    const r = run(['plugin', 'check', differs]);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stdout).toContain('plugin-tools-mismatch');
    expect(r.stdout).toContain('echo');
    expect(run(['plugin', 'install', differs]).code).toBe(ExitCode.error);
    expect(readdirSync(cache)).toHaveLength(0); // the mismatching entry is gone too
    expect(list()).toEqual([]);
  });

  it('refuses a core module in place of a component before anything runs', () => {
    const dir = variant('core', () => {});
    writeFileSync(path.join(dir, 'echo-wat.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const r = run(['plugin', 'check', dir]);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stdout).toContain('plugin-core-module');
  });

  it('a component that is a FIFO or a link is refused, never read (no hang)', () => {
    const dir = variant('fifo', () => {});
    rmSync(path.join(dir, 'echo-wat.wasm'));
    execFileSync('mkfifo', [path.join(dir, 'echo-wat.wasm')]);
    const r = runWeft(['plugin', 'check', dir], { cwd: t.project, env: t.env });
    expect(r.code).toBe(ExitCode.error);
    expect(r.stdout).toContain('not a regular file');
    const linked = variant('linked', () => {});
    rmSync(path.join(linked, 'echo-wat.wasm'));
    symlinkSync('/dev/zero', path.join(linked, 'echo-wat.wasm'));
    const l = runWeft(['plugin', 'check', linked], { cwd: t.project, env: t.env });
    expect(l.code).toBe(ExitCode.error);
    expect(l.stdout).toContain('symbolic link');
  });

  it('lists a workspace plugin as untrusted until the workspace is trusted', () => {
    mkdirSync(path.join(t.project, '.clawft', 'plugins'), { recursive: true });
    cpSync(ECHO, path.join(t.project, '.clawft', 'plugins', ID), { recursive: true });
    expect(list()).toMatchObject([{ id: ID, scope: 'workspace', state: 'untrusted' }]);
    expect(run(['plugin', 'approve', ID, '--yes']).code).toBe(ExitCode.untrustedWorkspace);
    run(['trust']);
    expect(list()).toMatchObject([{ id: ID, scope: 'workspace', state: 'awaiting-approval' }]);
  });

  it('revokes and removes; refuses ids that are not ids', () => {
    run(['plugin', 'install', ECHO, '--yes']);
    expect(run(['plugin', 'revoke', ID]).code).toBe(0);
    expect(list()[0]!.state).toBe('awaiting-approval');
    for (const bad of ['../x', 'a/b', '..', 'nodots']) expect(run(['plugin', 'remove', bad]).code).toBe(ExitCode.error);
    expect(run(['plugin', 'remove', ID]).code).toBe(0);
    expect(list()).toEqual([]);
  });
});
