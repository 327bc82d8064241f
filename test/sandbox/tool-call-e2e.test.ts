import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import type { AuditRecord } from '../../src/sandbox/audit/index.js';
import { repoRoot, runJson, runWeft, runWeftAsync } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

// Issue 4 acceptance, end to end through `weft tool call`: the real echo-wat
// component, a real worker, the real host functions, a real server on 127.0.0.1.
const ID = 'dev.weft.test.echo-wat';
let t: TempHome;
let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  t = makeTempHome();
  server = createServer((req, res) => { hits += 1; res.setHeader('x-test', 'yes'); res.end(`hello from ${req.url}`); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  mkdirSync(t.clawftHome, { recursive: true });
  writeFileSync(path.join(t.clawftHome, 'config.json'), JSON.stringify({ sandbox: { plugins: { [ID]: { allowAddresses: [`127.0.0.1:${port}`] } } } }));
  mkdirSync(path.join(t.project, '.clawft'));
  expect(runWeft(['trust'], { cwd: t.project, env: t.env }).code).toBe(0);
  expect(runWeft(['plugin', 'install', path.join(repoRoot, 'plugins', 'echo-wat'), '--yes'], { cwd: t.project, env: t.env }).code).toBe(0);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  t.cleanup();
});

type CallJson = { ok: boolean; data: { content: string }; error?: { message: string } };
async function call(tool: string, args: object, env: NodeJS.ProcessEnv = t.env): Promise<{ code: number | null; json: CallJson }> {
  const r = await runWeftAsync(['tool', 'call', `${ID}/${tool}`, '--args', JSON.stringify(args), '--json'], { cwd: t.project, env });
  return { code: r.code, json: JSON.parse(r.stdout) as CallJson };
}
const audit = () => runJson<{ data: AuditRecord[] }>(['plugin', 'audit', ID], { cwd: t.project, env: t.env }).json.data;

describe('weft tool call, end to end', () => {
  it('reads an allowed file, writes one, fetches through the exception, reads an allowed variable, logs; each audited', async () => {
    writeFileSync(path.join(t.project, 'in.txt'), 'input ✓');
    expect((await call('read_file', { path: '$WORKSPACE/in.txt' })).json.data.content).toBe('input ✓');
    expect((await call('write_file', { path: '$WORKSPACE/out.txt', contents: 'written ✓' })).code).toBe(0);
    expect(readFileSync(path.join(t.project, 'out.txt'), 'utf8')).toBe('written ✓');
    const fetched = await call('http_request', { url: `http://127.0.0.1:${port}/ping` });
    expect(fetched.code).toBe(0);
    expect(fetched.json.data.content).toContain('hello from /ping');
    expect(hits).toBe(1);
    expect((await call('get_env', { name: 'ECHO_WAT_VAR' }, { ...t.env, ECHO_WAT_VAR: 'secret-free value' })).json.data.content).toBe('secret-free value');
    expect((await call('log', { level: 'info', message: 'hello log' })).code).toBe(0);
    const records = audit();
    const allowed = (fn: string) => records.filter((r) => r.fn === fn && r.allowed);
    expect(allowed('read-file').map((r) => r.target)).toEqual(['$WORKSPACE/in.txt']);
    expect(allowed('write-file').map((r) => r.target)).toEqual(['$WORKSPACE/out.txt']);
    expect(allowed('http-request')[0]!.target).toContain(`127.0.0.1:${port}/ping`);
    expect(allowed('get-env').map((r) => r.target)).toEqual(['ECHO_WAT_VAR']);
    expect(allowed('log')).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain('secret-free value');
  });

  it('refuses what was not granted with exit 4, no side effect and an audit record', async () => {
    const before = hits;
    const outside = await call('read_file', { path: '/etc/hostname' });
    expect(outside.code).toBe(ExitCode.toolFailed);
    expect(outside.json.error?.message).toContain('outside');
    const localhost = await call('http_request', { url: `http://localhost:${port}/x` });
    expect(localhost.code).toBe(ExitCode.toolFailed);
    expect(hits).toBe(before);
    const intoWeft = await call('write_file', { path: '$WORKSPACE/.clawft/plugins/evil.wasm', contents: 'x' });
    expect(intoWeft.code).toBe(ExitCode.toolFailed);
    expect(existsSync(path.join(t.project, '.clawft', 'plugins', 'evil.wasm'))).toBe(false);
    const denied = audit().filter((r) => !r.allowed);
    expect(denied.map((r) => r.fn).sort()).toEqual(['http-request', 'read-file', 'write-file']);
  });

  it('plugin log lines reach stderr, marked with the plugin id', async () => {
    const r = await runWeftAsync(['tool', 'call', `${ID}/log`, '--args', JSON.stringify({ level: 'warn', message: 'careful \u001b[2J now' })], { cwd: t.project, env: t.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`[${ID} warn] careful`);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('an unapproved plugin is never run: exit 3', () => {
    expect(runWeft(['plugin', 'revoke', ID], { cwd: t.project, env: t.env }).code).toBe(0);
    const r = runWeft(['tool', 'call', `${ID}/echo`, '--args', '{}'], { cwd: t.project, env: t.env });
    expect(r.code).toBe(ExitCode.approvalRequired);
    expect(runWeft(['plugin', 'approve', ID, '--yes'], { cwd: t.project, env: t.env }).code).toBe(0);
  });

  it('fuel runs out as a typed error with exit 4, and bad arguments are refused before anything runs', () => {
    const r = runWeft(['tool', 'call', `${ID}/compute`, '--args', '{"n": 1000000000}'], { cwd: t.project, env: t.env });
    expect(r.code).toBe(ExitCode.toolFailed);
    expect(r.stderr).toContain('resource exhausted: fuel');
    const bad = runWeft(['tool', 'call', `${ID}/compute`, '--args', '{"n": "many"}'], { cwd: t.project, env: t.env });
    expect(bad.code).toBe(ExitCode.error);
    expect(bad.stderr).toContain('/n must be integer');
    expect(runWeft(['tool', 'call', `${ID}/nope`], { cwd: t.project, env: t.env }).code).toBe(ExitCode.error);
  });
});
