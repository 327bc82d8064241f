/** The agent: pipeline stages, providers, the turn loop, sessions. */
export { Agent, SessionNotFound, memoryDir, type AgentOptions } from './agent.js';
export { runTurn, type TurnHooks, type TurnInput, type TurnOutcome, type TurnStatus } from './turn.js';
export { NO_MODEL_FIX, RouteError, route, type Route } from './router.js';
export type { ToolCallRecord } from './executor.js';
export type { ChatMessage, ToolCall } from './messages.js';
export { ProviderError } from './transport/types.js';
