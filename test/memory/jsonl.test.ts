// The memory backend on real files: namespaces, TTL, search, persistence across
// instances (as across processes), compaction that loses nothing, unreadable lines kept.
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlMemory, namespaceFile } from '../../src/memory/index.js';

let dir = '';
let clock = Date.parse('2026-11-25T12:00:00Z');
const now = () => new Date(clock);
beforeEach(() => { dir = path.join(mkdtempSync(path.join(tmpdir(), 'weft-memory-')), 'memory'); clock = Date.parse('2026-11-25T12:00:00Z'); });
afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('JsonlMemory', () => {
  it('stores, retrieves, overwrites and deletes per namespace; lists namespaces with live entries', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store('sessions', 's1', { turns: 1 });
    await m.store('sessions', 's1', { turns: 2 });
    await m.store('notes/work', 'todo', 'ship it');
    expect((await m.retrieve('sessions', 's1'))?.value).toEqual({ turns: 2 });
    expect(await m.retrieve('sessions', 'nope')).toBeUndefined();
    expect(await m.namespaces()).toEqual(['notes/work', 'sessions']);
    expect(await m.delete('sessions', 's1')).toBe(true);
    expect(await m.delete('sessions', 's1')).toBe(false);
    expect(await m.retrieve('sessions', 's1')).toBeUndefined();
    expect(await m.namespaces()).toEqual(['notes/work']);
    expect(readdirSync(dir).sort()).toEqual(['notes%2fwork.jsonl', 'sessions.jsonl']);
  });

  it('expires entries after their time to live', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store('cache', 'k', 'v', { ttlMs: 1000 });
    expect((await m.retrieve('cache', 'k'))?.expiresAt).toBe('2026-11-25T12:00:01.000Z');
    clock += 999;
    expect((await m.retrieve('cache', 'k'))?.value).toBe('v');
    clock += 2;
    expect(await m.retrieve('cache', 'k')).toBeUndefined();
    expect(await m.search('cache', 'v')).toEqual([]);
    expect(await m.namespaces()).toEqual([]);
  });

  it('search: every word must match key or value, any case; newest first; limited', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store('j', 'a', { tool: 'git-summary', ok: true });
    clock += 1000;
    await m.store('j', 'b', { tool: 'Git-Summary', ok: false, note: 'failed' });
    clock += 1000;
    await m.store('j', 'c', { tool: 'deploy' });
    expect((await m.search('j', 'git summary')).map((e) => e.key)).toEqual(['b', 'a']);
    expect((await m.search('j', 'git failed')).map((e) => e.key)).toEqual(['b']);
    expect((await m.search('j', 'git', 1)).map((e) => e.key)).toEqual(['b']);
  });

  it('another instance (another process) sees what was written, and compaction keeps every live entry', async () => {
    const a = new JsonlMemory({ dir, now });
    const b = new JsonlMemory({ dir, now });
    for (let i = 0; i < 100; i++) await a.store('n', 'same', i); // 100 lines, 1 live entry: compacts
    await b.store('n', 'other', 'from b');
    for (let i = 0; i < 80; i++) await a.store('n', `k${i % 5}`, i);
    const file = path.join(dir, namespaceFile('n'));
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).length).toBeLessThan(100);
    const fresh = new JsonlMemory({ dir, now });
    expect((await fresh.retrieve('n', 'same'))?.value).toBe(99);
    expect((await fresh.retrieve('n', 'other'))?.value).toBe('from b');
    expect((await b.retrieve('n', 'k4'))?.value).toBe(79);
    expect((await a.retrieve('n', 'other'))?.value).toBe('from b');
  });

  it('an unreadable line is skipped, and the log is then never rewritten (nothing is lost)', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store('n', 'x', 1);
    const file = path.join(dir, namespaceFile('n'));
    appendFileSync(file, '{not json\n');
    for (let i = 0; i < 100; i++) await m.store('n', 'x', i);
    expect(readFileSync(file, 'utf8')).toContain('{not json');
    expect((await m.retrieve('n', 'x'))?.value).toBe(99);
  });

  it('namespace names cannot escape the memory folder', () => {
    expect(namespaceFile('../../etc/passwd')).toBe('%2e.%2f..%2fetc%2fpasswd.jsonl');
    expect(namespaceFile('.hidden')).toBe('%2ehidden.jsonl');
    expect(() => namespaceFile('')).toThrow(/empty/);
  });

  it('four processes writing one namespace at once, with compactions happening: every key is there', async () => {
    const { spawn } = await import('node:child_process');
    const { repoRoot } = await import('../helpers/run-weft.js');
    const script = `const { JsonlMemory } = await import(${JSON.stringify(path.join(repoRoot, 'dist/memory/index.js'))});
      const m = new JsonlMemory({ dir: process.argv[1] });
      for (let i = 0; i < 60; i++) { await m.store('shared', 'hot', i); await m.store('shared', process.argv[2] + '-' + (i % 15), i); }`;
    const runs = ['p0', 'p1', 'p2', 'p3'].map((tag) => new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['--input-type=module', '-e', script, dir, tag], { stdio: 'ignore' }).on('exit', resolve);
    }));
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);
    const m = new JsonlMemory({ dir });
    for (const tag of ['p0', 'p1', 'p2', 'p3']) for (let k = 0; k < 15; k++) expect((await m.retrieve('shared', `${tag}-${k}`))?.value, `${tag}-${k}`).toBe(45 + k);
  }, 30_000);

  it('a large value stored again and again (a growing session) keeps the log within about twice what it holds', async () => {
    const m = new JsonlMemory({ dir });
    let messages: string[] = [];
    let largest = 0;
    for (let turn = 0; turn < 40; turn++) {
      messages = [...messages, 'y'.repeat(50_000)]; // 40 turns of 50 kB: 2 MB live at the end, ~41 MB written
      await m.store('sessions', 'long', { messages });
      largest = Math.max(largest, statSync(path.join(dir, namespaceFile('sessions'))).size);
    }
    const live = JSON.stringify({ messages }).length;
    expect(statSync(path.join(dir, namespaceFile('sessions'))).size).toBeLessThan(live * 2 + 1024 * 1024);
    expect(largest).toBeLessThan(live * 3); // never the quadratic pile-up of every version
    expect(((await m.retrieve('sessions', 'long'))?.value as { messages: string[] }).messages).toHaveLength(40);
  });

  it('a log replaced under the same inode (a freed inode reused by a later compaction) is read again from the start', async () => {
    const a = new JsonlMemory({ dir });
    await a.store('n', 'old', 'first version');
    expect((await a.retrieve('n', 'old'))?.value).toBe('first version');
    const file = path.join(dir, namespaceFile('n'));
    const ino = statSync(file).ino;
    // what another process's compactions could leave at the same inode: other lines, longer than before
    const replaced = [
      JSON.stringify({ op: 'compacted', id: 'b7e3', at: '2026-11-25T12:00:00Z' }),
      JSON.stringify({ op: 'put', key: 'new', value: 'x'.repeat(200), createdAt: '2026-11-25T12:00:00Z' }),
    ].join('\n');
    writeFileSync(file, `${replaced}\n`); // in place: same inode
    expect(statSync(file).ino).toBe(ino);
    expect(await a.retrieve('n', 'old')).toBeUndefined();
    expect((await a.retrieve('n', 'new'))?.value).toBe('x'.repeat(200));
  });
});
