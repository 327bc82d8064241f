import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble, exchanges } from '../../src/agent/assembler.js';
import { messageTokens, type ChatMessage } from '../../src/agent/messages.js';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const reply = (content: string): ChatMessage => ({ role: 'assistant', content });
const call = (id: string): ChatMessage => ({ role: 'assistant', content: '', toolCalls: [{ id, name: 'git_summary', arguments: { count: 2 } }] });
const result = (id: string, content = 'ok'): ChatMessage => ({ role: 'tool', toolCallId: id, name: 'git_summary', content });

describe('assemble', () => {
  it('keeps the newest exchanges that fit and drops whole old ones', () => {
    const history = [user('a'.repeat(400)), reply('b'.repeat(400)), user('c'), call('t1'), result('t1', 'd'.repeat(200)), reply('e'), user('now')];
    const all = assemble('system', history, 10_000);
    expect(all.messages).toEqual(history);
    expect(all.dropped).toBe(0);
    const some = assemble('system', history, 150);
    expect(some.dropped).toBe(1);
    expect(some.messages[0]).toEqual(user('c'));
    expect(some.overBudget).toBe(false);
    const tiny = assemble('system', history, 1);
    expect(tiny.messages).toEqual([user('now')]);
    expect(tiny.overBudget).toBe(true);
  });

  it('never leaves a tool result without its call, nor a call without its results, and stays within budget when it can (property)', () => {
    const turn = fc.tuple(fc.string({ maxLength: 80 }), fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 120 })), { maxLength: 3 }), fc.string({ maxLength: 80 }))
      .map(([q, calls, a]): ChatMessage[] => [user(q), ...calls.flatMap(([id, out], i) => [call(`${id}-${i}`), result(`${id}-${i}`, out)]), reply(a)]);
    fc.assert(fc.property(fc.array(turn, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 2_000 }), (turns, budget) => {
      const history = turns.flat();
      const out = assemble('You are weft.', history, budget);
      const calls = new Set(out.messages.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.id) : [])));
      const results = new Set(out.messages.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])));
      expect([...results].every((id) => calls.has(id))).toBe(true);
      expect([...calls].every((id) => results.has(id))).toBe(true);
      expect(out.messages[0]?.role).toBe('user');
      const newest = exchanges(history).at(-1)!;
      expect(out.messages.slice(-newest.length)).toEqual(newest);
      if (out.dropped > 0 || !out.overBudget) expect(out.tokens <= budget || exchanges(out.messages).length === 1).toBe(true);
      expect(out.tokens).toBe(Math.ceil('You are weft.'.length / 4) + out.messages.reduce((n, m) => n + messageTokens(m), 0));
    }), { numRuns: 300 });
  });
});
