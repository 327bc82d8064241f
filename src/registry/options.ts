import type { WeftPaths } from '../config/paths.js';
import type { ApprovalsStore } from '../plugin/approvals/index.js';
import type { PluginRuntime } from '../sandbox/runtime/index.js';
import type { EligibilityEnv } from '../skills/eligibility.js';
import type { DebounceOptions } from './debounce.js';

export interface LiveRegistryOptions extends DebounceOptions {
  paths: WeftPaths;
  approvals?: ApprovalsStore;
  /** Watch the files (default true); without it only reload() rebuilds. */
  watch?: boolean;
  /** Generations allowed to drain at once (default 3). */
  maxDraining?: number;
  bundledDir?: string;
  eligibility?: EligibilityEnv;
  /** Plugin runtime to load instances through (default: the registry's own, disposed on stop). */
  runtime?: PluginRuntime;
}

export interface RegistryStats {
  /** Builds run (published or not). */
  rebuilds: number;
  /** Snapshots published (= the current generation id). */
  published: number;
  /** Builds that threw (the previous snapshot stayed). */
  failed: number;
  /** SKILL.md files parsed and plugin folders read, since start. */
  parsed: number;
  pluginsRead: number;
  instancesCreated: number;
  instancesDisposed: number;
  /** Generations draining now. */
  draining: number;
  /** Smoothed build time (ms). */
  buildMs: number;
}
