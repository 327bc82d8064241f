/**
 * The shapes the live registry publishes. Everything here is data: a
 * snapshot is frozen when published and never changes afterwards, so a
 * reader may keep one as long as it likes.
 */
import type { WeftConfig } from '../config/types.js';
import type { WorkspaceStatus } from '../config/trust.js';
import type { Diagnostic } from '../plugin/diagnostic.js';
import type { JsonSchema } from '../plugin/json-schema.js';
import type { SkillLevel } from '../plugin/contract/skill.js';
import type { PluginRecord } from '../sandbox/catalogue/index.js';
import type { SkillIndex } from '../skills/discovery/types.js';

/** instruction: returns the skill's instructions; native: runs a command; plugin: runs a WASM tool. */
export type ToolKind = 'instruction' | 'native' | 'plugin';

/**
 * ready: may be called now. needs-approval: a native skill or a plugin the
 * user has not approved (`reason` names the command). ineligible: its
 * requirements are unmet or its plugin is missing. untrusted: it lives in
 * (or needs something from) an untrusted workspace.
 */
export type ToolState = 'ready' | 'needs-approval' | 'ineligible' | 'untrusted';

export interface RegistryTool {
  /** The tool id of the naming rules: a skill's name, or `<plugin id>/<tool>`. */
  id: string;
  kind: ToolKind;
  /** Who exposes it: a skill (any kind) or an unbound plugin tool. */
  origin: 'skill' | 'plugin';
  description: string;
  inputSchema: JsonSchema;
  /** SKILL.md for skills, the plugin folder for plugin tools; `plugin` when a plugin runs it. */
  source: { file: string; level?: SkillLevel; plugin?: string; tool?: string };
  state: ToolState;
  /** Why it is not ready, with the exact command that fixes it. */
  reason?: string;
  /** For `needs-approval`: the command that approves it (`weft skill approve <name>` or `weft plugin approve <id>`). */
  approveCommand?: string;
  /** Identifies the code and schema: changes whenever either does. */
  version: string;
}

export interface RegistrySnapshot {
  /** Generation id: 1 for the first snapshot, +1 per published snapshot. */
  id: number;
  config: WeftConfig;
  workspace: WorkspaceStatus | null;
  skills: SkillIndex;
  plugins: PluginRecord[];
  /** One entry per tool id, sorted by id. */
  tools: RegistryTool[];
  /** Slash name → tool id, after collisions with built-ins and each other, and aliases (built-ins keep their names and are not in it). */
  slash: ReadonlyMap<string, string>;
  /** The contested slash names with their errors (built-ins, skills, plugin tools, aliases). */
  slashConflicts: ReadonlyArray<{ name: string; diagnostic: Diagnostic }>;
  /** Config, discovery, plugins, kept-last-good edits and name collisions. */
  diagnostics: Diagnostic[];
  /**
   * Native-command skill folder → the content hash approved when this
   * snapshot was built: a call runs only if the folder still has that hash,
   * so an edit made after the build never runs with this build's argv.
   */
  nativeApprovals: ReadonlyMap<string, string>;
  /** Date.now() when it was built. */
  builtAt: number;
}

export type ChangeKind = 'skill' | 'plugin' | 'tool';

/** One feed for every consumer (slash registry, MCP server, status line, agent, `weft skill watch`). */
export type RegistryEvent =
  | { type: 'added' | 'removed' | 'changed'; kind: ChangeKind; id: string; generation: number }
  | { type: 'diagnostics'; diagnostics: Diagnostic[]; generation: number }
  | { type: 'reloaded'; generation: number; changes: number };

export type RegistryListener = (event: RegistryEvent) => void;
