// The fake provider itself: its validator answers the real APIs' exact error
// shapes, and the official SDKs (openai 6, @anthropic-ai/sdk 1) accept its
// JSON and SSE, so weft's transports are tested against a faithful fake.
// Everything runs on 127.0.0.1 (the connection guard fails any other target).
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/agent/messages.js';
import { anthropicMessages, openaiChat, transportFor, type ProviderApi } from '../../src/agent/transport/index.js';
import type { ModelTool } from '../../src/agent/transport/types.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { lastToolResults, startFakeProvider, systemPrompt, validateAnthropic, validateOpenAI, type FakeProvider, type FakeReply } from '../helpers/fake-provider.js';

useConnectionGuard();
let fake: FakeProvider;
beforeEach(async () => { fake = await startFakeProvider({ keys: ['k'] }); });
afterEach(async () => { await fake.close(); });

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: await res.json() as unknown };
};
const OPENAI_AUTH = { authorization: 'Bearer k' };
const ANTHROPIC_AUTH = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
const user = { role: 'user', content: 'hi' };

describe('the fake\'s validator answers the real APIs\' 400s', () => {
  const calls = (...ids: string[]) => ({ role: 'assistant', content: null, tool_calls: ids.map((id) => ({ id, type: 'function', function: { name: 'git_summary', arguments: '{}' } })) });
  const tool = (id?: string) => ({ role: 'tool', content: 'x', ...(id ? { tool_call_id: id } : {}) });
  it.each([
    ['no model', { model: undefined }, 'you must provide a model parameter', null, null],
    ['no messages', { messages: [] }, 'Invalid \'messages\': empty array. Expected an array with minimum length 1, but got an empty array instead.', 'messages', 'empty_array'],
    ['a tool message without tool_call_id', { messages: [user, calls('c1'), tool()] }, 'Missing parameter \'tool_call_id\': messages with role \'tool\' must have a \'tool_call_id\'.', 'messages.[2].tool_call_id', 'missing_required_parameter'],
    ['a parallel call left unanswered', { messages: [user, calls('c1', 'c2'), tool('c1'), user] }, 'An assistant message with \'tool_calls\' must be followed by tool messages responding to each \'tool_call_id\'. The following tool_call_ids did not have response messages: c2', 'messages.[1].role', null],
    ['calls at the end, unanswered', { messages: [user, calls('c1')] }, 'An assistant message with \'tool_calls\' must be followed by tool messages responding to each \'tool_call_id\'. The following tool_call_ids did not have response messages: c1', 'messages.[1].role', null],
    ['a tool result with no calls before it', { messages: [user, tool('c9')] }, 'Invalid parameter: messages with role \'tool\' must be a response to a preceeding message with \'tool_calls\'.', 'messages.[1].role', null],
    ['a result for another call', { messages: [user, calls('c1'), tool('c2')] }, 'Invalid parameter: \'tool_call_id\' of \'c2\' not found in \'tool_calls\' of previous message.', 'messages.[2].tool_call_id', null],
    ['a tool name with a space', { tools: [{ type: 'function', function: { name: 'git summary', parameters: {} } }] }, 'Invalid \'tools[0].function.name\': string does not match pattern. Expected a string that matches the pattern \'^[a-zA-Z0-9_-]+$\'.', 'tools[0].function.name', 'invalid_value'],
    ['a tool name over 64 characters', { tools: [{ type: 'function', function: { name: 'x'.repeat(65), parameters: {} } }] }, 'Invalid \'tools[0].function.name\': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.', 'tools[0].function.name', 'string_above_max_length'],
    ['an unknown role', { messages: [{ role: 'robot', content: 'x' }] }, 'Invalid value: \'robot\'. Supported values are: \'system\', \'assistant\', \'user\', \'function\', \'tool\', and \'developer\'.', 'messages[0].role', 'invalid_value'],
  ])('OpenAI: %s', async (_name, change, message, param, code) => {
    const answer = await post('/v1/chat/completions', { model: 'gpt-test', messages: [user], ...change }, OPENAI_AUTH);
    expect(answer).toMatchObject({ status: 400, type: 'application/json' });
    expect(answer.body).toEqual({ error: { message, type: 'invalid_request_error', param, code } });
    expect(fake.requests.at(-1)?.rejection).toBe(message);
  });

  const uses = (...ids: string[]) => ({ role: 'assistant', content: ids.map((id) => ({ type: 'tool_use', id, name: 'git_summary', input: {} })) });
  const results = (...ids: string[]) => ({ role: 'user', content: ids.map((id) => ({ type: 'tool_result', tool_use_id: id, content: 'x' })) });
  const unanswered = (at: number, ids: string) => `messages.${at}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
  it.each([
    ['no max_tokens', { max_tokens: undefined }, 'max_tokens: Field required'],
    ['no model', { model: undefined }, 'model: Field required'],
    ['no messages', { messages: [] }, 'messages: at least one message is required'],
    ['the assistant speaking first', { messages: [{ role: 'assistant', content: 'hello' }, user] }, 'messages: first message must use the "user" role'],
    ['a system message', { messages: [{ role: 'system', content: 'be nice' }, user] }, 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.'],
    ['an unknown role', { messages: [user, { role: 'tool', content: 'x' }] }, 'messages.1.role: Input should be \'user\' or \'assistant\''],
    ['a tool_result without tool_use_id', { messages: [user, uses('t1'), { role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] }, 'messages.2.content.0.tool_result.tool_use_id: Field required'],
    ['parallel results split over two user messages', { messages: [user, uses('t1', 't2'), results('t1'), results('t2')] }, unanswered(1, 't2')],
    ['tool_use with no results after it', { messages: [user, uses('t1', 't2'), user] }, unanswered(1, 't1, t2')],
    ['a tool_result answering nothing', { messages: [user, { role: 'assistant', content: 'ok' }, results('t9')] }, 'messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: t9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'],
    ['a tool name with a space', { tools: [{ name: 'git summary', input_schema: { type: 'object' } }] }, 'tools.0.custom.name: String should match pattern \'^[a-zA-Z0-9_-]{1,64}$\''],
    ['an empty text block', { messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }, 'messages: text content blocks must be non-empty'],
  ])('Anthropic: %s', async (_name, change, message) => {
    const answer = await post('/v1/messages', { model: 'claude-test', max_tokens: 64, messages: [user], ...change }, ANTHROPIC_AUTH);
    expect(answer).toMatchObject({ status: 400, type: 'application/json' });
    expect(answer.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message } });
  });

  it('valid conversations pass both validators (the exported functions)', () => {
    expect(validateOpenAI({ model: 'm', messages: [{ role: 'system', content: 's' }, user, calls('c1', 'c2'), tool('c2'), tool('c1'), user] })).toBeUndefined();
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    expect(validateAnthropic({ model: 'm', max_tokens: 1, tools, messages: [user, uses('t1', 't2'), results('t2', 't1'), { role: 'assistant', content: '' }] })).toBeUndefined();
    expect(validateAnthropic({ model: 'm', max_tokens: 1, messages: [user, uses('t1', 't2'), results('t2', 't1')] })).toBe('Requests which include `tool_use` or `tool_result` blocks must define tools.');
    expect(validateAnthropic({ model: 'm', messages: [user] })).toBe('max_tokens: Field required');
  });

  it('keys: a missing or wrong key is a 401 in each shape; Anthropic takes x-api-key or Bearer; its version header is required', async () => {
    const body = { model: 'm', max_tokens: 8, messages: [user] };
    expect(await post('/v1/chat/completions', body)).toMatchObject({ status: 401, body: { error: { type: 'invalid_request_error', code: null } } });
    expect(await post('/v1/chat/completions', body, { authorization: 'Bearer nope' })).toMatchObject({ status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
    expect((await post('/v1/messages', body, { 'anthropic-version': '2023-06-01' })).body).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
    for (const wrong of [{ 'x-api-key': 'nope' }, { authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
      expect(await post('/v1/messages', body, { ...wrong, 'anthropic-version': '2023-06-01' })).toMatchObject({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    }
    expect(await post('/v1/messages', body, { authorization: 'Bearer k', 'anthropic-version': '2023-06-01' })).toMatchObject({ status: 200, body: { type: 'message', content: [{ type: 'text', text: 'ok' }] } });
    expect(await post('/v1/messages', body, { 'x-api-key': 'k' })).toMatchObject({ status: 400, body: { error: { message: 'anthropic-version: header is required' } } });
    expect(await post('/chat/completions', body, OPENAI_AUTH)).toMatchObject({ status: 200, body: { object: 'chat.completion', choices: [{ message: { content: 'ok' } }] } });
    expect(await post('/v1/completions', body, OPENAI_AUTH)).toMatchObject({ status: 404 });
  });

  it('error replies use each API\'s shape, with retry-after when given', async () => {
    fake.setResponder(() => ({ status: 429, retryAfter: '3' }));
    expect(await post('/v1/chat/completions', { model: 'm', messages: [user] }, OPENAI_AUTH)).toMatchObject({ status: 429, retryAfter: '3', body: { error: { type: 'requests', code: 'rate_limit_exceeded' } } });
    expect(await post('/v1/messages', { model: 'm', max_tokens: 8, messages: [user] }, ANTHROPIC_AUTH)).toMatchObject({ status: 429, retryAfter: '3', body: { type: 'error', error: { type: 'rate_limit_error' } } });
    fake.setResponder(() => ({ status: 529 }));
    expect((await post('/v1/messages', { model: 'm', max_tokens: 8, messages: [user] }, ANTHROPIC_AUTH)).body).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });
});

const toolCallReply: FakeReply = { text: 'Let me check.', toolCalls: [{ id: 'call_1', name: 'git_summary', arguments: { count: 2, note: 'a "b" {c}' } }, { id: 'call_2', name: 'read_file', arguments: {} }] };
const expectedCalls = [{ id: 'call_1', name: 'git_summary', input: { count: 2, note: 'a "b" {c}' } }, { id: 'call_2', name: 'read_file', input: {} }];

describe('the openai SDK accepts the fake', () => {
  const client = () => new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'k', maxRetries: 0 });
  const oaTools: OpenAI.Chat.ChatCompletionTool[] = ['git_summary', 'read_file'].map((name) => ({ type: 'function', function: { name, description: name, parameters: { type: 'object', properties: {} } } }));
  const asked: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are weft.' }, { role: 'user', content: 'hi' }];
  const callsOf = (m: OpenAI.Chat.ChatCompletionMessage) => (m.tool_calls ?? []).map((c) => (c.type === 'function' ? { id: c.id, name: c.function.name, input: JSON.parse(c.function.arguments) as unknown } : c));

  it('non-streaming, with tools and tool calls', async () => {
    fake.setResponder(() => toolCallReply);
    const done = await client().chat.completions.create({ model: 'gpt-test', messages: asked, tools: oaTools });
    expect(done.choices[0]?.message.content).toBe('Let me check.');
    expect(done.choices[0]?.finish_reason).toBe('tool_calls');
    expect(callsOf(done.choices[0]!.message)).toEqual(expectedCalls);
    expect(fake.requests[0]).toMatchObject({ api: 'openai', path: '/v1/chat/completions', headers: { authorization: 'Bearer k' } });
    expect(systemPrompt(fake.requests[0]!)).toBe('You are weft.');
  });

  it('streaming: raw chunks and the stream helper\'s strict assembly agree', async () => {
    fake.setResponder(() => toolCallReply);
    const stream = await client().chat.completions.create({ model: 'gpt-test', messages: asked, tools: oaTools, stream: true, stream_options: { include_usage: true } });
    let text = '';
    const args: string[] = [];
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) args[d.index] = (args[d.index] ?? '') + (d.function?.arguments ?? '');
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Let me check.');
    expect(args.map((a) => JSON.parse(a) as unknown)).toEqual(expectedCalls.map((c) => c.input));
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) as unknown });
    const final = await client().chat.completions.stream({ model: 'gpt-test', messages: asked, tools: oaTools }).finalChatCompletion();
    expect(callsOf(final.choices[0]!.message)).toEqual(expectedCalls);
    expect(fake.requests.every((r) => r.rejection === undefined)).toBe(true);
  });

  it('a second turn carrying the tool results passes; an invalid request is the SDK\'s BadRequestError', async () => {
    fake.setResponder((r) => ({ text: `saw ${lastToolResults(r).map((t) => `${t.id}=${t.content}`).join(' ')}` }));
    const followUp: OpenAI.Chat.ChatCompletionMessageParam[] = [...asked,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'git_summary', arguments: '{}' } }, { id: 'call_2', type: 'function', function: { name: 'read_file', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'one' }, { role: 'tool', tool_call_id: 'call_2', content: 'two' }];
    const done = await client().chat.completions.create({ model: 'gpt-test', messages: followUp, tools: oaTools });
    expect(done.choices[0]?.message.content).toBe('saw call_1=one call_2=two');
    const bad = await client().chat.completions.create({ model: 'gpt-test', messages: followUp.slice(0, -1), tools: oaTools }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad).toMatchObject({ status: 400, message: expect.stringContaining('did not have response messages: call_2') as unknown });
    const badName = await client().chat.completions.create({ model: 'gpt-test', messages: asked, tools: [{ type: 'function', function: { name: 'git summary' } }] }).catch((e: unknown) => e);
    expect(badName).toMatchObject({ status: 400, message: expect.stringContaining('string does not match pattern') as unknown });
  });
});

describe('the @anthropic-ai/sdk accepts the fake', () => {
  const client = () => new Anthropic({ baseURL: fake.url, apiKey: 'k', maxRetries: 0 });
  const anTools: Anthropic.Tool[] = ['git_summary', 'read_file'].map((name) => ({ name, description: name, input_schema: { type: 'object', properties: {} } }));
  const asked: Anthropic.MessageParam[] = [{ role: 'user', content: 'hi' }];
  const callsOf = (content: Anthropic.ContentBlock[]) => content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, input: b.input }] : []));

  it('non-streaming, with tools and tool_use', async () => {
    fake.setResponder(() => toolCallReply);
    const message = await client().messages.create({ model: 'claude-test', max_tokens: 64, system: 'You are weft.', messages: asked, tools: anTools });
    expect(message.content[0]).toEqual({ type: 'text', text: 'Let me check.' });
    expect(callsOf(message.content)).toEqual(expectedCalls);
    expect(message.stop_reason).toBe('tool_use');
    const sent = fake.requests[0]!;
    expect(sent.headers['anthropic-version']).toBeTruthy();
    expect(sent.headers.authorization ?? sent.headers['x-api-key']).toMatch(/^(Bearer )?k$/);
    expect(systemPrompt(sent)).toBe('You are weft.');
  });

  it('streaming: messages.stream() assembles the tool input from the JSON pieces; create({stream:true}) yields every event', async () => {
    fake.setResponder(() => toolCallReply);
    const stream = client().messages.stream({ model: 'claude-test', max_tokens: 64, messages: asked, tools: anTools });
    let text = '';
    stream.on('text', (piece) => { text += piece; });
    const final = await stream.finalMessage();
    expect(text).toBe('Let me check.');
    expect(callsOf(final.content)).toEqual(expectedCalls);
    expect(final.stop_reason).toBe('tool_use');
    const raw = await client().messages.create({ model: 'claude-test', max_tokens: 64, messages: asked, stream: true });
    const types: string[] = [];
    for await (const event of raw) types.push(event.type);
    const block = (deltas: number) => ['content_block_start', ...Array<string>(deltas).fill('content_block_delta'), 'content_block_stop'];
    expect(types).toEqual(['message_start', ...block(2), ...block(3), ...block(3), 'message_delta', 'message_stop']); // ping is the SDK's to drop
  });

  it('a tool_result turn passes; an invalid request is the SDK\'s BadRequestError', async () => {
    fake.setResponder((r) => ({ text: `saw ${lastToolResults(r).map((t) => `${t.id}=${t.content}`).join(' ')}` }));
    const followUp: Anthropic.MessageParam[] = [...asked,
      { role: 'assistant', content: expectedCalls.map((c) => ({ type: 'tool_use' as const, ...c })) },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'one' }, { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: 'two' }] }] }];
    const message = await client().messages.create({ model: 'claude-test', max_tokens: 64, messages: followUp, tools: anTools });
    expect(message.content).toEqual([{ type: 'text', text: 'saw call_1=one call_2=two' }]);
    const noMax = await client().messages.create({ model: 'claude-test', messages: asked } as unknown as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(noMax).toBeInstanceOf(Anthropic.BadRequestError);
    expect(noMax).toMatchObject({ status: 400, message: expect.stringContaining('max_tokens: Field required') as unknown });
    const badName = await client().messages.create({ model: 'claude-test', max_tokens: 64, messages: asked, tools: [{ ...anTools[0]!, name: 'git summary' }] }).catch((e: unknown) => e);
    expect(badName).toMatchObject({ status: 400, message: expect.stringContaining('tools.0.custom.name') as unknown });
  });
});

describe('weft\'s transports against the fake', () => {
  const tools: ModelTool[] = ['git_summary', 'read_file'].map((name) => ({ name, description: name, inputSchema: { type: 'object', properties: {} } }));

  it('transportFor picks the wire format', () => {
    expect(transportFor('openai')).not.toBe(transportFor('anthropic'));
    expect(() => transportFor('gemini' as ProviderApi)).toThrow(/unknown provider api "gemini"/);
    expect([typeof openaiChat, typeof anthropicMessages]).toEqual(['function', 'function']);
  });

  it.each(['openai', 'anthropic'] as const)('%s: a multi-turn conversation with parallel tool calls and their results passes validation', async (api) => {
    // the model asks for two tools whenever the last message is the user's, and answers once it has their results
    fake.setResponder((r) => {
      const results = lastToolResults(r);
      if (results.length > 0) return { text: `done with ${results.map((t) => t.content).join(' and ')}` };
      return { text: 'Checking.', toolCalls: [{ name: 'git_summary', arguments: { count: 1 } }, { name: 'read_file', arguments: { path: 'a' } }] };
    });
    const endpoint = { baseUrl: api === 'openai' ? `${fake.url}/v1` : fake.url, apiKey: 'k' };
    const messages: ChatMessage[] = [];
    const replies: string[] = [];
    for (const question of ['look around', 'once more']) {
      messages.push({ role: 'user', content: question });
      for (let turn = 0; turn < 3; turn++) {
        let text = '';
        const toolCalls = [];
        for await (const e of transportFor(api)(endpoint, { model: 'model-test', system: 'You are weft.', maxTokens: 128, messages, tools })) {
          if (e.type === 'text') text += e.text;
          if (e.type === 'tool_call') toolCalls.push(e.call);
        }
        messages.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
        if (toolCalls.length === 0) { replies.push(text); break; }
        for (const call of toolCalls) messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: `${call.name} result` });
      }
    }
    expect(replies).toEqual(['done with git_summary result and read_file result', 'done with git_summary result and read_file result']);
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests.map((r) => r.rejection)).toEqual([undefined, undefined, undefined, undefined]);
    expect(fake.requests.map((r) => systemPrompt(r))).toEqual(Array(4).fill('You are weft.'));
  });
});
