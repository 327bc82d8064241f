/**
 * Slash commands are plain objects returning data (a tagged result), so the
 * same command runs in the REPL (which draws the result) and in scripted
 * mode (which prints it and exits with its code).
 */
import type { ExitCodeValue } from '../plugin/exit-codes.js';
import type { LiveRegistry, RegistrySnapshot, ToolKind, ToolState } from '../registry/index.js';

/** Something only a person can decide, and the command to run if they say yes. */
export interface PendingApproval {
  kind: 'native-skill' | 'plugin' | 'workspace';
  /** Skill name, plugin id or workspace root. */
  subject: string;
  /** One-line summary: what it runs or asks for. */
  summary: string;
  /** The command that grants it outside the REPL. */
  command: string;
}

export type CommandResult =
  | { kind: 'text'; text: string }
  /** `tool`: the tool that failed, when one ran (or would have). */
  | { kind: 'error'; message: string; fix?: string; exitCode: ExitCodeValue; tool?: string }
  /** A tool ran: its output (already on the right surface: text for people). */
  | { kind: 'tool'; tool: string; text: string; generation: number }
  | { kind: 'approval-required'; approval: PendingApproval; retry: string }
  | { kind: 'clear' }
  | { kind: 'exit' };

export interface SlashContext {
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
