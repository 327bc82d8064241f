// Review findings, tested by attack: /proc of other processes, the workspace's
// own weft and git folders, and credential names the word rules missed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultResourceLimits, emptyPermissions } from '../../src/plugin/manifest/limits.js';
import { createMemoryAuditSink } from '../../src/sandbox/audit/index.js';
import { createHost, envDenial } from '../../src/sandbox/host/index.js';

const root = mkdtempSync(path.join(tmpdir(), 'weft-protect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function host(filesystem: Array<{ path: string; access: 'read' | 'write' }>, workspace: string | null, protect?: string[]) {
  const audit = createMemoryAuditSink();
  const h = createHost({
    pluginId: 'com.example.p', granted: { ...emptyPermissions(), filesystem }, limits: defaultResourceLimits(),
    workspace, home: path.join(root, 'home'), audit, ...(protect ? { protect } : {}),
  });
  return { h, audit };
}

describe('folders no grant opens', () => {
  it('refuses every process\'s /proc entries under a / grant', async () => {
    const { h } = host([{ path: '/', access: 'read' }], null);
    for (const p of ['/proc/1/environ', '/proc/1/cmdline', `/proc/${process.ppid}/environ`, '/proc/self/environ']) {
      const r = await h({ fn: 'read-file', path: p });
      expect(r.ok, p).toBe(false);
    }
  });

  it('refuses writes into the workspace\'s .clawft, .agents and .git although $WORKSPACE is granted', async () => {
    const ws = path.join(root, 'ws');
    for (const d of ['.clawft/plugins/x', '.agents/skills', '.git/hooks']) mkdirSync(path.join(ws, d), { recursive: true });
    const protect = [path.join(root, 'home', '.clawft'), ...['.clawft', '.agents', '.git'].map((d) => path.join(ws, d))];
    const { h } = host([{ path: '$WORKSPACE', access: 'write' }], ws, protect);
    for (const p of ['$WORKSPACE/.clawft/plugins/x/x.wasm', '$WORKSPACE/.agents/skills/evil.md', '$WORKSPACE/.git/hooks/pre-commit', '$WORKSPACE/.clawft/config.json']) {
      const r = await h({ fn: 'write-file', path: p, contents: new TextEncoder().encode('pwned') });
      expect(r.ok, p).toBe(false);
      expect(existsSync(path.join(ws, p.slice('$WORKSPACE/'.length)))).toBe(false);
    }
    writeFileSync(path.join(ws, 'ok.txt'), 'old');
    expect((await h({ fn: 'write-file', path: '$WORKSPACE/ok.txt', contents: new TextEncoder().encode('new') })).ok).toBe(true);
    expect(readFileSync(path.join(ws, 'ok.txt'), 'utf8')).toBe('new');
  });
});

describe('credential names', () => {
  it.each(['PGPASSWORD', 'GITHUB_PAT', 'CI_JOB_JWT', 'SENTRY_DSN', 'MY_TOKEN2', 'DATABASE_URL', 'MYSQL_PASSWD', 'STRIPE_APIKEY'])('%s is deny-listed', (name) => {
    expect(envDenial(name)).toBeDefined();
  });
  it.each(['LANG', 'ECHO_WAT_VAR', 'WEATHER_UNITS', 'TZ'])('%s is not', (name) => {
    expect(envDenial(name)).toBeUndefined();
  });
});

describe('audit targets', () => {
  it('redacts credentials carried in a URL path, keeps ordinary paths readable', async () => {
    const { redactUrl } = await import('../../src/sandbox/host/net-util.js');
    expect(redactUrl('https://api.telegram.org/bot123456:AAEhBOweik6ad9r_QXMENQjFKzZ1/getMe')).toBe('https://api.telegram.org/REDACTED/getMe');
    expect(redactUrl('https://hooks.example.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX1')).toBe('https://hooks.example.com/services/T000/B000/REDACTED');
    expect(redactUrl('https://api.example.com/v1/users/42/repositories?page=2&token=abc')).toBe('https://api.example.com/v1/users/42/repositories?page=2&token=REDACTED');
    expect(redactUrl('https://example.com/docs/getting-started-with-the-api')).toBe('https://example.com/docs/getting-started-with-the-api');
  });
});
