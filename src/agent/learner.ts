/**
 * The Learner stage: one journal entry per turn in the memory backend
 * (namespace `journal`): which tools ran, in what order, whether the turn
 * worked, how long it took. A later pass mines it for repeated sequences.
 * Never the conversation's text, never keys.
 */
import type { MemoryBackend } from '../plugin/contract/memory.js';
import type { PipelineStage } from '../plugin/contract/pipeline.js';
import type { TurnScore } from './scorer.js';
import type { TurnOutcome } from './turn.js';

export const JOURNAL_NAMESPACE = 'journal';
/** Entries older than this are dropped: the journal is for patterns, not an archive. */
export const JOURNAL_TTL_MS = 90 * 24 * 3600 * 1000;

export interface JournalEntry {
  at: string;
  session?: string;
  kind: string;
  provider?: string;
  model?: string;
  status: TurnOutcome['status'];
  tools: string[];
  success: boolean;
  failedTools: number;
  latencyMs: number;
  rounds: number;
}

export interface LearnerInput {
  outcome: Pick<TurnOutcome, 'status' | 'route'>;
  score: TurnScore;
  session: string | undefined;
  kind: string;
}

export function learnerStage(memory: MemoryBackend | undefined, now = () => new Date()): PipelineStage<LearnerInput, JournalEntry | undefined> {
  return {
    name: 'learner',
    run: async ({ outcome, score, session, kind }) => {
      const at = now().toISOString();
      const entry: JournalEntry = {
        at, kind, status: outcome.status, ...(session ? { session } : {}),
        ...(outcome.route ? { provider: outcome.route.provider, model: outcome.route.model } : {}),
        tools: score.tools, success: score.success, failedTools: score.failedTools, latencyMs: score.latencyMs, rounds: score.rounds,
      };
      if (!memory) return entry;
      const key = `${at}-${Math.random().toString(36).slice(2, 8)}`;
      await memory.store(JOURNAL_NAMESPACE, key, entry, { ttlMs: JOURNAL_TTL_MS });
      return entry;
    },
  };
}
