/** Provider-neutral conversation messages (the transports map them to each wire format). */
export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model sent them (a JSON object). */
  arguments: Record<string, unknown>;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string; isError?: boolean };

/** A rough token count (4 characters a token), the same for every provider: the budget is a guard, not a bill. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function messageTokens(m: ChatMessage): number {
  const calls = m.role === 'assistant' && m.toolCalls ? JSON.stringify(m.toolCalls) : '';
  return estimateTokens(m.content) + estimateTokens(calls) + 4;
}
