/**
 * What the fake provider sends back, in each API's exact wire format: the
 * error bodies, the JSON answer of a non-streaming request, and the SSE
 * events of a streaming one (text and tool-call arguments cut into pieces,
 * as the real services do, so a client's reassembly is exercised).
 */
export type WireApi = 'openai' | 'anthropic';

export interface WireToolCall {
  id?: string;
  name: string;
  arguments: object;
}

/** What to answer with (the part of FakeReply that shapes a successful response). */
export interface WireAnswer {
  text?: string;
  toolCalls?: WireToolCall[];
  /** An error reported inside the stream after the first text piece (Anthropic `event: error`, OpenAI `data: {"error":…}`). */
  streamError?: { type: string; message: string };
}

export interface SseScript {
  events: string[];
  /** Index of the event carrying the first piece of text (where hangAfterFirstChunk stops). */
  firstText: number;
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};
const OPENAI_ERRORS: Record<number, { type: string; code: string | null }> = {
  401: { type: 'invalid_request_error', code: 'invalid_api_key' }, 429: { type: 'requests', code: 'rate_limit_exceeded' },
};
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.', 401: 'invalid x-api-key', 403: 'Permission denied.', 404: 'Not found.', 429: 'Rate limit reached for requests.',
  500: 'Internal server error', 503: 'Service unavailable', 529: 'Overloaded',
};

export function defaultErrorMessage(status: number): string {
  return DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
}

/** `code` left undefined takes the status's usual code (401: invalid_api_key, 429: rate_limit_exceeded). */
export function openaiErrorBody(status: number, message: string, param: string | null = null, code?: string | null): object {
  const known = OPENAI_ERRORS[status];
  const type = known?.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  return { error: { message, type, param, code: code === undefined ? known?.code ?? null : code } };
}

export function anthropicErrorBody(status: number, message: string, type?: string): object {
  return { type: 'error', error: { type: type ?? ANTHROPIC_ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message } };
}

/** Two pieces (or one, when too short to cut), so a client must join them. */
function halves(text: string): string[] {
  if (text.length < 2) return [text];
  const at = Math.ceil(text.length / 2);
  return [text.slice(0, at), text.slice(at)];
}

const callsOf = (answer: WireAnswer, prefix: string, index: number) =>
  (answer.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `${prefix}_${index}_${i}`, name: c.name, json: JSON.stringify(c.arguments) }));

const tokens = (value: unknown): number => Math.ceil(JSON.stringify(value ?? '').length / 4);

export function openaiCompletion(body: Record<string, unknown>, answer: WireAnswer, index: number): object {
  const calls = callsOf(answer, 'call_fake', index);
  const toolCalls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.json } }));
  const [prompt, completion] = [tokens(body.messages), tokens(answer)];
  return {
    id: `chatcmpl-fake-${index}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
    choices: [{
      index: 0, logprobs: null, finish_reason: calls.length ? 'tool_calls' : 'stop',
      message: { role: 'assistant', content: answer.text ?? null, refusal: null, ...(calls.length ? { tool_calls: toolCalls } : {}) },
    }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

export function openaiSse(body: Record<string, unknown>, answer: WireAnswer, index: number): SseScript {
  const base = { id: `chatcmpl-fake-${index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model };
  const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '' })];
  const firstText = answer.text ? events.length : 0;
  for (const piece of answer.text ? halves(answer.text) : []) events.push(chunk({ content: piece }));
  if (answer.streamError) {
    events.splice(firstText + 1, events.length, `data: ${JSON.stringify({ error: { message: answer.streamError.message, type: answer.streamError.type, param: null, code: null } })}\n\n`);
    return { events, firstText };
  }
  const calls = callsOf(answer, 'call_fake', index);
  for (const [i, c] of calls.entries()) {
    const [head = '', tail] = halves(c.json);
    events.push(chunk({ tool_calls: [{ index: i, id: c.id, type: 'function', function: { name: c.name, arguments: head } }] }));
    if (tail) events.push(chunk({ tool_calls: [{ index: i, function: { arguments: tail } }] }));
  }
  events.push(chunk({}, calls.length ? 'tool_calls' : 'stop'));
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) {
    const [prompt, completion] = [tokens(body.messages), tokens(answer)];
    events.push(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`);
  }
  events.push('data: [DONE]\n\n');
  return { events, firstText };
}

function anthropicContent(answer: WireAnswer, index: number) {
  const text = answer.text ? [{ type: 'text' as const, text: answer.text }] : [];
  const calls = callsOf(answer, 'toolu_fake', index).map((c) => ({ type: 'tool_use' as const, id: c.id, name: c.name, input: JSON.parse(c.json) as object, json: c.json }));
  return { text, calls, stopReason: calls.length ? 'tool_use' : 'end_turn' };
}

export function anthropicMessage(body: Record<string, unknown>, answer: WireAnswer, index: number): object {
  const { text, calls, stopReason } = anthropicContent(answer, index);
  return {
    id: `msg_fake_${index}`, type: 'message', role: 'assistant', model: body.model,
    content: [...text, ...calls.map(({ json: _json, ...block }) => block)],
    stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: tokens(body.messages), output_tokens: tokens(answer) },
  };
}

export function anthropicSse(body: Record<string, unknown>, answer: WireAnswer, index: number): SseScript {
  const event = (data: { type: string } & Record<string, unknown>) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
  const { text, calls, stopReason } = anthropicContent(answer, index);
  const events = [
    event({ type: 'message_start', message: { id: `msg_fake_${index}`, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: tokens(body.messages), output_tokens: 1 } } }),
    event({ type: 'ping' }),
  ];
  let firstText = 0;
  for (const block of text) {
    events.push(event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    firstText = events.length;
    for (const piece of halves(block.text)) events.push(event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }));
    events.push(event({ type: 'content_block_stop', index: 0 }));
  }
  if (answer.streamError) {
    events.splice(firstText + 1, events.length, event({ type: 'error', error: { type: answer.streamError.type, message: answer.streamError.message } }));
    return { events, firstText };
  }
  for (const [i, call] of calls.entries()) {
    const at = text.length + i;
    events.push(event({ type: 'content_block_start', index: at, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
    // the real service starts with an empty piece, then the JSON in fragments
    for (const piece of ['', ...halves(call.json)]) events.push(event({ type: 'content_block_delta', index: at, delta: { type: 'input_json_delta', partial_json: piece } }));
    events.push(event({ type: 'content_block_stop', index: at }));
  }
  events.push(event({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: tokens(answer) } }));
  events.push(event({ type: 'message_stop' }));
  return { events, firstText };
}
