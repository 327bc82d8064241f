import type { Diagnostic } from './diagnostic.js';
import type { ProblemDetails } from './errors.js';
import type { ExitCodeValue } from './exit-codes.js';

/**
 * The JSON shapes of machine-readable output (`--json`). Every verb prints
 * exactly one of these envelopes on stdout; `data` is the verb's own shape,
 * listed below so scripts can rely on it.
 */
export interface JsonSuccess<T> {
  ok: true;
  data: T;
  diagnostics?: Diagnostic[];
}

export interface JsonFailure {
  ok: false;
  exitCode: ExitCodeValue;
  error: ProblemDetails & { message: string };
  diagnostics?: Diagnostic[];
  /** Scripted mode: every input's result so far (`data.results`), the failing one included. */
  data?: unknown;
}

export type JsonEnvelope<T> = JsonSuccess<T> | JsonFailure;

/** `weft trust --list --json` and the result of `weft trust [--revoke]`. */
export interface TrustEntryJson {
  path: string;
  trusted: boolean;
  /** When trust was granted (ISO 8601), if it was. */
  grantedAt?: string;
}

/** `weft config show --json`. */
export interface ConfigJson {
  files: Array<{ path: string; scope: 'home' | 'workspace'; applied: boolean; reason?: string }>;
  config: unknown;
}

/** `weft plugin check --json`. */
export interface ManifestCheckJson {
  file: string;
  valid: boolean;
  manifest?: unknown;
}

/**
 * `weft skill watch --json` is the one streaming command: instead of an
 * envelope it prints one JSON object per line, first `{type: "ready", …}`,
 * then the registry's events (src/registry/types.ts RegistryEvent).
 */

/** `weft --version --json`. */
export interface VersionJson {
  name: 'weft';
  version: string;
  node: string;
}

export function success<T>(data: T, diagnostics?: Diagnostic[]): JsonSuccess<T> {
  return diagnostics && diagnostics.length > 0 ? { ok: true, data, diagnostics } : { ok: true, data };
}

/** One SKILL.md in `weft skill list|show|check --json`. */
export interface SkillJson {
  /** Absolute path of SKILL.md. */
  path: string;
  name: string;
  description?: string;
  level?: string;
  root?: string;
  loaded: boolean;
  eligible: boolean;
  ineligibleReasons: string[];
  /** True when this file serves the name (not shadowed, not in a collision). */
  active?: boolean;
  /** `instruction`, `native` (runs a command) or `plugin`. */
  kind?: 'instruction' | 'native' | 'plugin';
  diagnostics: Diagnostic[];
}

/** `weft skill list --json`. */
export interface SkillListJson {
  skills: SkillJson[];
  shadowed: Array<{ name: string; winner: { file: string; level: string }; shadowed: { file: string; level: string } }>;
  collisions: Array<{ name: string; level: string; files: string[]; diagnostic: Diagnostic }>;
  /** Slash-name conflicts (skills, aliases, the REPL's built-ins): errors that stay until fixed. */
  nameConflicts: Diagnostic[];
  untrusted: Array<{ file: string; root: string; workspace: string; reason: string }>;
  diagnostics: Diagnostic[];
}

/** One plugin in `weft plugin list --json` (and `approve`, `install`). */
export interface PluginJson {
  id: string;
  dir: string;
  scope: 'managed' | 'workspace';
  /** invalid, untrusted, awaiting-approval, permissions-widened or approved. */
  state: string;
  version?: string;
  name?: string;
  tools: string[];
  /** What the manifest asks for. */
  permissions?: unknown;
  /** After an upgrade: only what is new. */
  diff?: unknown;
  contentHash?: string;
  diagnostics: Diagnostic[];
}

/** `weft skill check --json`: one record per SKILL.md; exit 1 when `valid` is false. */
export interface SkillCheckJson {
  valid: boolean;
  skills: SkillJson[];
  /** Problems of the roots themselves (path escapes, missing paths). */
  diagnostics: Diagnostic[];
}

/** One input's result in scripted mode's `--output json` envelope (`data.results`). */
export interface ScriptedResultJson {
  input: string;
  exitCode: number;
  /** text, tool (a tool ran), answer (the agent answered), error, approval-required. */
  kind: string;
  /** What a built-in printed, or what a tool returned. */
  text?: string;
  tool?: string;
  message?: string;
  fix?: string;
  approval?: { kind: string; subject: string; summary: string; command: string };
  /** For answers: the session it belongs to (`weft --resume <session>`), and the tools the model called, in call order. */
  session?: string;
  tools?: string[];
  /** Approvals a tool call of the agent waited for and nobody gave. */
  refused?: Array<{ kind: string; subject: string; summary: string; command: string }>;
}

/** One tool in `weft tool list --json`: a view of the registry's tool list. */
export interface ToolJson {
  /** The tool id: a skill's name, or `<plugin id>/<tool>`. */
  id: string;
  /** `instruction` (returns instructions), `native` (runs a command on this machine) or `plugin` (runs WASM in the sandbox). */
  kind: 'instruction' | 'native' | 'plugin';
  origin: 'skill' | 'plugin';
  description: string;
  /** ready, needs-approval, ineligible or untrusted. */
  state: string;
  /** Why it is not ready, naming the command that fixes it. */
  reason?: string;
  inputSchema: unknown;
  /** The native command a `native` tool runs (its argv template). */
  command?: string[];
  source: { file: string; level?: string; plugin?: string; tool?: string };
}

/** `weft tool list --json`. */
export interface ToolListJson {
  generation: number;
  tools: ToolJson[];
  /** Skills of an untrusted workspace (by folder name): not loaded until `weft trust`. */
  untrusted: string[];
  /** The workspace root, when there is a workspace. */
  workspace?: string;
}

/** `weft tool call --json`: what the tool returned and what it ran on. */
export interface ToolCallJson {
  tool: string;
  content: string;
  truncated?: boolean;
  generation: number;
  version: string;
}
