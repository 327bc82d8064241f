// The Assembler and Transport stages on their own: the system prompt's parts in order
// (who weft is, SOUL.md, the catalog), the budget, and one model call's reply collected
// (text streamed, calls whole; a cancelled call keeps its text and drops its calls).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_PREAMBLE } from '../../src/agent/catalog.js';
import { assemblerStage, WEFT_PREAMBLE } from '../../src/agent/prompt.js';
import { transportStage } from '../../src/agent/transport-stage.js';
import type { Route } from '../../src/agent/router.js';
import { FAKE_KEY } from '../helpers/agent-home.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { writeSkill } from '../helpers/skills.js';
import { Fixture } from '../registry/helpers.js';

useConnectionGuard();
let f: Fixture;
let fake: FakeProvider;
beforeEach(async () => { f = new Fixture(); fake = await startFakeProvider({ keys: [FAKE_KEY] }); });
afterEach(async () => { await fake.close(); await f.cleanup(); });
const signal = () => new AbortController().signal;

describe('assemblerStage', () => {
  it('system prompt: weft, then SOUL.md, then the catalog; history cut to agent.contextTokens', async () => {
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'SOUL.md'), '\n\n  Speak plainly.  \n');
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ agent: { contextTokens: 1000 } }));
    writeSkill(f.managedSkills, 'howto', { name: 'howto', description: 'How to greet.' });
    const registry = await f.start({ watch: false });
    const history = [
      { role: 'user' as const, content: 'old '.repeat(1000) }, { role: 'assistant' as const, content: 'old answer' },
      { role: 'user' as const, content: 'new question' },
    ];
    const out = await assemblerStage(f.t.paths()).run({ snapshot: registry.current(), history }, signal());
    const at = (s: string) => out.system.indexOf(s);
    expect(at(WEFT_PREAMBLE)).toBe(0);
    expect(at('Speak plainly.')).toBeGreaterThan(0);
    expect(at(CATALOG_PREAMBLE)).toBeGreaterThan(at('Speak plainly.'));
    expect(out.system).toContain(`<location>${path.join(f.managedSkills, 'howto', 'SKILL.md')}</location>`);
    expect(out.messages).toEqual([{ role: 'user', content: 'new question' }]);
    expect(out.dropped).toBe(1);
  });
});

describe('transportStage', () => {
  const route = (): Route => ({ provider: 'fake', api: 'anthropic', model: 'm', maxTokens: 64, via: 'test', endpoint: { baseUrl: fake.url, apiKey: FAKE_KEY } });
  const assembled = { system: 's', messages: [{ role: 'user' as const, content: 'hi' }], dropped: 0, overBudget: false, tokens: 1 };

  it('collects streamed text and whole calls, in the routed provider\'s format', async () => {
    fake.setResponder(() => ({ text: 'Looking.', toolCalls: [{ id: 'c1', name: 'activate_skill', arguments: { name: 'x' } }] }));
    const pieces: string[] = [];
    const reply = await transportStage().run({ route: route(), assembled, tools: [{ name: 'activate_skill', description: 'd', inputSchema: { type: 'object' } }], onText: (t) => pieces.push(t) }, signal());
    expect(fake.requests[0]!.api).toBe('anthropic');
    expect(fake.requests[0]!.body.max_tokens).toBe(64);
    expect(pieces.join('')).toBe('Looking.');
    expect(reply).toEqual({ text: 'Looking.', calls: [{ id: 'c1', name: 'activate_skill', arguments: { name: 'x' } }], stopReason: 'tool_use', cancelled: false });
  });

  it('cancelled mid-stream: what arrived, no calls, cancelled', async () => {
    fake.setResponder(() => ({ text: 'Start of a reply', toolCalls: [{ id: 'c1', name: 'activate_skill', arguments: {} }], hangAfterFirstChunk: true }));
    const abort = new AbortController();
    const reply = await transportStage().run({ route: route(), assembled, tools: [{ name: 'activate_skill', description: 'd', inputSchema: { type: 'object' } }], onText: () => abort.abort() }, abort.signal);
    expect(reply.cancelled).toBe(true);
    expect(reply.calls).toEqual([]);
    expect('Start of a reply'.startsWith(reply.text) && reply.text.length > 0).toBe(true);
  });
});
