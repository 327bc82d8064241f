/**
 * Naming: tool ids and the name each takes on every surface (slash
 * commands, MCP tool names, LLM tool names), and the collisions between them.
 * The rules are documented where they live: surfaces.ts (per-surface
 * mapping), collisions.ts (who gets a contested name), ids.ts (tool ids and
 * which are exposed).
 */
export {
  type Surface,
  SURFACES,
  SLASH_NAME_PATTERN,
  MCP_NAME_PATTERN,
  LLM_NAME_PATTERN,
  SLASH_MAX,
  MCP_MAX,
  LLM_MAX,
  shortHash,
  slashName,
  mcpName,
  llmName,
  surfaceName,
  surfacePattern,
} from './surfaces.js';
export { pluginToolId, exposedTools, type ExposedSkill } from './ids.js';
export {
  detectCollisions,
  type Claim,
  type ClaimKind,
  type NameCollision,
  type CollisionResult,
} from './collisions.js';
export { surfaceLabel, describeClaim } from './messages.js';
export { BUILTIN_SLASH_NAMES } from './builtins.js';
