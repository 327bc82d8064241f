// Conversations kept in the real JSON-lines memory: save/load, listing per
// directory, lookup by id or prefix, expiry, and the memory details they rely on
// that test/memory/jsonl.test.ts does not cover.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlMemory, newSessionId, SESSION_TTL_MS, SESSIONS_NAMESPACE, SessionStore, type StoredSession } from '../../src/memory/index.js';

let root = '';
let dir = '';
let clock = 0;
const now = () => new Date(clock);
const START = Date.parse('2026-11-25T12:00:00.000Z');
beforeEach(() => { root = mkdtempSync(path.join(tmpdir(), 'weft-sessions-')); dir = path.join(root, 'memory'); clock = START; });
afterEach(() => rmSync(root, { recursive: true, force: true }));

type Msg = { role: string; content: string };

function session(id: string, cwd = '/work/a', title = `title of ${id}`, messages: Msg[] = [{ role: 'user', content: `hi from ${id}` }]): StoredSession<Msg> {
  const at = new Date(clock).toISOString();
  return { id, cwd, createdAt: at, updatedAt: at, title, messages };
}

/** A store and memory sharing one clock; each save one second after the last. */
function open(): { store: SessionStore<Msg>; memory: JsonlMemory; save: (s: StoredSession<Msg>) => Promise<void> } {
  const memory = new JsonlMemory({ dir, now });
  const store = new SessionStore<Msg>(memory, now);
  return { store, memory, save: async (s) => { clock += 1000; await store.save(s); } };
}

describe('SessionStore', () => {
  it('saves and loads a session whole; another store over the same folder sees it', async () => {
    const { store, save } = open();
    const s = session('20261125-aaaaaa', '/work/a', 'first', [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }]);
    await save(s);
    const loaded = await store.load(s.id);
    expect(loaded).toEqual({ ...s, updatedAt: new Date(clock).toISOString() });
    expect(await new SessionStore<Msg>(new JsonlMemory({ dir, now }), now).load(s.id)).toEqual(loaded);
    expect(await store.load('20261125-bbbbbb')).toBeUndefined();
    expect(readdirSync(dir)).toEqual([`${SESSIONS_NAMESPACE}.jsonl`]);
  });

  it('saving again replaces the session and moves updatedAt; createdAt stays', async () => {
    const { store, save } = open();
    const s = session('20261125-aaaaaa');
    await save(s);
    const first = (await store.load(s.id))!.updatedAt;
    await save({ ...s, messages: [...s.messages, { role: 'assistant', content: 'more' }] });
    const again = (await store.load(s.id))!;
    expect(again.messages).toHaveLength(2);
    expect(again.createdAt).toBe(s.createdAt);
    expect(Date.parse(again.updatedAt)).toBeGreaterThan(Date.parse(first));
    expect(await store.list()).toHaveLength(1);
  });

  it('lists newest first (by last save), filtered by cwd, limited, as summaries', async () => {
    const { store, save } = open();
    await save(session('20261125-000001', '/work/a'));
    await save(session('20261125-000002', '/work/b'));
    await save(session('20261125-000003', '/work/a', 'three', []));
    await save(session('20261125-000001', '/work/a')); // touched again: now the newest
    expect((await store.list()).map((s) => s.id)).toEqual(['20261125-000001', '20261125-000003', '20261125-000002']);
    expect((await store.list('/work/a')).map((s) => s.id)).toEqual(['20261125-000001', '20261125-000003']);
    expect((await store.list('/work/b')).map((s) => s.id)).toEqual(['20261125-000002']);
    expect(await store.list('/work/none')).toEqual([]);
    expect((await store.list(undefined, 2)).map((s) => s.id)).toEqual(['20261125-000001', '20261125-000003']);
    expect((await store.list('/work/a', 1)).map((s) => s.id)).toEqual(['20261125-000001']);
    expect((await store.list('/work/a'))[1]).toEqual({ id: '20261125-000003', cwd: '/work/a', title: 'three', updatedAt: new Date(START + 3000).toISOString(), messages: 0 });
  });

  it('lists more than the memory search default of 20', async () => {
    const { store, save } = open();
    for (let i = 0; i < 25; i++) await save(session(`20261125-${String(i).padStart(6, '0')}`));
    expect(await store.list(undefined, 100)).toHaveLength(25);
    expect(await store.list()).toHaveLength(20);
  });

  it('finds by exact id or unique prefix; an ambiguous prefix gives candidates and no session; unknown gives none', async () => {
    const { store, save } = open();
    await save(session('20261125-abc111'));
    await save(session('20261125-abc222'));
    await save(session('20261124-ffffff', '/work/elsewhere'));
    expect((await store.find('20261125-abc111')).session?.id).toBe('20261125-abc111');
    const unique = await store.find('20261124');
    expect(unique.session?.id).toBe('20261124-ffffff');
    expect(unique.candidates).toEqual(['20261124-ffffff']);
    const ambiguous = await store.find('20261125-abc');
    expect(ambiguous.session).toBeUndefined();
    expect([...ambiguous.candidates].sort()).toEqual(['20261125-abc111', '20261125-abc222']);
    expect(await store.find('nope')).toEqual({ candidates: [] });
  });

  it('an exact id wins over being a prefix of another', async () => {
    const { store, save } = open();
    await save(session('abc'));
    await save(session('abcdef'));
    expect((await store.find('abc')).session?.id).toBe('abc');
  });

  it('a session untouched for SESSION_TTL_MS is gone from load, list and find; a save keeps it alive', async () => {
    const { store, save } = open();
    await save(session('20261125-old000'));
    await save(session('20261125-kept00'));
    clock += SESSION_TTL_MS - 2000;
    await save((await store.load('20261125-kept00'))!); // touched: a new TTL from now
    clock += 2000;
    expect(await store.load('20261125-old000')).toBeUndefined();
    expect((await store.list()).map((s) => s.id)).toEqual(['20261125-kept00']);
    expect((await store.find('20261125-old')).candidates).toEqual([]);
    expect((await store.load('20261125-kept00'))?.id).toBe('20261125-kept00');
    clock += SESSION_TTL_MS;
    expect(await store.list()).toEqual([]);
  });
});

describe('newSessionId', () => {
  it('is YYYYMMDD-xxxxxx, from the UTC date, different each time', () => {
    const id = newSessionId(new Date('2026-03-07T23:59:59.000Z'));
    expect(id).toMatch(/^20260307-[0-9a-f]{6}$/);
    expect(newSessionId()).toMatch(/^\d{8}-[0-9a-f]{6}$/);
    const ids = new Set(Array.from({ length: 50 }, () => newSessionId(new Date(START))));
    expect(ids.size).toBeGreaterThan(45);
  });
});

// jsonl.test.ts covers store/retrieve/delete, TTL expiry at the boundary, word search
// (case, order, limit) and namespaces listing; these are the rest SessionStore relies on.
describe('JsonlMemory: what sessions rely on beyond jsonl.test.ts', () => {
  it('an empty query returns every live entry, newest first, and a query may match the key alone', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store('ns', 'k-one', { v: 1 });
    clock += 1000;
    await m.store('ns', 'k-two', { v: 2 });
    clock += 1000;
    await m.store('ns', 'k-three', { v: 3 }, { ttlMs: 500 });
    clock += 1000;
    expect((await m.search('ns', '')).map((e) => e.key)).toEqual(['k-two', 'k-one']);
    expect((await m.search('ns', '  ')).map((e) => e.key)).toEqual(['k-two', 'k-one']);
    expect((await m.search('ns', 'TWO')).map((e) => e.key)).toEqual(['k-two']);
  });

  it('namespaces() of a folder not created yet is empty; retrieve and search there find nothing', async () => {
    const m = new JsonlMemory({ dir: path.join(root, 'never-made') });
    expect(await m.namespaces()).toEqual([]);
    expect(await m.retrieve('sessions', 'x')).toBeUndefined();
    expect(await m.search('sessions', '')).toEqual([]);
  });

  it('an expired entry cannot be deleted, and storing its key again brings it back with the new TTL (or none)', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store('ns', 'k', 'old', { ttlMs: 1000 });
    clock += 1001;
    expect(await m.delete('ns', 'k')).toBe(false);
    await m.store('ns', 'k', 'new');
    const entry = await m.retrieve('ns', 'k');
    expect(entry?.value).toBe('new');
    expect(entry?.expiresAt).toBeUndefined();
    clock += 10 * SESSION_TTL_MS;
    expect((await m.retrieve('ns', 'k'))?.value).toBe('new');
  });

  it('namespaces are separate: one key in two namespaces holds two values', async () => {
    const m = new JsonlMemory({ dir, now });
    await m.store(SESSIONS_NAMESPACE, 'same', 's');
    await m.store('journal', 'same', 'j');
    expect((await m.retrieve(SESSIONS_NAMESPACE, 'same'))?.value).toBe('s');
    expect((await m.retrieve('journal', 'same'))?.value).toBe('j');
    expect((await m.search('journal', '')).map((e) => e.value)).toEqual(['j']);
  });
});
