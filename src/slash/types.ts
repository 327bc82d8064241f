/**
 * Slash commands are plain objects returning data (a tagged result), so the
 * same command runs in the REPL (which draws the result) and in scripted
 * mode (which prints it and exits with its code).
 */
import type { ExitCodeValue } from '../plugin/exit-codes.js';
import type { SessionSummary } from '../memory/index.js';
import type { LiveRegistry, PendingApproval, RegistrySnapshot, ToolKind, ToolState } from '../registry/index.js';

export type { PendingApproval };


export type CommandResult =
  | { kind: 'text'; text: string }
  /** `tool`: the tool that failed, when one ran (or would have). */
  | { kind: 'error'; message: string; fix?: string; exitCode: ExitCodeValue; tool?: string }
  /** A tool ran: its output (already on the right surface: text for people). */
  | { kind: 'tool'; tool: string; text: string; generation: number }
  | { kind: 'approval-required'; approval: PendingApproval; retry: string }
  /**
   * The agent answered. `failed`: the turn did not end well (turn limit, provider, cancelled) and
   * `text` is what arrived; `refused`: approvals a tool call waited for and nobody gave.
   */
  | { kind: 'answer'; text: string; session: string; streamed: boolean; tools: string[]; refused: PendingApproval[]; failed?: { message: string; fix?: string; exitCode: ExitCodeValue } }
  | { kind: 'clear' }
  | { kind: 'exit' };

/** A turn of the agent, run by the layer above (slash commands do not know the agent). */
export interface AgentRequest {
  text: string;
  /** A skill's /command: the skill to run, `text` being its arguments. */
  skill?: string;
}

/** The conversation: what /resume and /clear use. */
export interface SessionPort {
  current(): string;
  list(): Promise<SessionSummary[]>;
  /** Opens a kept session; resolves to how many messages it has. */
  resume(idOrPrefix: string): Promise<{ id: string; messages: number; title: string }>;
  startNew(): void;
}

export interface SlashContext {
  /** Runs an agent turn (plain text, and instruction-only skill commands). */
  agent(request: AgentRequest, ctx: SlashContext): Promise<CommandResult>;
  sessions: SessionPort;
  registry: LiveRegistry;
  /** Cancels the command (Ctrl-C). */
  signal: AbortSignal;
  /** A person can answer approval prompts (the REPL); false in scripted mode. */
  interactive: boolean;
  /** Approvals this invocation may grant without asking (`--yes`): skills and plugins, never workspace trust. */
  autoApprove: boolean;
  /** The resolved command set of the current snapshot. */
  commands(): ResolvedCommands;
  /** Output of running work as it arrives (the REPL shows it under the spinner). */
  onOutput?: (text: string) => void;
}

export interface SlashCommand {
  /** The slash name, without `/`. */
  name: string;
  description: string;
  argumentHint?: string;
  source: 'builtin' | 'skill' | 'plugin';
  /** Other names it answers to (`/quit`, config aliases). */
  aliases?: readonly string[];
  /** The registry tool it runs (skills and plugin tools), its kind and state. */
  toolId?: string;
  kind?: ToolKind;
  state?: ToolState;
  file?: string;
  run(args: string, ctx: SlashContext): Promise<CommandResult>;
  /** Completions for the argument being typed. */
  complete?(partial: string, snapshot: RegistrySnapshot): string[];
}

export interface Conflict {
  /** The contested slash name. */
  name: string;
  problem: string;
  fix: string;
  file: string;
}

export interface ResolvedCommands {
  /** Name → command, built-ins included (aliases resolve to their skill's command). */
  byName: ReadonlyMap<string, SlashCommand>;
  /** Sorted, one entry per command (aliases are extra names of one). */
  list: readonly SlashCommand[];
  conflicts: readonly Conflict[];
  generation: number;
}
