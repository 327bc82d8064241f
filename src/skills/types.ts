/**
 * What reading one SKILL.md produces. Parsing is lenient like OpenClaw, and
 * every leniency leaves a diagnostic: a file yields a skill, diagnostics, or
 * both, never nothing.
 */
import type { Diagnostic } from '../plugin/diagnostic.js';
import type { JsonSchema } from '../plugin/json-schema.js';

/** The OpenClaw manifest block (`metadata.openclaw`, or a legacy key). */
export interface SkillRequirements {
  bins: string[];
  /** At least one of these must be on PATH. */
  anyBins: string[];
  env: string[];
  /** Config keys that must be set (OpenClaw's `requires.config`). */
  config: string[];
}

export interface OpenClawManifest {
  /** Which key the block came from: `openclaw`, `clawdbot` or `clawdis`. */
  key: 'openclaw' | 'clawdbot' | 'clawdis';
  requires: SkillRequirements;
  /** Platforms (`darwin`, `linux`, `win32`); empty means any. */
  os: string[];
  emoji?: string;
  primaryEnv?: string;
  homepage?: string;
  always?: boolean;
  skillKey?: string;
  /** Install recipes as written (brew, go, node, …); weft only shows them. */
  install: unknown[];
}

/** weft's extension (`metadata.weft.tool`): a skill backed by code. */
export type WeftToolSpec =
  | { kind: 'native'; input: JsonSchema; run: string[] }
  | { kind: 'plugin'; plugin: string; name: string };

export interface ParsedSkill {
  /** Absolute path of SKILL.md. */
  file: string;
  /** Absolute path of the folder holding it. */
  dir: string;
  /** The effective name: frontmatter `name`, else the folder's name. */
  name: string;
  /** Trimmed; absent means the skill is not loaded (`no-description`). */
  description?: string;
  /** The markdown after the frontmatter. */
  body: string;
  /** The file line the body starts on (absent when there is no closed frontmatter). */
  bodyLine?: number;
  /** Frontmatter keys as read (YAML, or the line-reader fallback). */
  frontmatter: Record<string, unknown>;
  version?: string;
  userInvocable: boolean;
  disableModelInvocation: boolean;
  argumentHint?: string;
  allowedTools: string[];
  /** `command-dispatch: tool` with its `command-tool`. */
  commandTool?: string;
  /** `metadata` as parsed (YAML map or JSON5 text), when it parsed. */
  metadata?: Record<string, unknown>;
  openclaw?: OpenClawManifest;
  weftTool?: WeftToolSpec;
  /** True when parsed with a description and no error diagnostics. */
  loaded: boolean;
  diagnostics: Diagnostic[];
}
