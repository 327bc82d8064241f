/**
 * One agent turn: Classifier → Router → (Assembler → Transport → tools)
 * rounds until the model answers without tool calls or the turn limit is
 * reached → Scorer → Learner. The history handed in is never changed; the
 * turn returns the messages it added, always whole (every tool call has
 * its result), so a session can be continued with any provider.
 */
import type { WeftPaths } from '../config/paths.js';
import type { MemoryBackend } from '../plugin/contract/memory.js';
import type { LiveRegistry, RegistrySnapshot } from '../registry/index.js';
import { activateSkillTool } from './activate.js';
import { classifierStage, type Classified } from './classifier.js';
import { ToolExecutor, type ExecutorHooks, type ToolCallRecord } from './executor.js';
import { learnerStage, type JournalEntry } from './learner.js';
import type { ChatMessage } from './messages.js';
import { assemblerStage } from './prompt.js';
import { RouteError, routerStage, type Route } from './router.js';
import { scorerStage } from './scorer.js';
import { agentToolView } from './tools.js';
import { transportStage } from './transport-stage.js';
import { ProviderError, type ModelTool } from './transport/types.js';
import { skillRequest } from './skill-request.js';

export interface TurnInput {
  text: string;
  /** Set for a skill's /command: the skill to run, `text` being its arguments. */
  skill?: string;
  history: readonly ChatMessage[];
  session?: string;
}

export interface TurnHooks extends ExecutorHooks {
  onText?: (text: string) => void;
  onRoute?: (route: Route) => void;
  /** A new model call begins (round counts from 1). */
  onRound?: (round: number) => void;
}

/** `error`: a fault in weft itself (the conversation so far is still kept). */
export type TurnStatus = 'answered' | 'turn-limit' | 'cancelled' | 'provider-error' | 'error';

export interface TurnOutcome {
  status: TurnStatus;
  /** The final answer (the last reply's text). */
  text: string;
  /** What this turn added to the history: the user message, replies, tool results. */
  messages: ChatMessage[];
  records: ToolCallRecord[];
  rounds: number;
  route?: Route;
  error?: { message: string; fix?: string };
  latencyMs: number;
  journal?: JournalEntry;
}

export interface AgentDeps {
  registry: LiveRegistry;
  paths: WeftPaths;
  memory?: MemoryBackend;
  env?: NodeJS.ProcessEnv;
}

/**
 * The view's tools, or none when nothing could be called. A history with
 * tool calls always sends some: Anthropic refuses tool blocks in a request
 * that defines no tools.
 */
function toolsFor(snapshot: RegistrySnapshot, needsTools: boolean, history: readonly ChatMessage[]): ModelTool[] {
  const usedTools = history.some((m) => m.role === 'tool');
  if (!needsTools && !usedTools) return [];
  const { tools } = agentToolView(snapshot);
  return tools.length === 0 && usedTools ? [activateSkillTool(snapshot)] : tools;
}

/** Gives each tool call of the last reply that has no result one saying it did not run. */
function answerOpenCalls(added: ChatMessage[]): void {
  const last = added.findLastIndex((m) => m.role === 'assistant');
  const reply = added[last];
  if (!reply || reply.role !== 'assistant' || !reply.toolCalls) return;
  const answered = new Set(added.slice(last + 1).flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])));
  for (const call of reply.toolCalls) {
    if (!answered.has(call.id)) added.push({ role: 'tool', toolCallId: call.id, name: call.name, content: `${call.name} was not run: the turn ended first`, isError: true });
  }
}

/** What to check, by what went wrong: the key, the server, the model, or nothing (the provider's trouble). */
function providerFix(error: ProviderError, route: Route): string {
  const field = `providers.${route.provider}`;
  switch (error.kind) {
    case 'auth': return route.endpoint.apiKeyEnv ? `Check the key in ${route.endpoint.apiKeyEnv} (${field}.apiKeyEnv names it).` : `${field} has no apiKeyEnv: set it to the variable that holds the key.`;
    case 'network': return `Check that the server at ${route.endpoint.baseUrl} is up, and ${field}.baseUrl in $CLAWFT_HOME/config.json.`;
    case 'rejected': return `The provider refused the request: check ${field}.model ("${route.model}") and ${field}.baseUrl.`;
    case 'protocol': return `The reply could not be read; if it was cut off, raise ${field}.maxTokens (or agent.maxTokens).`;
    default: return 'The provider is having trouble: try again shortly, or route to another provider (providers.routes).';
  }
}

export async function runTurn(deps: AgentDeps, input: TurnInput, hooks: TurnHooks, signal: AbortSignal): Promise<TurnOutcome> {
  const started = performance.now();
  const snapshot0 = deps.registry.current();
  // Text that reaches the agent is chat even when it starts with `/` (typed as `//…`): the classifier's escape keeps it so.
  const classified: Classified = input.skill ? { kind: 'skill', needsTools: true, activatedSkill: input.skill }
    : await classifierStage(deps.registry).run(input.text.startsWith('/') ? `/${input.text}` : input.text, signal);
  const user: ChatMessage = { role: 'user', content: skillRequest(snapshot0, input.text, classified) };
  const added: ChatMessage[] = [user];
  const records: ToolCallRecord[] = [];
  const outcome = (status: TurnStatus, text: string, extra: Partial<TurnOutcome> = {}): TurnOutcome =>
    ({ status, text, messages: added, records, rounds: 0, latencyMs: performance.now() - started, ...extra });

  let route: Route;
  try {
    route = await routerStage(() => deps.registry.current().config, deps.env).run(classified, signal);
  } catch (error) {
    if (error instanceof RouteError) return outcome('provider-error', '', { messages: [], error: { message: error.message, fix: error.fix } });
    throw error;
  }
  hooks.onRoute?.(route);
  const assembler = assemblerStage(deps.paths);
  const transport = transportStage();
  const executor = new ToolExecutor(deps.registry, hooks);
  const { maxTurns } = deps.registry.current().config.agent;
  // What the model said across rounds: shown and kept as one answer, rounds apart by a blank line.
  const texts: string[] = [];
  const said = (): string => texts.filter(Boolean).join('\n\n');
  let result: TurnOutcome | undefined;
  let round = 0;
  let partial = ''; // the text of the model call under way
  try {
    while (!result) {
      round++;
      hooks.onRound?.(round);
      const snapshot = deps.registry.current();
      const history = [...input.history, ...added];
      const assembled = await assembler.run({ snapshot, history }, signal);
      const tools = toolsFor(snapshot, classified.needsTools, history);
      partial = '';
      const onText = (text: string): void => {
        if (!partial && said()) hooks.onText?.('\n\n');
        partial += text;
        hooks.onText?.(text);
      };
      const reply = await transport.run({ route, assembled, tools, idleTimeoutMs: snapshot.config.agent.idleTimeoutMs, onText }, signal);
      partial = '';
      texts.push(reply.text);
      // An empty reply is not kept: providers refuse an assistant message with no content.
      if (reply.text || reply.calls.length) added.push({ role: 'assistant', content: reply.text, ...(reply.calls.length ? { toolCalls: reply.calls } : {}) });
      if (reply.cancelled) { result = outcome('cancelled', said()); break; }
      if (reply.calls.length === 0) { result = outcome('answered', said()); break; }
      const ran = await executor.run(reply.calls, signal);
      added.push(...ran.messages);
      records.push(...ran.records);
      if (signal.aborted) result = outcome('cancelled', said());
      else if (round >= maxTurns) {
        result = outcome('turn-limit', said(), { error: {
          message: `the turn stopped after ${round} model calls: the model kept asking for tools`,
          fix: `If the task needs more, raise agent.maxTurns (now ${maxTurns}; \`weft config show\` says which file sets it).`,
        } });
      }
    }
  } catch (error) {
    answerOpenCalls(added); // a call left without its result would make every later request a 400
    if (partial) { // what streamed before the failure was seen: it stays in the answer and the conversation
      texts.push(partial);
      added.push({ role: 'assistant', content: partial });
    }
    if (signal.aborted) result = outcome('cancelled', said());
    else if (error instanceof ProviderError) result = outcome('provider-error', said(), { error: { message: error.message, fix: providerFix(error, route) } });
    else result = outcome('error', said(), { error: { message: `the turn failed: ${error instanceof Error ? error.message : String(error)}`, fix: 'This is a fault in weft; the conversation so far is kept (weft --continue). Please report it.' } });
  }
  // The outcome travels to UIs and logs: never with the key in it.
  const { apiKey: _key, ...endpoint } = route.endpoint;
  const final: TurnOutcome = { ...result, rounds: round, route: { ...route, endpoint }, latencyMs: performance.now() - started };
  const score = await scorerStage().run(final, signal);
  // The journal is a by-product: failing to write it never costs the person the answer.
  const journal = await learnerStage(deps.memory).run({ outcome: final, score, session: input.session, kind: classified.kind }, signal).catch(() => undefined);
  return { ...final, ...(journal ? { journal } : {}) };
}
