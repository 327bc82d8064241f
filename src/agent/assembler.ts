/**
 * The Assembler's budget: the system prompt plus as many recent exchanges
 * as fit. An exchange is a user message and everything after it up to the
 * next one (assistant replies, tool calls, their results), so dropping
 * whole old exchanges never leaves a tool result without its call or a
 * call without its results. The newest exchange is always kept, even over
 * the budget (then `overBudget` says so).
 */
import { messageTokens, estimateTokens, type ChatMessage } from './messages.js';

export interface Assembled {
  system: string;
  messages: ChatMessage[];
  /** Exchanges left out (oldest first), and whether even the newest one does not fit. */
  dropped: number;
  overBudget: boolean;
  tokens: number;
}

/** Splits a history into exchanges (messages before the first user message form one of their own). */
export function exchanges(history: readonly ChatMessage[]): ChatMessage[][] {
  const out: ChatMessage[][] = [];
  for (const m of history) {
    if (m.role === 'user' || out.length === 0) out.push([m]);
    else out[out.length - 1]!.push(m);
  }
  return out;
}

export function assemble(system: string, history: readonly ChatMessage[], budgetTokens: number): Assembled {
  const groups = exchanges(history);
  const cost = (g: ChatMessage[]): number => g.reduce((n, m) => n + messageTokens(m), 0);
  let tokens = estimateTokens(system);
  const kept: ChatMessage[][] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const c = cost(groups[i]!);
    if (kept.length > 0 && tokens + c > budgetTokens) break;
    kept.unshift(groups[i]!);
    tokens += c;
  }
  return { system, messages: kept.flat(), dropped: groups.length - kept.length, overBudget: tokens > budgetTokens, tokens };
}
