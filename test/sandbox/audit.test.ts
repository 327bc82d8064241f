/**
 * The audit log: one record per host call with its fields, repeated
 * denials folded with a count, one file per UTC day from the injected
 * clock, old days deleted, never an environment value.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultResourceLimits } from '../../src/plugin/manifest/limits.js';
import { auditDir, createFileAuditSink, readAudit, readAuditDetailed, type AuditEntry } from '../../src/sandbox/audit/index.js';
import { createHost } from '../../src/sandbox/host/index.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';

useConnectionGuard();

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-10T12:00:00Z');
let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'weft-audit-'));
  dir = auditDir(path.join(root, '.clawft'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(path.join(dir, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const denial = (over: Partial<AuditEntry> = {}): AuditEntry => ({ plugin: 'p', fn: 'read-file', target: '/etc/passwd', allowed: false, reason: 'outside', durationMs: 1, ...over });

describe('records from host calls', () => {
  it('writes one record per call with plugin, function, target, allowed, reason and duration', async () => {
    let now = T0;
    const sink = createFileAuditSink({ dir, now: () => now });
    const host = createHost({
      pluginId: 'weather', granted: { network: [], filesystem: [], env_vars: ['CITY', 'API_TOKEN'], shell: false }, limits: defaultResourceLimits(),
      workspace: null, home: root, audit: sink, env: { CITY: 'Lyon', API_TOKEN: 'tok-VALUE' }, now: () => now,
    });
    await host({ fn: 'get-env', name: 'CITY' });
    now += 1000;
    await host({ fn: 'get-env', name: 'API_TOKEN' });
    now += 1000;
    await host({ fn: 'read-file', path: '/etc/passwd' });
    now += 1000;
    await host({ fn: 'log', level: 'info', message: 'hi' });
    now += 1000;
    await host({ fn: 'http-request', method: 'GET', url: 'http://example.com/x?token=abc', headers: [['Authorization', 'Bearer HEADERVALUE']], body: new TextEncoder().encode('BODYVALUE') });
    await sink.close();
    const records = await readAudit(dir, 'weather');
    expect(records.map((r) => [r.fn, r.target, r.allowed])).toEqual([
      ['get-env', 'CITY', true], ['get-env', 'API_TOKEN', false], ['read-file', '/etc/passwd', false], ['log', 'info 2 bytes', true],
      ['http-request', 'http://example.com/x?token=REDACTED', false],
    ]);
    for (const r of records) {
      expect(r).toMatchObject({ plugin: 'weather', count: 1, duration_ms: expect.any(Number) });
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['ts', 'plugin', 'fn', 'target', 'allowed', 'duration_ms', 'count']));
    }
    expect(records[0]!.ts).toBe('2026-03-10T12:00:00.000Z');
    expect(records[1]!.reason).toMatch(/deny-list/);
    const text = readFileSync(path.join(dir, '2026-03-10.jsonl'), 'utf8');
    for (const secret of ['Lyon', 'tok-VALUE', 'HEADERVALUE', 'BODYVALUE', 'abc']) expect(text).not.toContain(secret);
    expect(statSync(path.join(dir, '2026-03-10.jsonl')).mode & 0o777).toBe(0o600);
  });
});

describe('folding of repeated denials', () => {
  it('folds identical denials within the window into one record with a count', async () => {
    let now = T0;
    const sink = createFileAuditSink({ dir, now: () => now, foldMs: 10_000 });
    for (let i = 0; i < 50; i += 1) { sink.record(denial()); now += 100; }
    sink.record(denial({ target: '/etc/shadow' }));
    sink.record(denial({ reason: 'other reason' }));
    sink.record(denial({ plugin: 'q' }));
    sink.record({ ...denial(), allowed: true, reason: undefined });
    sink.record({ ...denial(), allowed: true, reason: undefined });
    await sink.flush();
    const records = lines('2026-03-10.jsonl');
    expect(records.filter((r) => r.allowed)).toHaveLength(2);
    const folded = records.find((r) => !r.allowed && r.target === '/etc/passwd' && r.reason === 'outside' && r.plugin === 'p')!;
    expect(folded).toMatchObject({ count: 50, ts: new Date(T0).toISOString(), last_ts: new Date(T0 + 4900).toISOString(), duration_ms: 50 });
    expect(records.filter((r) => !r.allowed)).toHaveLength(4);
    expect(records.filter((r) => !r.allowed).map((r) => r.count).sort((x, y) => Number(x) - Number(y))).toEqual([1, 1, 1, 50]);
    await sink.close();
  });

  it('starts a new record when the window has passed, and writes the old one then', async () => {
    let now = T0;
    const sink = createFileAuditSink({ dir, now: () => now, foldMs: 10_000 });
    sink.record(denial());
    sink.record(denial());
    now += 10_000;
    sink.record(denial());
    await new Promise((r) => setTimeout(r, 20));
    expect(lines('2026-03-10.jsonl').map((r) => r.count)).toEqual([2]);
    await sink.close();
    expect(lines('2026-03-10.jsonl').map((r) => r.count)).toEqual([2, 1]);
  });

  it('writes held denials on its own timer when the plugin goes quiet', async () => {
    const sink = createFileAuditSink({ dir, foldMs: 40 });
    sink.record(denial());
    sink.record(denial());
    await new Promise((r) => setTimeout(r, 200));
    const day = readdirSync(dir)[0]!;
    expect(lines(day).map((r) => r.count)).toEqual([2]);
    await sink.close();
  });
});

describe('files', () => {
  it('rotates by UTC day from the injected clock and deletes days older than keepDays', async () => {
    mkdirSync(dir, { recursive: true });
    for (const old of ['2026-02-01.jsonl', '2026-03-05.jsonl', '2026-03-07.jsonl']) writeFileSync(path.join(dir, old), '');
    writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    let now = Date.parse('2026-03-09T23:59:59Z');
    const sink = createFileAuditSink({ dir, now: () => now, keepDays: 3 });
    sink.record({ ...denial(), allowed: true });
    now += 2000;
    sink.record({ ...denial(), allowed: true });
    await sink.flush();
    // keepDays 3 on 03-10: 03-08 … 03-10 stay; non-audit files are never touched.
    expect(readdirSync(dir).sort()).toEqual(['2026-03-09.jsonl', '2026-03-10.jsonl', 'notes.txt']);
    now += 2 * DAY;
    sink.record({ ...denial(), allowed: true });
    await sink.close();
    expect(readdirSync(dir).sort()).toEqual(['2026-03-10.jsonl', '2026-03-12.jsonl', 'notes.txt']);
  });

  it('appends from two writers without losing lines (O_APPEND)', async () => {
    const one = createFileAuditSink({ dir, now: () => T0 });
    const two = createFileAuditSink({ dir, now: () => T0 });
    for (let i = 0; i < 200; i += 1) {
      one.record({ ...denial({ target: `one-${i}` }), allowed: true });
      two.record({ ...denial({ target: `two-${i}` }), allowed: true });
    }
    await Promise.all([one.close(), two.close()]);
    const targets = lines('2026-03-10.jsonl').map((r) => r.target);
    expect(targets).toHaveLength(400);
    expect(new Set(targets).size).toBe(400);
  });

  it('refuses to follow a symlink planted at the day file, and never throws', async () => {
    mkdirSync(dir, { recursive: true });
    const victim = path.join(root, 'victim.txt');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, path.join(dir, '2026-03-10.jsonl'));
    const errors: unknown[] = [];
    const sink = createFileAuditSink({ dir, now: () => T0, onError: (e) => errors.push(e) });
    expect(() => sink.record({ ...denial(), allowed: true })).not.toThrow();
    await sink.close();
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('readAudit', () => {
  it('filters by plugin and since, skips torn lines, and tolerates a missing folder', async () => {
    expect(await readAudit(path.join(root, 'none'), 'p')).toEqual([]);
    let now = T0;
    const sink = createFileAuditSink({ dir, now: () => now });
    sink.record({ ...denial({ target: 'day1' }), allowed: true });
    sink.record({ ...denial({ plugin: 'other' }), allowed: true });
    now += DAY;
    sink.record({ ...denial({ target: 'day2' }), allowed: true });
    await sink.close();
    writeFileSync(path.join(dir, '2026-03-11.jsonl'), '{"torn": \nnot json\n', { flag: 'a' });
    expect((await readAudit(dir, 'p')).map((r) => r.target)).toEqual(['day1', 'day2']);
    expect((await readAudit(dir, 'p', { since: T0 + 1 })).map((r) => r.target)).toEqual(['day2']);
    expect((await readAudit(dir, 'p', { since: new Date(T0 + 2 * DAY) }))).toEqual([]);
    expect((await readAuditDetailed(dir, 'p')).skipped).toBe(2);
    expect(existsSync(path.join(dir, '2026-03-11.jsonl'))).toBe(true);
  });
});
