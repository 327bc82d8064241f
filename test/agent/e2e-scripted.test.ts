// `weft -p` driving a real agent turn against the fake provider on 127.0.0.1, in both
// wire formats: skills activated and called, a WASM plugin tool, approvals, retries,
// errors, SOUL.md, routes, the turn limit, parallel calls, and sessions.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { agentEnv, ECHO_TOOL, FAKE_KEY, installTools, providerEntry, writeConfig, type Api } from '../helpers/agent-home.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { lastToolResults, startFakeProvider, systemPrompt, type FakeProvider, type FakeRequest } from '../helpers/fake-provider.js';
import { runWeftAsync, weftBin } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

useConnectionGuard();
let t: TempHome;
let fake: FakeProvider;
beforeEach(async () => { t = makeTempHome(); fake = await startFakeProvider({ keys: [FAKE_KEY] }); });
afterEach(async () => { await fake.close(); t.cleanup(); });

const weft = (args: string[], env: NodeJS.ProcessEnv = agentEnv(t)) => runWeftAsync(args, { cwd: t.project, env });
const useProvider = (api: Api, extra: Record<string, unknown> = {}) => writeConfig(t, { providers: { fake: providerEntry(api, fake) }, ...extra });
const accepted = () => fake.requests.filter((r) => !r.rejection);
const toolNames = (r: FakeRequest): string[] => ((r.body.tools ?? []) as Array<{ name?: string; function?: { name: string } }>).map((x) => x.name ?? x.function!.name);

describe.each<Api>(['openai', 'anthropic'])('an agent turn over %s', (api) => {
  it('activates a skill, calls a native-command skill and a WASM plugin tool at once, then answers', async () => {
    installTools(t);
    useProvider(api);
    fake.setResponder((req, i) => {
      if (i === 0) return { toolCalls: [{ id: 'c1', name: 'activate_skill', arguments: { name: 'howto', arguments: 'Ada' } }] };
      if (i === 1) return { text: 'Running both.', toolCalls: [{ id: 'c2', name: 'shout', arguments: { text: 'hi' } }, { id: 'c3', name: ECHO_TOOL, arguments: { text: 'wasm' } }] };
      return { text: `Done: ${lastToolResults(req).map((r) => r.content).join(' | ')}` };
    });
    const r = await weft(['-p', 'greet Ada, then shout hi and echo wasm']);
    expect(r.code, r.stderr).toBe(0);
    expect(fake.requests.every((q) => !q.rejection), fake.requests.map((q) => q.rejection).join()).toBe(true);
    const [first, second, third] = fake.requests;
    expect(toolNames(first!)).toEqual(expect.arrayContaining(['activate_skill', 'shout', ECHO_TOOL]));
    expect(systemPrompt(first!)).toContain('<available_skills>');
    expect(systemPrompt(first!)).toContain('<name>howto</name>');
    expect(lastToolResults(second!)).toEqual([{ id: 'c1', content: 'Greet Ada warmly, in one word.' }]);
    expect(lastToolResults(third!).map((x) => x.id)).toEqual(['c2', 'c3']); // results in call order
    expect(lastToolResults(third!)[0]!.content).toBe('<hi>');
    expect(lastToolResults(third!)[1]!.content).toContain('wasm');
    expect(r.stdout).toContain('Running both.');
    expect(r.stdout).toContain('Done: <hi> | ');
    // the key is in no file weft wrote: sessions, journal, audit, approvals
    const written = readdirSync(t.clawftHome, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
    expect(written.some((file) => file.includes(`${path.sep}memory${path.sep}sessions`))).toBe(true);
    for (const file of written) expect(readFileSync(file).includes(FAKE_KEY), file).toBe(false);
  });

  it('a server that answers the streaming request with one JSON reply (tool calls, then text) works the same', async () => {
    useProvider(api);
    fake.setResponder((req) => (lastToolResults(req).length
      ? { text: `json says ${lastToolResults(req)[0]!.content}`, stream: false }
      : { toolCalls: [{ id: 'j1', name: 'activate_skill', arguments: { name: 'howto', arguments: 'Lin' } }], stream: false }));
    installTools(t, { approveShout: false, plugin: false });
    const r = await weft(['-p', 'greet Lin']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('json says Greet Lin warmly, in one word.\n');
  });

  it('a tool call needing approval: refused with the command (exit 3) unless --yes grants it', async () => {
    installTools(t, { approveShout: false, plugin: false });
    useProvider(api);
    fake.setResponder((req) => (lastToolResults(req).length ? { text: `saw: ${lastToolResults(req)[0]!.content}` } : { toolCalls: [{ id: 'a1', name: 'shout', arguments: { text: 'x' } }] }));
    const events = await weft(['-p', 'shout x', '--output', 'stream-json']);
    expect(events.stdout).toContain('{"type":"approval_required","kind":"native-skill","subject":"shout"');
    const refused = await weft(['-p', 'shout x']);
    expect(refused.code).toBe(ExitCode.approvalRequired);
    expect(refused.stderr).toContain('weft skill approve shout');
    expect(refused.stdout).toContain('saw: shout was not run: it needs the user\'s approval');
    const granted = await weft(['-p', 'shout x', '--yes']);
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toContain('saw: <x>');
    // the model chose the tool: --yes lets it run this once, and nothing stays approved
    const approvals = JSON.parse(readFileSync(path.join(t.clawftHome, 'approvals.json'), 'utf8')) as { skills: object };
    expect(Object.keys(approvals.skills)).toEqual([]);
  });

  it('429 then success: waits as retry-after says and answers', async () => {
    useProvider(api);
    fake.setResponder((_req, i) => (i === 0 ? { status: 429, retryAfter: '1' } : { text: 'after the wait' }));
    const started = Date.now();
    const r = await weft(['-p', 'hello']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('after the wait\n');
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a 5xx that persists: exit 5 with the provider\'s message, after retries', async () => {
    useProvider(api);
    fake.setResponder(() => ({ status: 503, retryAfter: '0', errorMessage: 'the fake is down' }));
    const r = await weft(['-p', 'hello']);
    expect(r.code).toBe(ExitCode.provider);
    expect(r.stderr).toContain('503');
    expect(r.stderr).toContain('the fake is down');
    expect(fake.requests.length).toBeGreaterThan(1);
  });

  it('a stream that goes silent past agent.idleTimeoutMs fails with exit 5 and says so', async () => {
    useProvider(api, { agent: { idleTimeoutMs: 1000 } });
    fake.setResponder(() => ({ text: 'Begins and then nothing', hangAfterFirstChunk: true }));
    const r = await weft(['-p', 'hello']);
    expect(r.code).toBe(ExitCode.provider);
    expect(r.stderr).toContain('sent nothing for 1 s');
    expect(r.stdout).toContain('Begins');
  });

  it('a 401 names the variable holding the key, never the key', async () => {
    useProvider(api);
    const r = await weft(['-p', 'hello'], agentEnv(t, { WEFT_TEST_KEY: 'sk-wrong-key-987' }));
    expect(r.code).toBe(ExitCode.provider);
    expect(r.stderr).toContain('WEFT_TEST_KEY');
    expect(r.stderr + r.stdout).not.toContain('sk-wrong-key-987');
    expect(fake.requests).toHaveLength(1); // not retried
  });

  it('a model that always calls tools ends at the turn limit: a clear message, exit 4', async () => {
    useProvider(api, { agent: { maxTurns: 3 } });
    fake.setResponder((_req, i) => ({ toolCalls: [{ id: `t${i}`, name: 'activate_skill', arguments: { name: 'nothing' } }] }));
    const r = await weft(['-p', 'loop']);
    expect(r.code).toBe(ExitCode.toolFailed);
    expect(r.stderr).toContain('stopped after 3 model calls');
    expect(r.stderr).toContain('agent.maxTurns');
    expect(accepted()).toHaveLength(3);
  });
});

describe('the agent in scripted mode', () => {
  it('two tool calls in one reply run concurrently (both start before either ends)', async () => {
    const log = path.join(t.root, 'order.log');
    const managed = path.join(t.clawftHome, 'skills');
    const { writeSkill } = await import('../helpers/skills.js');
    // the first call is the slower one: results in finishing order would come back reversed
    for (const [name, seconds] of [['slow-a', '0.2'], ['slow-b', '0.7']] as const) {
      writeSkill(managed, name, { name, description: 'Sleeps.', extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object', properties: {} }, run: ['sh', '-c', `echo start-${name} >> '${log}'; sleep ${seconds}; echo end-${name} >> '${log}'; echo ${name}`] } } })}` });
    }
    useProvider('openai');
    fake.setResponder((req) => (lastToolResults(req).length ? { text: lastToolResults(req).map((r) => r.content.trim()).join(',') } : { toolCalls: [{ id: 'p1', name: 'slow-b', arguments: {} }, { id: 'p2', name: 'slow-a', arguments: {} }] }));
    const r = await weft(['-p', 'both', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const order = readFileSync(log, 'utf8').trim().split('\n');
    expect(order.slice(0, 2).every((l) => l.startsWith('start-'))).toBe(true);
    expect(order.slice(2)).toEqual(['end-slow-a', 'end-slow-b']);
    expect(r.stdout.trim()).toBe('slow-b,slow-a'); // results in call order
  });

  it.each<Api>(['openai', 'anthropic'])('SIGINT mid-stream (%s): the turn stops at once, what arrived is printed, exit 130', async (api) => {
    useProvider(api);
    fake.setResponder(() => ({ text: 'The first words and then silence', hangAfterFirstChunk: true }));
    const child = spawn(process.execPath, [weftBin, '-p', 'a long story'], { cwd: t.project, env: { ...agentEnv(t), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    for (let i = 0; i < 200 && !out.includes('The first'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(out).toContain('The first');
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(ExitCode.cancelled);
    expect(Date.now() - sent).toBeLessThan(3000);
  });

  it('SOUL.md reaches the system prompt, and an edit reaches the next turn', async () => {
    useProvider('anthropic');
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'SOUL.md'), 'Answer like a pirate.\n');
    const child = spawn(process.execPath, [weftBin], { cwd: t.project, env: { ...agentEnv(t), NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    const until = async (test: () => boolean) => { for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 25)); expect(test()).toBe(true); };
    child.stdin.write('first\n');
    await until(() => out.includes('ok'));
    writeFileSync(path.join(t.clawftHome, 'SOUL.md'), 'Answer like a poet.\n');
    child.stdin.write('second\n');
    await until(() => fake.requests.length === 2 && out.split('ok').length > 2);
    child.stdin.end();
    await new Promise((r) => child.on('close', r));
    expect(systemPrompt(fake.requests[0]!)).toContain('Answer like a pirate.');
    expect(systemPrompt(fake.requests[1]!)).toContain('Answer like a poet.');
    expect(systemPrompt(fake.requests[1]!)).not.toContain('pirate');
  });

  it('a route sends chat and skill commands to different endpoints and models', async () => {
    const other = await startFakeProvider({ keys: [FAKE_KEY] });
    try {
      installTools(t, { approveShout: false, plugin: false });
      writeConfig(t, { providers: {
        main: providerEntry('openai', fake), side: providerEntry('anthropic', other),
        routes: { chat: 'side', skill: { provider: 'main', model: 'skill-model' } },
      } });
      expect((await weft(['-p', 'hello'])).code).toBe(0);
      expect(other.requests).toHaveLength(1);
      expect(fake.requests).toHaveLength(0);
      const r = await weft(['-p', '/howto Grace']);
      expect(r.code, r.stderr).toBe(0);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]!.body.model).toBe('skill-model');
      expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain('Greet Grace warmly');
    } finally {
      await other.close();
    }
  });

  it('a route naming a provider that does not exist is a config error naming the field (exit 1)', async () => {
    writeConfig(t, { providers: { main: providerEntry('openai', fake), routes: { chat: 'mian' } } });
    const r = await weft(['-p', 'hello']);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('providers.routes.chat');
    expect(r.stderr).toContain('"main"');
  });

  it('sessions: --continue carries the conversation on, --resume <id> picks one by id, an unknown id is exit 2', async () => {
    useProvider('openai');
    fake.setResponder((_req, i) => ({ text: `answer ${i}` }));
    const first = await weft(['-p', 'remember 42', '--output', 'json']);
    expect(first.code, first.stderr).toBe(0);
    const session = (JSON.parse(first.stdout) as { data: { results: Array<{ session: string }> } }).data.results[0]!.session;
    expect((await weft(['-p', 'another topic'])).code).toBe(0);
    expect((await weft(['-p', 'what number?', '--resume', session])).code).toBe(0);
    const resumed = JSON.stringify(fake.requests[2]!.body.messages);
    expect(resumed).toContain('remember 42');
    expect(resumed).toContain('answer 0');
    expect(resumed).not.toContain('another topic');
    expect((await weft(['-p', 'and again?', '--continue'])).code).toBe(0);
    expect(JSON.stringify(fake.requests[3]!.body.messages)).toContain('what number?'); // the latest one here: the resumed session
    const missing = await weft(['-p', 'x', '--resume', 'nope']);
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toContain('no session is named "nope"');
  });

  it('stream-json shows the answer as it streams, the tool calls and their results', async () => {
    installTools(t, { plugin: false });
    useProvider('openai');
    fake.setResponder((req) => (lastToolResults(req).length ? { text: 'all done' } : { toolCalls: [{ id: 's1', name: 'shout', arguments: { text: 'yo' } }] }));
    const r = await weft(['-p', 'go', '--output', 'stream-json', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['tool_call', 'tool_result', 'text', 'answer', 'done']));
    expect(events.find((e) => e.type === 'tool_call')).toEqual({ type: 'tool_call', tool: 'shout', id: 's1', arguments: { text: 'yo' } });
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ tool: 'shout', id: 's1', ok: true, content: '<yo>' });
    const json = await weft(['-p', 'go', '--output', 'json']);
    expect((JSON.parse(json.stdout) as { data: { results: Array<{ tools: string[] }> } }).data.results[0]!.tools).toEqual(['shout']);
    expect(events.at(-1)).toEqual({ type: 'done', exitCode: 0 });
  });
});
