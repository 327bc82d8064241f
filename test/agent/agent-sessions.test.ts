// The Agent's sessions end to end in-process: a real registry over temp dirs, the
// real JSON-lines memory, and the fake provider on 127.0.0.1. Every turn is kept;
// another Agent (another process) resumes or continues it and sends it back to the model.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, SessionNotFound } from '../../src/agent/agent.js';
import { NO_MODEL_FIX } from '../../src/agent/router.js';
import { JsonlMemory } from '../../src/memory/index.js';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { UsageError } from '../../src/plugin/errors.js';
import type { LiveRegistry } from '../../src/registry/index.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { startFakeProvider, type FakeProvider, type FakeRequest } from '../helpers/fake-provider.js';
import { Fixture } from '../registry/helpers.js';

useConnectionGuard();
let f: Fixture;
let fake: FakeProvider;
let memDir = '';
beforeEach(async () => {
  f = new Fixture();
  memDir = path.join(mkdtempSync(path.join(f.t.root, 'mem-')), 'memory');
  fake = await startFakeProvider({ keys: ['key'], responder: (_req, i) => ({ text: `answer ${i}` }) });
});
afterEach(async () => { await fake.close(); await f.cleanup(); });

const ENV = { K: 'key' };
const signal = () => new AbortController().signal;

function useFake(): void {
  mkdirSync(f.t.clawftHome, { recursive: true });
  writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ providers: { fake: { api: 'openai', baseUrl: `${fake.url}/v1`, model: 'm', apiKeyEnv: 'K' } } }));
}

/** A new Agent (as a new process would make) over the shared memory folder. */
function agent(registry: LiveRegistry, env: NodeJS.ProcessEnv = ENV): Agent {
  return new Agent({ registry, paths: f.t.paths(), memory: new JsonlMemory({ dir: memDir }), env });
}

/** The conversation a request carried, system prompt left out. */
function conversation(request: FakeRequest | undefined): string[] {
  const messages = (request?.body.messages ?? []) as Array<{ role: string; content: string }>;
  return messages.filter((m) => m.role !== 'system').map((m) => `${m.role}: ${m.content}`);
}

/** Two conversations of one input each, the second left current; their ids. */
async function twoSessions(a: Agent, first: string, second: string): Promise<[string, string]> {
  await a.turn(first, {}, signal());
  const firstId = a.sessionId;
  a.startNew();
  await a.turn(second, {}, signal());
  return [firstId, a.sessionId];
}

describe('Agent sessions', () => {
  it('saves the session after every turn, titled by the first line of the first input', async () => {
    useFake();
    const a = agent(await f.start({ watch: false }));
    const first = await a.turn('plan the launch\nwith details', {}, signal());
    expect(first.status).toBe('answered');
    expect(first.text).toBe('answer 0');
    const saved = await a.sessions.load(a.sessionId);
    expect(saved).toMatchObject({ id: a.sessionId, cwd: f.t.project, title: 'plan the launch' });
    expect(saved!.messages).toEqual([{ role: 'user', content: 'plan the launch\nwith details' }, { role: 'assistant', content: 'answer 0' }]);
    await a.turn('and then?', {}, signal());
    const again = await a.sessions.load(a.sessionId);
    expect(again!.title).toBe('plan the launch');
    expect(again!.messages).toHaveLength(4);
    expect(again!.updatedAt >= saved!.updatedAt).toBe(true);
    expect(await a.list()).toMatchObject([{ id: a.sessionId, messages: 4 }]);
    // The journal got one entry per turn, and only the session file holds the conversation.
    const journal = readFileSync(path.join(memDir, 'journal.jsonl'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(2);
    expect(journal).toContain(`"session":"${a.sessionId}"`);
    expect(journal).not.toContain('launch');
    expect(journal).not.toContain('answer 0');
    expect(readdirSync(memDir).sort()).toEqual(['journal.jsonl', 'sessions.jsonl']);
  });

  it('another Agent resumes a session by id or prefix, and continueLatest opens the newest here; the next request carries the earlier messages', async () => {
    useFake();
    const registry = await f.start({ watch: false });
    const a = agent(registry);
    const [firstId, secondId] = await twoSessions(a, 'first topic', 'second topic');
    expect(secondId).not.toBe(firstId);

    const latest = agent(registry);
    expect((await latest.continueLatest()).id).toBe(secondId);
    expect(latest.sessionId).toBe(secondId);
    await latest.turn('more on it', {}, signal());
    expect(conversation(fake.requests.at(-1))).toEqual(['user: second topic', 'assistant: answer 1', 'user: more on it']);

    const b = agent(registry);
    const differs = [...firstId].findIndex((c, i) => c !== secondId[i]);
    const resumed = await b.resume(firstId.slice(0, differs + 1)); // the shortest prefix naming only the first
    expect(firstId.slice(0, differs + 1).length).toBeLessThan(firstId.length);
    expect(resumed.id).toBe(firstId);
    expect(b.history).toEqual([{ role: 'user', content: 'first topic' }, { role: 'assistant', content: 'answer 0' }]);
    await b.turn('back to it', {}, signal());
    expect(conversation(fake.requests.at(-1))).toEqual(['user: first topic', 'assistant: answer 0', 'user: back to it']);
    expect((await b.sessions.load(firstId))!.messages).toHaveLength(4);
    expect((await b.sessions.load(secondId))!.messages).toHaveLength(4); // untouched by b
  });

  it('resuming an unknown id throws SessionNotFound, a usage error (exit 2) with a fix; the current session stays', async () => {
    useFake();
    const a = agent(await f.start({ watch: false }));
    const before = a.sessionId;
    const error = await a.resume('19990101-000000').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SessionNotFound);
    expect(error).toBeInstanceOf(UsageError);
    const e = error as SessionNotFound;
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('"19990101-000000"');
    expect(e.fix).toContain('/resume');
    expect(e.details.fix).toBe(e.fix);
    expect(a.sessionId).toBe(before);
  });

  it('an ambiguous prefix lists the candidates', async () => {
    useFake();
    const registry = await f.start({ watch: false });
    const a = agent(registry);
    const [one, two] = await twoSessions(a, 'one', 'two');
    const e = await agent(registry).resume('2').then(() => undefined, (x: unknown) => x as SessionNotFound);
    expect(e).toBeInstanceOf(SessionNotFound);
    expect(e!.message).toContain('uniquely');
    expect(e!.fix).toContain(one);
    expect(e!.fix).toContain(two);
  });

  it('continueLatest where no session ran throws with a fix, while sessions of other directories stay listed', async () => {
    useFake();
    const a = agent(await f.start({ watch: false }));
    await a.turn('elsewhere', {}, signal());
    const other = path.join(f.t.home, 'work', 'other');
    mkdirSync(other, { recursive: true });
    const there = agent(await f.start({ watch: false, paths: f.t.paths(other) }));
    const error = await there.continueLatest().then(() => undefined, (e: unknown) => e as SessionNotFound);
    expect(error).toBeInstanceOf(SessionNotFound);
    expect(error!.exitCode).toBe(ExitCode.usage);
    expect(error!.message).toContain(other);
    expect(error!.fix).toContain('--continue');
    expect(await there.list()).toEqual([]);
    expect((await there.list(true)).map((s) => s.id)).toEqual([a.sessionId]);
  });

  it('startNew begins an empty conversation; the old one stays listed', async () => {
    useFake();
    const a = agent(await f.start({ watch: false }));
    await a.turn('old conversation', {}, signal());
    const old = a.sessionId;
    a.startNew();
    expect(a.sessionId).not.toBe(old);
    expect(a.history).toEqual([]);
    expect((await a.list()).map((s) => s.id)).toEqual([old]); // nothing saved before its first turn
    await a.turn('new conversation', {}, signal());
    expect(conversation(fake.requests.at(-1))).toEqual(['user: new conversation']);
    expect((await a.list()).map((s) => [s.id, s.title])).toEqual([[a.sessionId, 'new conversation'], [old, 'old conversation']]);
  });

  it.each([
    ['no provider is configured', false, ENV, 'no model is configured'],
    ['the key variable is not set', true, {}, 'from K (providers.fake.apiKeyEnv), which is not set'],
  ])('a turn that cannot be routed (%s) saves nothing and calls no model', async (_, withProvider, env, message) => {
    if (withProvider) useFake();
    const a = agent(await f.start({ watch: false }), env);
    const outcome = await a.turn('hello?', {}, signal());
    expect(outcome.status).toBe('provider-error');
    expect(outcome.messages).toEqual([]);
    expect(outcome.error?.message).toContain(message);
    if (!withProvider) expect(outcome.error?.fix).toBe(NO_MODEL_FIX);
    expect(a.history).toEqual([]);
    expect(await a.sessions.load(a.sessionId)).toBeUndefined();
    expect(await a.list(true)).toEqual([]);
    expect(await a.memory.namespaces()).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});
