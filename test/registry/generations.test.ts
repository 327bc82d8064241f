import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTool } from '../../src/registry/index.js';
import { ECHO, Fixture, skillMd } from './helpers.js';
import { mkdirSync } from 'node:fs';

// Generations, leases and plugin instances (explicit reloads, no watcher).
let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function bumpVersion(dir: string, version: string): void {
  const file = path.join(dir, 'clawft.plugin.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }));
}

function skill(name: string, description: string): void {
  mkdirSync(path.join(f.managedSkills, name), { recursive: true });
  writeFileSync(path.join(f.managedSkills, name, 'SKILL.md'), skillMd(name, description));
}

describe('generations and leases', () => {
  it('a call holding a lease keeps its generation; the old instance is disposed when the last lease is released', async () => {
    const dir = f.copyPlugin('echo-wat');
    await f.approve(dir);
    const registry = await f.start({ watch: false });
    const lease = registry.acquire();
    const first = await callTool(lease, `${ECHO}/echo`, { a: 1 });
    expect(first).toMatchObject({ ok: true, content: '{"a":1}', generation: 1 });
    const instance = await lease.instance(ECHO);
    expect(instance.workerThreadId).toBeDefined();

    bumpVersion(dir, '0.2.0'); // same permissions: the approval carries forward
    const next = await registry.reload();
    expect(next.id).toBe(2);
    expect(next.plugins[0]!.state).toBe('approved');
    expect(lease.snapshot.id).toBe(1);
    expect(lease.snapshot.plugins[0]!.manifest!.version).toBe('0.1.0');
    const again = await callTool(lease, `${ECHO}/echo`, { b: 2 });
    expect(again).toMatchObject({ ok: true, generation: 1, version: first.version });
    expect(registry.stats).toMatchObject({ instancesCreated: 1, instancesDisposed: 0, draining: 1 });

    const fresh = await registry.withLease((l) => callTool(l, `${ECHO}/echo`, {}));
    expect(fresh.generation).toBe(2);
    expect(fresh.version).not.toBe(first.version);
    expect(registry.stats.instancesCreated).toBe(2);

    await lease.release();
    expect(registry.stats).toMatchObject({ instancesDisposed: 1, draining: 0 });
    expect(instance.workerThreadId).toBeUndefined();
    await lease.release(); // a second release is ignored
    expect(registry.stats.instancesDisposed).toBe(1);
  });

  it('an unchanged plugin keeps its instance across generations (carried forward)', async () => {
    await f.approve(f.copyPlugin('echo-wat'));
    const registry = await f.start({ watch: false });
    await registry.withLease((l) => callTool(l, `${ECHO}/echo`, {}));
    skill('other', 'Unrelated.');
    expect((await registry.reload()).id).toBe(2);
    const r = await registry.withLease((l) => callTool(l, `${ECHO}/echo`, { x: 1 }));
    expect(r).toMatchObject({ ok: true, generation: 2 });
    expect(registry.stats).toMatchObject({ instancesCreated: 1, instancesDisposed: 0 });
  });

  it('at most 3 generations drain; a further reload waits until one retires', async () => {
    const registry = await f.start({ watch: false });
    const leases = [registry.acquire()];
    for (let i = 1; i <= 3; i++) {
      skill(`s${i}`, `Skill ${i}.`);
      expect((await registry.reload()).id).toBe(i + 1);
      leases.push(registry.acquire());
    }
    expect(registry.stats.draining).toBe(3);
    skill('s4', 'Skill 4.');
    let done = false;
    const pending = registry.reload().then((s) => { done = true; return s; });
    const also = registry.reload(); // coalesces with the pending one
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    expect(registry.current().id).toBe(4);
    await leases[0]!.release();
    const s = await pending;
    expect(s.id).toBe(5);
    expect((await also).id).toBe(5);
    expect(registry.stats.rebuilds).toBe(5);
  });

  it('a reload with nothing new publishes no generation and no event', async () => {
    skill('a', 'A.');
    const registry = await f.start({ watch: false });
    const before = f.events.length;
    expect((await registry.reload()).id).toBe(1);
    expect(f.events.length).toBe(before);
  });

  it('calls refuse what is not ready, naming the command, and check arguments against the schema', async () => {
    const dir = f.copyPlugin('echo-wat');
    const registry = await f.start({ watch: false });
    const refused = await registry.withLease((l) => callTool(l, `${ECHO}/compute`, { n: 1 }));
    expect(refused).toMatchObject({ ok: false, kind: 'approval-required' });
    expect(refused.ok ? '' : refused.error).toContain(`weft plugin approve ${ECHO}`);
    await f.approve(dir);
    await registry.reload();
    const bad = await registry.withLease((l) => callTool(l, `${ECHO}/compute`, { n: 'x' }));
    expect(bad).toMatchObject({ ok: false, kind: 'invalid-arguments' });
    skill('plain', 'Plain.');
    await registry.reload();
    const text = await registry.withLease((l) => callTool(l, 'plain', { arguments: 'hi' }));
    expect(text).toMatchObject({ ok: true, content: expect.stringContaining('Instructions of plain.') });
  });

  it('a revoked plugin is refused at the next call, before any reload', async () => {
    const dir = f.copyPlugin('echo-wat');
    await f.approve(dir);
    const registry = await f.start({ watch: false });
    expect(await registry.call(`${ECHO}/echo`, { a: 1 })).toMatchObject({ ok: true });
    await f.approvals.revokePlugin(ECHO); // `weft plugin revoke` in another terminal; no reload yet
    const refused = await registry.call(`${ECHO}/echo`, { a: 1 });
    expect(refused).toMatchObject({ ok: false, kind: 'approval-required', generation: 1 });
    expect(!refused.ok && refused.error).toContain(`weft plugin approve ${ECHO}`);
  });

  it('a stopped registry runs nothing more and leaves no worker behind', async () => {
    const dir = f.copyPlugin('echo-wat');
    await f.approve(dir);
    const registry = await f.start({ watch: false });
    const lease = registry.acquire();
    await registry.stop();
    expect(await registry.call(`${ECHO}/echo`, {})).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(() => registry.acquire()).toThrow(/stopped/);
    expect(await callTool(lease, `${ECHO}/echo`, {})).toMatchObject({ ok: false, error: expect.stringContaining('stopped') });
    expect(registry.stats.instancesCreated).toBe(0);
  });

  it('the config\'s plugin size limits apply when an instance is made, not only when the plugin is listed', async () => {
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ sandbox: { maxPluginBytes: 2_000_000, maxPluginGzipBytes: 2_000_000 } }));
    const dir = f.copyPlugin('echo-wat');
    const wasm = path.join(dir, 'echo-wat.wasm');
    // A custom section of 400 kB (incompressible) makes the component larger than the default 300 KB limit.
    const leb = (n: number): Buffer => { const out: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
    const name = Buffer.from('pad');
    const payload = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 2654435761) >>> 24));
    const body = Buffer.concat([leb(name.length), name, payload]);
    writeFileSync(wasm, Buffer.concat([readFileSync(wasm), Buffer.from([0]), leb(body.length), body]));
    const { readPlugin } = await import('../../src/sandbox/catalogue/index.js');
    const record = await readPlugin(dir, 'managed', { maxBytes: 2_000_000, maxGzipBytes: 2_000_000 });
    await f.approvals.approvePlugin(ECHO, { contentHash: record.contentHash!, version: record.manifest!.version, permissions: record.manifest!.permissions, tools: record.manifest!.tools });
    const registry = await f.start({ watch: false });
    expect(registry.current().tools.find((t) => t.id === `${ECHO}/echo`)?.state).toBe('ready');
    expect(await registry.call(`${ECHO}/echo`, { big: true })).toMatchObject({ ok: true, content: '{"big":true}' });
  });

  it('a native skill edited and re-approved after the build does not run the build\'s old argv', async () => {
    const dir = path.join(f.managedSkills, 'ver');
    const write = (word: string) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'SKILL.md'), skillMd('ver', 'Prints a word.', 'Body.', `metadata: {"weft": {"tool": {"input": {"type": "object"}, "run": ["printf", "${word}"]}}}`));
    };
    write('version-A');
    await f.approvals.approveSkill(dir);
    const registry = await f.start({ watch: false });
    expect(await registry.call('ver', {})).toMatchObject({ ok: true, content: 'version-A' });
    write('version-B');
    await f.approvals.approveSkill(dir); // the user approves the fix before weft has reloaded
    const stale = await registry.call('ver', {});
    expect(stale).toMatchObject({ ok: false });
    expect(!stale.ok && stale.error).toContain('changed after it was loaded');
    await registry.reload();
    expect(await registry.call('ver', {})).toMatchObject({ ok: true, content: 'version-B' });
  });
});
