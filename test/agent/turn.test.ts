// The turn loop in-process over a real registry and the fake provider on 127.0.0.1:
// history always whole (every call with its results), the turn limit, a provider
// failing mid-turn, cancellation, approvals asked once for parallel calls, the
// skill command's request, and the Learner's journal entry.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchanges } from '../../src/agent/assembler.js';
import type { ChatMessage } from '../../src/agent/messages.js';
import { runTurn, type TurnHooks } from '../../src/agent/turn.js';
import { JsonlMemory } from '../../src/memory/index.js';
import type { LiveRegistry } from '../../src/registry/index.js';
import { FAKE_KEY, providerEntry } from '../helpers/agent-home.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { lastToolResults, startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { writeSkill } from '../helpers/skills.js';
import { Fixture } from '../registry/helpers.js';

useConnectionGuard();
let f: Fixture;
let fake: FakeProvider;
let registry: LiveRegistry;
let memory: JsonlMemory;
beforeEach(async () => { f = new Fixture(); fake = await startFakeProvider({ keys: [FAKE_KEY] }); memory = new JsonlMemory({ dir: path.join(f.t.clawftHome, 'memory') }); });
afterEach(async () => { await fake.close(); await f.cleanup(); });

const env = { WEFT_TEST_KEY: FAKE_KEY };
async function setUp(config: Record<string, unknown> = {}, skills: 'all' | 'native-only' | 'none' = 'all'): Promise<void> {
  mkdirSync(f.t.clawftHome, { recursive: true });
  writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ providers: { fake: providerEntry('openai', fake) }, ...config }));
  if (skills === 'none') { registry = await f.start({ watch: false }); return; }
  if (skills === 'all') writeSkill(f.managedSkills, 'howto', { name: 'howto', description: 'How to greet.', body: 'Greet $ARGUMENTS.' });
  if (skills === 'all') writeSkill(f.managedSkills, 'secret', { name: 'secret', description: 'People only.', extra: 'disable-model-invocation: true', body: 'Secret steps for $ARGUMENTS.' });
  writeSkill(f.managedSkills, 'shout', { name: 'shout', description: 'Prints its text.',
    extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, run: ['printf', '<%s>', '{text}'] } } })}` });
  registry = await f.start({ watch: false });
}
const turn = (text: string, hooks: TurnHooks = {}, history: ChatMessage[] = [], signal = new AbortController().signal, skill?: string) =>
  runTurn({ registry, paths: f.t.paths(), memory, env }, { text, history, session: 's1', ...(skill ? { skill } : {}) }, hooks, signal);

/** Every assistant tool call is followed, before the next user message, by exactly its results. */
function whole(messages: ChatMessage[]): boolean {
  for (const group of exchanges(messages)) {
    const calls = group.flatMap((m) => (m.role === 'assistant' ? m.toolCalls ?? [] : [])).map((c) => c.id);
    const results = group.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : []));
    if (JSON.stringify(calls) !== JSON.stringify(results)) return false;
  }
  return true;
}

describe('runTurn', () => {
  it('the turn limit ends the turn with every call answered, and the journal records it', async () => {
    await setUp({ agent: { maxTurns: 2 } });
    fake.setResponder((_r, i) => ({ toolCalls: [{ id: `a${i}`, name: 'activate_skill', arguments: { name: 'howto', arguments: 'x' } }, { id: `b${i}`, name: 'nope', arguments: {} }] }));
    const out = await turn('loop');
    expect(out.status).toBe('turn-limit');
    expect(out.error?.message).toContain('after 2 model calls');
    expect(out.rounds).toBe(2);
    expect(whole(out.messages)).toBe(true);
    expect(out.messages.filter((m) => m.role === 'tool')).toHaveLength(4);
    const unknown = out.messages.find((m) => m.role === 'tool' && m.toolCallId === 'b0');
    expect(unknown).toMatchObject({ isError: true });
    expect((unknown as { content: string }).content).toContain('no tool named "nope"');
    const journal = await memory.search('journal', '');
    expect(journal).toHaveLength(1);
    expect(journal[0]!.value).toMatchObject({ status: 'turn-limit', success: false, tools: ['activate_skill:howto', 'nope', 'activate_skill:howto', 'nope'], provider: 'fake', session: 's1' });
    expect(JSON.stringify(journal[0]!.value)).not.toContain('loop'); // never the conversation
  });

  it('a provider failing mid-turn keeps the history whole; the next turn over it is accepted', async () => {
    await setUp();
    fake.setResponder((_r, i) => (i === 0 ? { toolCalls: [{ id: 'c1', name: 'activate_skill', arguments: { name: 'howto' } }] } : { status: 400, errorMessage: 'context too long' }));
    const out = await turn('first');
    expect(out.status).toBe('provider-error');
    expect(out.error?.message).toContain('context too long');
    expect(whole(out.messages)).toBe(true);
    fake.setResponder(() => ({ text: 'fine now' }));
    const next = await turn('again', {}, out.messages);
    expect(next.status).toBe('answered');
    expect(fake.requests.at(-1)!.rejection).toBeUndefined();
  });

  it('cancelled mid-stream: status cancelled, the text that arrived kept, no half calls', async () => {
    await setUp();
    fake.setResponder(() => ({ text: 'Half an answer', toolCalls: [{ id: 'x', name: 'shout', arguments: { text: 'no' } }], hangAfterFirstChunk: true }));
    const abort = new AbortController();
    const out = await turn('go', { onText: () => abort.abort() }, [], abort.signal);
    expect(out.status).toBe('cancelled');
    const last = out.messages.at(-1) as { role: string; content: string; toolCalls?: unknown };
    expect(last.role).toBe('assistant');
    expect(last.content.length).toBeGreaterThan(0);
    expect('Half an answer'.startsWith(last.content)).toBe(true);
    expect(last.toolCalls).toBeUndefined();
    expect(whole(out.messages)).toBe(true);
  });

  it('two parallel calls of a tool awaiting approval ask once; a refusal tells the model the command', async () => {
    await setUp();
    fake.setResponder((req) => (lastToolResults(req).length ? { text: 'ok' } : { toolCalls: [{ id: 'p1', name: 'shout', arguments: { text: '1' } }, { id: 'p2', name: 'shout', arguments: { text: '2' } }] }));
    let asked = 0;
    const refused = await turn('shout twice', { approve: async () => { asked++; return false; } });
    expect(asked).toBe(2); // refused: each call asks (nothing was granted)
    expect(refused.records.every((r) => r.refused?.command === 'weft skill approve shout')).toBe(true);
    asked = 0;
    const granted = await turn('shout twice', { approve: async (a) => { asked++; await (await import('../../src/registry/index.js')).grant(registry, a); return true; } });
    expect(asked).toBe(1); // the second call finds it granted
    expect(granted.records.map((r) => r.ok)).toEqual([true, true]);
    expect(lastToolResults(fake.requests.at(-1)!).map((r) => r.content)).toEqual(['<1>', '<2>']);
  });

  it('a skill command sends the instructions with arguments (even with model invocation disabled); chat naming a skill only hints', async () => {
    await setUp();
    await turn('Grace', {}, [], undefined, 'secret');
    expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain('Secret steps for Grace.');
    await turn('please use howto for Bob');
    const user = JSON.stringify(fake.requests[1]!.body.messages);
    expect(user).toContain('The skill \\"howto\\" may apply');
    expect(user).not.toContain('Greet Bob');
    const tools = (fake.requests[1]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(tools).toContain('activate_skill');
    expect(tools).toContain('shout');
    expect(tools).not.toContain('howto'); // instruction-only: through activate_skill
    expect(JSON.stringify(fake.requests[1]!.body)).not.toContain('<name>secret</name>');
  });

  it('the assembler leaves out old exchanges whole when the budget is small', async () => {
    await setUp({ agent: { contextTokens: 1000, catalogChars: 500 } });
    const big = 'x'.repeat(1500);
    const history: ChatMessage[] = [];
    for (let i = 0; i < 6; i++) {
      history.push({ role: 'user', content: `q${i} ${big}` }, { role: 'assistant', content: '', toolCalls: [{ id: `h${i}`, name: 'activate_skill', arguments: {} }] },
        { role: 'tool', toolCallId: `h${i}`, name: 'activate_skill', content: big }, { role: 'assistant', content: `a${i}` });
    }
    const out = await turn('latest', {}, history);
    expect(out.status).toBe('answered');
    const sent = fake.requests[0]!;
    expect(sent.rejection).toBeUndefined();
    const text = JSON.stringify(sent.body.messages);
    expect(text).toContain('latest');
    expect(text).not.toContain('q0 ');
  });

  it('tools offered: a native skill awaiting approval (the only tool) is offered; nothing at all when nothing can be called', async () => {
    await setUp({}, 'native-only');
    await turn('hi');
    expect((fake.requests[0]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(['activate_skill', 'shout']);
    await registry.stop();
    await f.cleanup();
    f = new Fixture();
    await setUp({}, 'none');
    await turn('hi');
    expect(fake.requests[1]!.body.tools).toBeUndefined();
  });

  it('text from several rounds is one answer, rounds a blank line apart, as streamed', async () => {
    await setUp();
    fake.setResponder((req) => (lastToolResults(req).length ? { text: 'All done.' } : { text: 'Let me check.', toolCalls: [{ id: 'r1', name: 'activate_skill', arguments: { name: 'howto' } }] }));
    let streamed = '';
    const out = await turn('go', { onText: (t) => { streamed += t; } });
    expect(out.text).toBe('Let me check.\n\nAll done.');
    expect(streamed).toBe(out.text);
  });

  it('a connection dropped mid-stream after a tool round: a provider error (not a crash), history whole, the text kept', async () => {
    await setUp();
    fake.setResponder((req) => (lastToolResults(req).length ? { text: 'Hel then nothing', hangAfterFirstChunk: true } : { toolCalls: [{ id: 'd1', name: 'activate_skill', arguments: { name: 'howto' } }] }));
    const out = await turn('go', { onText: () => { setTimeout(() => { void fake.close(); }, 20); } });
    expect(out.status).toBe('provider-error');
    expect(out.error?.message).toContain('dropped mid-stream');
    expect(out.text.length).toBeGreaterThan(0); // what streamed before the drop is kept, in the answer and the history
    expect('Hel then nothing'.startsWith(out.text)).toBe(true);
    expect(out.messages.at(-1)).toEqual({ role: 'assistant', content: out.text });
    expect(out.error?.fix).toContain('127.0.0.1');
    expect(whole(out.messages)).toBe(true);
    expect(out.route?.endpoint).not.toHaveProperty('apiKey'); // the outcome never carries the key
  });

  it('Anthropic: a history with tool calls always defines tools, even when nothing could be called now', async () => {
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ providers: { fake: providerEntry('anthropic', fake) } }));
    registry = await f.start({ watch: false });
    const history: ChatMessage[] = [{ role: 'user', content: 'earlier' }, { role: 'assistant', content: '', toolCalls: [{ id: 'e1', name: 'activate_skill', arguments: {} }] },
      { role: 'tool', toolCallId: 'e1', name: 'activate_skill', content: 'x' }, { role: 'assistant', content: 'done' }];
    const out = await turn('now', {}, history);
    expect(fake.requests[0]!.rejection).toBeUndefined();
    expect(out.status).toBe('answered');
  });
});
