// The REPL in a pseudo-terminal with an agent behind it: the fake provider on
// 127.0.0.1 answers in both wire formats. A full turn (skill activated, a native
// command approved in the prompt, a WASM tool), retries and errors on screen,
// Ctrl-C mid-stream, SOUL.md edited between turns, a route, /resume.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentEnv, ECHO_TOOL, FAKE_KEY, installTools, providerEntry, writeConfig } from '../helpers/agent-home.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { lastToolResults, startFakeProvider, systemPrompt, type FakeProvider } from '../helpers/fake-provider.js';
import { CTRL_C, spawnWeftPty, type PtyWeft } from '../helpers/pty.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

useConnectionGuard();
let t: TempHome;
let fake: FakeProvider;
let repl: PtyWeft | undefined;
beforeEach(async () => { t = makeTempHome(); fake = await startFakeProvider({ keys: [FAKE_KEY] }); });
afterEach(async () => { repl?.kill(); repl = undefined; await fake.close(); t.cleanup(); });
/** The answer landed in history and the prompt is back (typing earlier would be ignored: a turn is running). */
const answered = (r: PtyWeft, text: string, from = 0) => r.waitFor(new RegExp(`${text}\\n› a message`), from);
const start = async (env = agentEnv(t), args: string[] = []): Promise<PtyWeft> => {
  repl = spawnWeftPty({ cwd: t.project, env, args });
  await repl.waitFor('__READY__');
  return repl;
};

describe('the agent in the REPL', () => {
  it('a turn activates a skill, asks approval for a native command, calls a WASM tool, and streams the answer', async () => {
    installTools(t, { approveShout: false });
    writeConfig(t, { providers: { fake: providerEntry('openai', fake) } });
    fake.setResponder((req, i) => {
      if (i === 0) return { toolCalls: [{ id: 'c1', name: 'activate_skill', arguments: { name: 'howto', arguments: 'Ada' } }] };
      if (i === 1) return { toolCalls: [{ id: 'c2', name: 'shout', arguments: { text: 'hi' } }, { id: 'c3', name: ECHO_TOOL, arguments: { text: 'wasm' } }] };
      return { text: `All done: ${lastToolResults(req).map((r) => r.content).join(' + ')}`, chunkDelayMs: 20 };
    });
    const r = await start();
    await r.line('greet Ada and shout hi');
    await r.waitFor('→ activate_skill');
    await r.waitFor('Approve shout?');
    await r.type('o');
    await r.waitFor('approved shout for this turn');
    await r.waitFor(/All done: <hi> \+ .*wasm/);
    await r.waitFor('✓ shout');
    expect(fake.requests.every((q) => !q.rejection)).toBe(true);
    expect(fake.requests).toHaveLength(3);
    // "once" lasts the turn: the grant is gone when the prompt is back
    await answered(r, 'All done: .*');
    await expect.poll(() => Object.keys((JSON.parse(readFileSync(path.join(t.clawftHome, 'approvals.json'), 'utf8')) as { skills: object }).skills)).toEqual([]);
  }, 40_000);

  it('429 then an answer, a 5xx shown with its message, and the REPL goes on', async () => {
    writeConfig(t, { providers: { fake: providerEntry('anthropic', fake) } });
    fake.setResponder((_req, i) => (i === 0 ? { status: 429, retryAfter: '0' } : i === 1 ? { text: 'first answer' } : { status: 500, retryAfter: '0', errorMessage: 'upstream broke' }));
    const r = await start();
    await r.line('hello');
    await answered(r, 'first answer');
    const mark = r.mark();
    await r.line('again');
    await r.waitFor('upstream broke', mark, 20_000);
    const after = r.mark();
    await r.line('/status');
    await r.waitFor('weft', after);
  }, 40_000);

  it('a 401 names the key\'s variable, never the key', async () => {
    writeConfig(t, { providers: { fake: providerEntry('openai', fake) } });
    const r = await start(agentEnv(t, { WEFT_TEST_KEY: 'sk-not-the-right-one' }));
    await r.line('hello');
    await r.waitFor('WEFT_TEST_KEY');
    expect(r.raw()).not.toContain('sk-not-the-right-one');
  }, 30_000);

  it('Ctrl-C mid-stream stops the turn, keeps what arrived, and the next turn works', async () => {
    writeConfig(t, { providers: { fake: providerEntry('anthropic', fake) } });
    fake.setResponder((_req, i) => (i === 0 ? { text: 'Partial words then a long silence', hangAfterFirstChunk: true } : { text: 'second turn fine' }));
    const r = await start();
    await r.line('tell me a long story');
    await r.waitFor('Partial');
    const mark = r.mark();
    r.key(CTRL_C);
    await r.waitFor('cancelled', mark);
    await r.waitFor('›', mark);
    await r.line('next');
    await r.waitFor('second turn fine', mark);
    expect(JSON.stringify(fake.requests[1]!.body.messages)).toContain('Partial'); // the partial answer stayed in the conversation
  }, 30_000);

  it('SOUL.md in the system prompt, changed by an edit between turns; a route picks the endpoint; /resume lists the conversation', async () => {
    const routed = await startFakeProvider({ keys: [FAKE_KEY] });
    try {
      writeConfig(t, { providers: { main: providerEntry('openai', fake), chatty: providerEntry('anthropic', routed, 'claude-fake'), routes: { chat: 'chatty' } } });
      writeFileSync(path.join(t.clawftHome, 'SOUL.md'), 'You are a calm lighthouse keeper.');
      const r = await start();
      await r.waitFor('· chatty/claude-fake'); // the status line names who answers chat
      await r.line('first question');
      await answered(r, 'ok');
      writeFileSync(path.join(t.clawftHome, 'SOUL.md'), 'You are an excited tour guide.');
      const mark = r.mark();
      await r.line('second question');
      await answered(r, 'ok', mark);
      expect(fake.requests).toHaveLength(0);
      expect(routed.requests).toHaveLength(2);
      expect(routed.requests[0]!.body.model).toBe('claude-fake');
      expect(systemPrompt(routed.requests[0]!)).toContain('calm lighthouse keeper');
      expect(systemPrompt(routed.requests[1]!)).toContain('excited tour guide');
      const list = r.mark();
      await r.line('/resume');
      await r.waitFor(/\* \d{8}-[0-9a-f]{6} .*first question/, list);
    } finally {
      await routed.close();
    }
  }, 40_000);

  it('weft --continue opens the latest conversation here and says so; the next turn carries it', async () => {
    writeConfig(t, { providers: { fake: providerEntry('openai', fake) } });
    fake.setResponder((_r, i) => ({ text: `reply ${i}` }));
    const first = await start();
    await first.line('the code word is heron');
    await answered(first, 'reply 0');
    first.kill();
    await first.exited;
    const again = await start(agentEnv(t), ['--continue']);
    await again.waitFor(/continuing \d{8}-[0-9a-f]{6} \(2 messages\): the code word is heron/);
    await again.line('what was the code word?');
    await answered(again, 'reply 1');
    expect(JSON.stringify(fake.requests[1]!.body.messages)).toContain('the code word is heron');
  }, 30_000);
});
