/**
 * The request checks of the fake provider: the rules the real OpenAI Chat
 * Completions and Anthropic Messages APIs enforce that a transport can break
 * (pairing of tool calls and results, tool names, required fields, roles),
 * with the messages those APIs answer. Each returns the problem or undefined.
 */
type Json = Record<string, unknown>;

export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** OpenAI's 400 carries the offending parameter and a code besides the message. */
export interface OpenAIProblem {
  message: string;
  param: string | null;
  code: string | null;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const problem = (message: string, param: string | null = null, code: string | null = null): OpenAIProblem => ({ message, param, code });
const OPENAI_ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];

function openaiToolProblem(tools: unknown[]): OpenAIProblem | undefined {
  for (const [i, tool] of tools.entries()) {
    const name = isObject(tool) && isObject(tool.function) ? tool.function.name : undefined;
    const param = `tools[${i}].function.name`;
    if (typeof name !== 'string') return problem(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
    if (name.length > 64) return problem(`Invalid '${param}': string too long. Expected a string with maximum length 64, but got a string with length ${name.length} instead.`, param, 'string_above_max_length');
    if (!TOOL_NAME_PATTERN.test(name)) return problem(`Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, param, 'invalid_value');
  }
  return undefined;
}

function unanswered(at: number, ids: Set<string>): OpenAIProblem {
  return problem(`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...ids].join(', ')}`, `messages.[${at}].role`);
}

/** Tool messages must directly follow the assistant message whose calls they answer, one for each call. */
function openaiPairingProblem(messages: Json[]): OpenAIProblem | undefined {
  let pending = new Set<string>();
  let callsAt = -1; // the assistant message whose calls are being answered, or -1 outside such a run
  for (const [i, m] of messages.entries()) {
    if (m.role === 'tool') {
      if (typeof m.tool_call_id !== 'string') return problem('Missing parameter \'tool_call_id\': messages with role \'tool\' must have a \'tool_call_id\'.', `messages.[${i}].tool_call_id`, 'missing_required_parameter');
      if (callsAt < 0) return problem('Invalid parameter: messages with role \'tool\' must be a response to a preceeding message with \'tool_calls\'.', `messages.[${i}].role`);
      if (!pending.delete(m.tool_call_id)) return problem(`Invalid parameter: 'tool_call_id' of '${m.tool_call_id}' not found in 'tool_calls' of previous message.`, `messages.[${i}].tool_call_id`);
      continue;
    }
    if (pending.size > 0) return unanswered(callsAt, pending);
    const calls = m.role === 'assistant' && Array.isArray(m.tool_calls) ? m.tool_calls : [];
    callsAt = calls.length > 0 ? i : -1;
    pending = new Set(calls.map((c) => (isObject(c) ? String(c.id) : '')));
  }
  return pending.size > 0 ? unanswered(callsAt, pending) : undefined;
}

export function openaiProblem(body: unknown): OpenAIProblem | undefined {
  if (!isObject(body)) return problem('We could not parse the JSON body of your request.');
  if (typeof body.model !== 'string' || !body.model) return problem('you must provide a model parameter');
  if (!Array.isArray(body.messages)) return problem('Missing required parameter: \'messages\'.', 'messages', 'missing_required_parameter');
  if (body.messages.length === 0) return problem('Invalid \'messages\': empty array. Expected an array with minimum length 1, but got an empty array instead.', 'messages', 'empty_array');
  const toolProblem = Array.isArray(body.tools) ? openaiToolProblem(body.tools) : undefined;
  if (toolProblem) return toolProblem;
  for (const [i, m] of body.messages.entries()) {
    const role = isObject(m) ? m.role : undefined;
    if (typeof role !== 'string' || !OPENAI_ROLES.includes(role)) {
      return problem(`Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, `messages[${i}].role`, 'invalid_value');
    }
  }
  return openaiPairingProblem(body.messages as Json[]);
}

export function validateOpenAI(body: unknown): string | undefined {
  return openaiProblem(body)?.message;
}

function blocks(m: Json): Json[] {
  if (typeof m.content === 'string') return m.content ? [{ type: 'text', text: m.content }] : [];
  return Array.isArray(m.content) ? m.content.filter(isObject) : [];
}

function idsOf(m: Json | undefined, type: 'tool_use' | 'tool_result'): string[] {
  if (!m) return [];
  return blocks(m).filter((b) => b.type === type).map((b) => String(type === 'tool_use' ? b.id : b.tool_use_id));
}

/** A message's own shape: its role, non-empty content, text that says something, ids on tool blocks. */
function anthropicMessageProblem(m: Json, i: number, last: boolean): string | undefined {
  if (m.role === 'system') return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
  if (m.role !== 'user' && m.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
  const content = blocks(m);
  if (content.length === 0 && !(last && m.role === 'assistant')) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
  for (const [j, b] of content.entries()) {
    if (b.type === 'text' && typeof b.text === 'string' && !b.text) return 'messages: text content blocks must be non-empty';
    if (b.type === 'text' && typeof b.text === 'string' && !b.text.trim()) return 'messages: text content blocks must contain non-whitespace text';
    if (b.type === 'tool_result' && typeof b.tool_use_id !== 'string') return `messages.${i}.content.${j}.tool_result.tool_use_id: Field required`;
    if (b.type === 'tool_use' && typeof b.id !== 'string') return `messages.${i}.content.${j}.tool_use.id: Field required`;
  }
  return undefined;
}

/** Each tool_use must be answered by a tool_result in the very next message, and each tool_result must answer the message before. */
function anthropicPairingProblem(messages: Json[]): string | undefined {
  for (const [i, m] of messages.entries()) {
    const results = idsOf(m, 'tool_result');
    const asked = idsOf(messages[i - 1], 'tool_use');
    const stray = results.filter((id) => !asked.includes(id));
    if (stray.length > 0) {
      const at = blocks(m).findIndex((b) => b.type === 'tool_result' && b.tool_use_id === stray[0]);
      return `messages.${i}.content.${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
    const answered = idsOf(messages[i + 1], 'tool_result');
    const missing = idsOf(m, 'tool_use').filter((id) => !answered.includes(id));
    if (missing.length > 0) {
      return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
  }
  return undefined;
}

export function validateAnthropic(body: unknown): string | undefined {
  if (!isObject(body)) return 'There was an error parsing the body of your request';
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (body.max_tokens === undefined) return 'max_tokens: Field required';
  if (!Number.isInteger(body.max_tokens)) return 'max_tokens: Input should be a valid integer';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (body.messages.length === 0) return 'messages: at least one message is required';
  for (const [i, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    const t = isObject(tool) ? tool : {};
    if (typeof t.name !== 'string' || !TOOL_NAME_PATTERN.test(t.name)) return `tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
    if (!isObject(t.input_schema)) return `tools.${i}.custom.input_schema: Field required`;
  }
  const messages = body.messages.map((m) => (isObject(m) ? m : {}));
  for (const [i, m] of messages.entries()) {
    const found = anthropicMessageProblem(m, i, i === messages.length - 1);
    if (found) return found;
  }
  if (messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
  const pairing = anthropicPairingProblem(messages);
  if (pairing) return pairing;
  const toolBlocks = messages.some((m) => Array.isArray(m.content) && m.content.some((b) => isObject(b) && (b.type === 'tool_use' || b.type === 'tool_result')));
  if (toolBlocks && !(Array.isArray(body.tools) && body.tools.length > 0)) return 'Requests which include `tool_use` or `tool_result` blocks must define tools.';
  return undefined;
}
