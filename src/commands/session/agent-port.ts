/**
 * Between the slash commands and the agent: a turn's outcome as a command
 * result (with its exit code), and the session commands over the agent's
 * sessions. The REPL and scripted mode each supply the hooks (how text is
 * shown, how an approval is asked).
 */
import type { Agent, TurnHooks, TurnOutcome } from '../../agent/index.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { CommandResult, SessionPort, SlashContext } from '../../slash/index.js';

export function outcomeResult(outcome: TurnOutcome, session: string, streamed: boolean): CommandResult {
  const refused = outcome.records.flatMap((r) => (r.refused ? [r.refused] : []));
  if (outcome.status === 'provider-error' && !outcome.text) {
    return { kind: 'error', message: outcome.error?.message ?? 'the model provider failed', ...(outcome.error?.fix ? { fix: outcome.error.fix } : {}), exitCode: ExitCode.provider };
  }
  const tools = outcome.records.map((r) => r.toolId ?? r.call.name);
  const base = { kind: 'answer' as const, text: outcome.text, session, streamed, tools, refused };
  switch (outcome.status) {
    case 'answered': return base;
    case 'cancelled': return { ...base, failed: { message: 'cancelled: the turn stopped', exitCode: ExitCode.cancelled } };
    case 'turn-limit': return { ...base, failed: { message: outcome.error!.message, ...(outcome.error?.fix ? { fix: outcome.error.fix } : {}), exitCode: ExitCode.toolFailed } };
    case 'provider-error': return { ...base, failed: { message: outcome.error?.message ?? 'the model provider failed', ...(outcome.error?.fix ? { fix: outcome.error.fix } : {}), exitCode: ExitCode.provider } };
    case 'error': return { ...base, failed: { message: outcome.error?.message ?? 'the turn failed', ...(outcome.error?.fix ? { fix: outcome.error.fix } : {}), exitCode: ExitCode.error } };
  }
}

/** The slash context's `agent`: a turn with `hooks(ctx)`, its outcome as a result. */
export function agentPort(agent: Agent, hooks: (ctx: SlashContext) => TurnHooks, streams: boolean): SlashContext['agent'] {
  return async (request, ctx) => {
    const outcome = await agent.turn(request.text, hooks(ctx), ctx.signal, request.skill);
    return outcomeResult(outcome, agent.sessionId, streams && outcome.text.length > 0);
  };
}

export function sessionPort(agent: Agent): SessionPort {
  return {
    current: () => agent.sessionId,
    list: () => agent.list(),
    resume: async (id) => {
      const s = await agent.resume(id);
      return { id: s.id, messages: s.messages.length, title: s.title };
    },
    startNew: () => agent.startNew(),
  };
}
