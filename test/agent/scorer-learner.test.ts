// The Scorer (how a turn went, in numbers) and the Learner (one journal entry per
// turn in the real JSON-lines memory, with a time to live, never the conversation).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolCallRecord } from '../../src/agent/executor.js';
import { JOURNAL_NAMESPACE, JOURNAL_TTL_MS, learnerStage, type LearnerInput } from '../../src/agent/learner.js';
import type { Route } from '../../src/agent/router.js';
import { scoreTurn, scorerStage } from '../../src/agent/scorer.js';
import type { TurnOutcome } from '../../src/agent/turn.js';
import { JsonlMemory } from '../../src/memory/index.js';

const signal = new AbortController().signal;

function record(name: string, args: Record<string, unknown>, ok: boolean, toolId?: string): ToolCallRecord {
  return { call: { id: `c-${name}`, name, arguments: args }, ok, ms: 5, ...(toolId ? { toolId } : {}) };
}

const ROUTE: Route = {
  provider: 'fake', api: 'openai', model: 'm-1', maxTokens: 100, via: 'providers.routes.chat',
  endpoint: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-never-journaled', apiKeyEnv: 'K' },
};

describe('scoreTurn', () => {
  it('an answered turn whose tools all worked is a success; tools listed in call order', () => {
    const records = [
      record('activate_skill', { name: 'howto', arguments: 'Ada' }, true),
      record('shout', { text: 'x' }, true, 'shout'),
      record('dev_weft_test_echo-wat_echo', {}, true, 'dev.weft.test.echo-wat/echo'),
    ];
    expect(scoreTurn({ status: 'answered', records, latencyMs: 12.4, rounds: 3 })).toEqual({
      success: true, tools: ['activate_skill:howto', 'shout', 'dev.weft.test.echo-wat/echo'], failedTools: 0, latencyMs: 12, rounds: 3,
    });
  });

  it('one failed tool makes an answered turn a failure, and is counted', () => {
    const records = [record('a', {}, false, 'a'), record('b', {}, true, 'b'), record('c', {}, false)];
    const score = scoreTurn({ status: 'answered', records, latencyMs: 7.5, rounds: 2 });
    expect(score).toMatchObject({ success: false, failedTools: 2, latencyMs: 8, tools: ['a', 'b', 'c'] });
  });

  it.each(['turn-limit', 'cancelled', 'provider-error'] as const)('a turn that ends %s is never a success', (status) => {
    expect(scoreTurn({ status, records: [], latencyMs: 0, rounds: 1 }).success).toBe(false);
  });

  it('activate_skill without a name, and an unknown tool, keep their call names', () => {
    const score = scoreTurn({ status: 'answered', records: [record('activate_skill', {}, false), record('no_such_tool', {}, false)], latencyMs: 0.4, rounds: 1 });
    expect(score.tools).toEqual(['activate_skill:', 'no_such_tool']);
    expect(score.latencyMs).toBe(0);
  });

  it('the stage is named scorer and scores the same way', async () => {
    const stage = scorerStage();
    expect(stage.name).toBe('scorer');
    expect(await stage.run({ status: 'answered', records: [], latencyMs: 99.9, rounds: 1 }, signal)).toEqual({ success: true, tools: [], failedTools: 0, latencyMs: 100, rounds: 1 });
  });
});

describe('learnerStage', () => {
  let root = '';
  let dir = '';
  const at = new Date('2026-11-25T12:00:00.000Z');
  const now = () => at;
  beforeEach(() => { root = mkdtempSync(path.join(tmpdir(), 'weft-learner-')); dir = path.join(root, 'memory'); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const SECRET_QUESTION = 'what is the launch code 7731?';
  const SECRET_ANSWER = 'the launch code is swordfish';

  function input(extra: Partial<LearnerInput> = {}): LearnerInput {
    // A whole outcome, conversation included, as runTurn hands it over: none of the text may reach the journal.
    const outcome: TurnOutcome = {
      status: 'answered', text: SECRET_ANSWER, rounds: 2, latencyMs: 31, route: ROUTE, records: [],
      messages: [{ role: 'user', content: SECRET_QUESTION }, { role: 'assistant', content: SECRET_ANSWER }],
    };
    const score = scoreTurn({ ...outcome, records: [record('activate_skill', { name: 'howto' }, true), record('shout', {}, false, 'shout')] });
    return { outcome, score, session: '20261125-abcdef', kind: 'chat', ...extra };
  }

  it('writes one entry per turn into the journal namespace, with the route\'s provider and model and a 90-day TTL', async () => {
    const memory = new JsonlMemory({ dir, now });
    const stage = learnerStage(memory, now);
    expect(stage.name).toBe('learner');
    const entry = await stage.run(input(), signal);
    expect(entry).toEqual({
      at: at.toISOString(), kind: 'chat', status: 'answered', session: '20261125-abcdef', provider: 'fake', model: 'm-1',
      tools: ['activate_skill:howto', 'shout'], success: false, failedTools: 1, latencyMs: 31, rounds: 2,
    });
    const stored = await memory.search(JOURNAL_NAMESPACE, '');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toEqual(entry);
    expect(stored[0]!.namespace).toBe('journal');
    expect(Date.parse(stored[0]!.expiresAt!) - at.getTime()).toBe(JOURNAL_TTL_MS);
    expect(JOURNAL_TTL_MS).toBe(90 * 24 * 3600 * 1000);
    expect(await memory.namespaces()).toEqual(['journal']);

    await stage.run(input({ kind: 'skill' }), signal);
    expect((await memory.search(JOURNAL_NAMESPACE, '')).map((e) => (e.value as { kind: string }).kind).sort()).toEqual(['chat', 'skill']);
  });

  it('never writes the conversation\'s text or the key to disk', async () => {
    await learnerStage(new JsonlMemory({ dir, now }), now).run(input(), signal);
    const files = readdirSync(dir);
    expect(files).toEqual(['journal.jsonl']);
    const text = readFileSync(path.join(dir, files[0]!), 'utf8');
    expect(text).toContain('"model":"m-1"');
    for (const secret of ['launch code', '7731', 'swordfish', 'sk-never-journaled']) expect(text).not.toContain(secret);
  });

  it('the entry expires after the TTL', async () => {
    let clock = at.getTime();
    const memory = new JsonlMemory({ dir, now: () => new Date(clock) });
    await learnerStage(memory, now).run(input(), signal);
    clock += JOURNAL_TTL_MS - 1;
    expect(await memory.search(JOURNAL_NAMESPACE, '')).toHaveLength(1);
    clock += 2;
    expect(await memory.search(JOURNAL_NAMESPACE, '')).toEqual([]);
  });

  it('without a route or session the entry leaves those fields out', async () => {
    const memory = new JsonlMemory({ dir, now });
    const { route: _, ...noRoute } = input().outcome as TurnOutcome;
    const entry = await learnerStage(memory, now).run(input({ outcome: { ...noRoute, status: 'provider-error' }, session: undefined }), signal);
    expect(entry).not.toHaveProperty('provider');
    expect(entry).not.toHaveProperty('model');
    expect(entry).not.toHaveProperty('session');
    expect(entry?.status).toBe('provider-error');
  });

  it('without memory it returns the entry and writes nothing', async () => {
    const entry = await learnerStage(undefined, now).run(input(), signal);
    expect(entry).toMatchObject({ at: at.toISOString(), provider: 'fake', model: 'm-1', success: false });
    expect(readdirSync(root)).toEqual([]);
    expect(await new JsonlMemory({ dir, now }).namespaces()).toEqual([]);
  });
});
