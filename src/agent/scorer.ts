/**
 * The Scorer stage: how a turn went, in numbers a later pass can mine.
 * Success means the model answered and every tool it called worked.
 */
import type { PipelineStage } from '../plugin/contract/pipeline.js';
import type { TurnOutcome } from './turn.js';

export interface TurnScore {
  success: boolean;
  /** Registry tools called, in call order (activate_skill as `activate_skill:<skill>`). */
  tools: string[];
  failedTools: number;
  latencyMs: number;
  rounds: number;
}

export function scoreTurn(outcome: Pick<TurnOutcome, 'status' | 'records' | 'latencyMs' | 'rounds'>): TurnScore {
  const tools = outcome.records.map((r) => r.toolId ?? (r.call.name === 'activate_skill' ? `activate_skill:${String(r.call.arguments.name ?? '')}` : r.call.name));
  const failedTools = outcome.records.filter((r) => !r.ok).length;
  return { success: outcome.status === 'answered' && failedTools === 0, tools, failedTools, latencyMs: Math.round(outcome.latencyMs), rounds: outcome.rounds };
}

export function scorerStage(): PipelineStage<Pick<TurnOutcome, 'status' | 'records' | 'latencyMs' | 'rounds'>, TurnScore> {
  return { name: 'scorer', run: async (outcome) => scoreTurn(outcome) };
}
