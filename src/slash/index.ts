/** Slash commands: one command set resolved from the registry, run the same in the REPL and in scripted mode. */
export { BUILTINS, helpText, pendingItems, statusFacts, type PendingItem, type StatusFacts } from './builtins/index.js';
export { parseInput, type ParsedInput } from './parse.js';
export { resolveCommands, slashConflicts } from './resolve.js';
export { completeCommand, suggest } from './suggest.js';
export { currentCommands, runInput } from './run.js';
export { grant, pendingApproval, revokeGrant, type GrantableApproval } from '../registry/index.js';
export { toolArgs, splitWords } from './args.js';
export type { AgentRequest, CommandResult, Conflict, PendingApproval, ResolvedCommands, SessionPort, SlashCommand, SlashContext } from './types.js';
