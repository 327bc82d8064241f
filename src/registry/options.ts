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
  /** Resolve start() after generation 1, without waiting for the watcher's first scan (see whenWatching()). */
  watchInBackground?: boolean;
  /** Generations allowed to drain at once (default 3). */
  maxDraining?: number;
  bundledDir?: string;
  eligibility?: EligibilityEnv;
  /** Keep a booted worker ready for the next plugin instance (default true; a one-shot command says false). */
  spareWorker?: boolean;
  /** Plugin runtime to load instances through (default: the registry's own, disposed on stop). */
  runtime?: PluginRuntime;
  /** Where plugins' log lines go (sanitised and rate-limited by the host); default: dropped (the audit log keeps them). */
  onPluginLog?: (pluginId: string, level: string, message: string) => void;
  /** Variables weft set for itself (keys from config): never passed to native commands. */
  heldEnv?: ReadonlySet<string>;
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
