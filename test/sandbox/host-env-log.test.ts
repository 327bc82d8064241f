/**
 * get-env and log, tested by attack: deny-listed secrets read as unset and
 * never reach the audit file; log messages cannot drive the terminal,
 * break UTF-8 or flood.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultResourceLimits } from '../../src/plugin/manifest/limits.js';
import { createFileAuditSink, createMemoryAuditSink, type AuditSink } from '../../src/sandbox/audit/index.js';
import { capUtf8, createHost, envDenial, sanitizeLog, type HostContext, type LogLevel } from '../../src/sandbox/host/index.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';

useConnectionGuard();

const ENV = {
  WEATHER_CITY: 'Paris', OPENAI_API_KEY: 'sk-SECRETVALUE-1', GITHUB_TOKEN: 'ghp_SECRETVALUE-2', PATH: '/usr/bin:SECRETVALUE-3',
  UNLISTED: 'not granted', WEFT_MODEL: 'SECRETVALUE-4', DB_PASSWORD: 'SECRETVALUE-5',
};
const GRANTED = ['WEATHER_CITY', 'OPENAI_API_KEY', 'GITHUB_TOKEN', 'PATH', 'MISSING', 'WEFT_MODEL', 'DB_PASSWORD'];

function host(audit: AuditSink, over: Partial<HostContext> = {}) {
  return createHost({
    pluginId: 'env-test', granted: { network: [], filesystem: [], env_vars: GRANTED, shell: false }, limits: defaultResourceLimits(),
    workspace: null, home: '/nonexistent', audit, env: ENV, ...over,
  });
}

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'weft-env-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('get-env', () => {
  it('returns granted variables, null for unlisted, unset and deny-listed ones', async () => {
    const audit = createMemoryAuditSink();
    const h = host(audit);
    const get = async (name: string) => h({ fn: 'get-env', name });
    expect(await get('WEATHER_CITY')).toEqual({ ok: true, value: 'Paris' });
    expect(await get('UNLISTED')).toEqual({ ok: true, value: null });
    expect(await get('MISSING')).toEqual({ ok: true, value: null });
    for (const name of ['OPENAI_API_KEY', 'GITHUB_TOKEN', 'PATH', 'WEFT_MODEL', 'DB_PASSWORD']) expect(await get(name), name).toEqual({ ok: true, value: null });
    for (const name of ['A=B', '', '1ABC', 'PATH\0X', 'weather_city']) expect(await get(name), name).toEqual({ ok: true, value: null });
    const byName = Object.fromEntries(audit.entries.map((e) => [e.target, e]));
    expect(byName.WEATHER_CITY).toMatchObject({ allowed: true });
    expect(byName.UNLISTED).toMatchObject({ allowed: false, reason: expect.stringMatching(/not in the plugin's granted env_vars/) });
    expect(byName.MISSING).toMatchObject({ allowed: true, reason: 'unset' });
    expect(byName.OPENAI_API_KEY).toMatchObject({ allowed: false, reason: expect.stringMatching(/deny-list.*allowEnv/) });
    expect(byName.PATH!.reason).toMatch(/deny-list/);
    expect(audit.entries).toHaveLength(13);
  });

  it('passes a deny-listed variable only when the user lists it in allowEnv (and the grant has it)', async () => {
    const h = host(createMemoryAuditSink(), { allowEnv: ['OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY'], env: { ...ENV, AWS_SECRET_ACCESS_KEY: 'x' } });
    expect(await h({ fn: 'get-env', name: 'OPENAI_API_KEY' })).toEqual({ ok: true, value: ENV.OPENAI_API_KEY });
    expect(await h({ fn: 'get-env', name: 'GITHUB_TOKEN' })).toEqual({ ok: true, value: null });
    expect(await h({ fn: 'get-env', name: 'AWS_SECRET_ACCESS_KEY' })).toEqual({ ok: true, value: null }); // not granted
  });

  it('never writes a value to the audit file, allowed or denied', async () => {
    const sink = createFileAuditSink({ dir });
    const h = host(sink, { allowEnv: ['GITHUB_TOKEN'] });
    for (const name of [...GRANTED, 'UNLISTED']) await h({ fn: 'get-env', name });
    await sink.close();
    const text = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('');
    expect(text.trim().split('\n')).toHaveLength(GRANTED.length + 1);
    expect(text).toContain('OPENAI_API_KEY');
    for (const value of [...Object.values(ENV), 'SECRETVALUE', 'Paris']) expect(text).not.toContain(value);
  });

  it('deny-lists weft, loader, agent and credential variables by name, prefix and word', () => {
    const denied = ['PATH', 'HOME', 'USER', 'SHELL', 'PWD', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'NODE_OPTIONS',
      'SSH_AUTH_SOCK', 'CLAWFT_HOME', 'WEFT_ANYTHING', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENROUTER_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN',
      'AWS_ACCESS_KEY_ID', 'AWS_REGION', 'MY_SERVICE_TOKEN', 'DB_PASSWORD', 'STRIPE_SECRET', 'API_KEY_ID', 'WEATHER_API_KEY', 'HTTPS_PROXY',
      'path', 'npm_config__authToken', 'GOOGLE_APPLICATION_CREDENTIALS', 'SESSION_COOKIE', 'PRIVATE_KEY_PEM'];
    for (const name of denied) expect(envDenial(name), name).toBeDefined();
    for (const name of ['WEATHER_CITY', 'LANG', 'TZ', 'KEYBOARD_LAYOUT', 'MONKEY', 'TOKENIZER_MODEL', 'TERM', 'NO_COLOR']) expect(envDenial(name), name).toBeUndefined();
  });
});

describe('log', () => {
  function logHost(limit = 100, over: Partial<HostContext> = {}) {
    let now = 1_700_000_000_000;
    const seen: Array<[LogLevel, string]> = [];
    const audit = createMemoryAuditSink();
    const h = host(audit, {
      limits: { ...defaultResourceLimits(), max_log_messages_per_minute: limit }, now: () => now, onLog: (l, m) => seen.push([l, m]), ...over,
    });
    return { h, seen, audit, tick: (ms: number) => { now += ms; }, log: (message: string, level: LogLevel = 'info') => h({ fn: 'log', level, message }) };
  }

  it('delivers and audits messages with level and size, never the text', async () => {
    const { log, seen, audit } = logHost();
    expect(await log('hello\tworld\nline two', 'warn')).toEqual({ ok: true, value: null });
    expect(seen).toEqual([['warn', 'hello\tworld\nline two']]);
    expect(audit.entries).toEqual([expect.objectContaining({ fn: 'log', target: 'warn 20 bytes', allowed: true })]);
  });

  it('rate limits per window and reports the drops in one record', async () => {
    const { log, seen, audit, tick, h } = logHost(3);
    for (let i = 0; i < 10; i += 1) await log(`m${i}`);
    expect(seen.map(([, m]) => m)).toEqual(['m0', 'm1', 'm2']);
    expect(audit.entries.filter((e) => e.allowed)).toHaveLength(3);
    expect(audit.entries.filter((e) => !e.allowed)).toHaveLength(0);
    tick(60_000);
    await log('next window');
    expect(seen.at(-1)![1]).toBe('next window');
    expect(audit.entries.filter((e) => !e.allowed)).toEqual([expect.objectContaining({
      fn: 'log', target: 'rate limit', count: 7, reason: 'dropped 7 message(s) over the limit of 3 per minute',
    })]);
    for (let i = 0; i < 4; i += 1) await log('again');
    await h.flush();
    expect(audit.entries.filter((e) => !e.allowed).map((e) => e.count)).toEqual([7, 2]);
    await h.flush();
    expect(audit.entries.filter((e) => !e.allowed)).toHaveLength(2);
  });

  it('caps a 10 KB message at 4 KiB on a code point boundary', async () => {
    const { log, seen } = logHost();
    await log('x'.repeat(10_000));
    const [, capped] = seen[0]!;
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(4096);
    expect(capped.endsWith('…')).toBe(true);
    // A 4-byte emoji straddling the cut is dropped whole; one that fits stays whole.
    const straddle = capUtf8(`${'a'.repeat(4091)}😀${'b'.repeat(6000)}`);
    expect(straddle).toBe(`${'a'.repeat(4091)}…`);
    const fits = capUtf8(`${'a'.repeat(4089)}😀${'b'.repeat(6000)}`);
    expect(fits).toBe(`${'a'.repeat(4089)}😀…`);
    for (let pad = 4080; pad < 4100; pad += 1) {
      const out = capUtf8(`${'a'.repeat(pad)}${'😀'.repeat(20)}`);
      expect(Buffer.byteLength(out)).toBeLessThanOrEqual(4096);
      expect(Buffer.from(out).toString('utf8')).toBe(out);
      expect(out).not.toContain('\ufffd'); // with the round trip above: well-formed, nothing split
    }
    expect(capUtf8('short')).toBe('short');
    await log(`${'z'.repeat(200_000)}`);
    expect(Buffer.byteLength(seen[1]![1])).toBeLessThanOrEqual(4096);
  });

  it('strips escape sequences and control characters so a plugin cannot drive the terminal', async () => {
    const { log, seen } = logHost();
    const attack = '\x1b[31mred\x1b[0m \x1b]0;pwned title\x07\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x1b[H'
      + '\x9b31mcsi8 \rover\x08\x07bell \x1bPdcs\x1b\\ \u202eevil\u202c \x00nul \x7fdel \ud800lone';
    await log(attack, 'error');
    const out = seen[0]![1];
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('red');
    expect(out).toContain('link');
    expect(out).not.toContain('pwned title');
    expect(out).toContain('\ufffd');
    expect(sanitizeLog('tabs\tand\nnewlines stay')).toBe('tabs\tand\nnewlines stay');
  });

  it('drops unknown levels and survives a throwing log consumer', async () => {
    const { h, seen, audit } = logHost();
    expect(await h({ fn: 'log', level: 'fatal' as LogLevel, message: 'x' })).toEqual({ ok: true, value: null });
    expect(seen).toEqual([]);
    expect(audit.entries[0]).toMatchObject({ allowed: false, reason: expect.stringMatching(/not a log level/) });
    const throwing = logHost(100, { onLog: () => { throw new Error('consumer broke'); } });
    expect(await throwing.log('x')).toEqual({ ok: true, value: null });
  });
});
