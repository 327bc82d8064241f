/**
 * The live registry: generations of immutable snapshots, swapped
 * atomically, drained by leases (generation.ts), fed by the watcher.
 *
 * - reload() builds the next snapshot off to the side (build.ts) and swaps
 *   it in only if something a consumer can see changed (tools, skills,
 *   plugins, diagnostics, config, workspace, slash names); requests during a
 *   build share the next one (reload-queue.ts).
 * - At most `maxDraining` (default 3) generations drain at once: a reload
 *   asked for while that many drain waits, coalesced with later ones, until
 *   one retires.
 * - A build that throws keeps the current snapshot's content and publishes
 *   it again with the failure among its diagnostics (cleared by the next
 *   good build). A broken config or SKILL.md is not
 *   a failed build: the last good version stays live (build.ts, skill-cache.ts).
 */
import type { WeftPaths } from '../config/paths.js';
import type { WeftConfig } from '../config/types.js';
import { ApprovalsStore } from '../plugin/approvals/index.js';
import { pluginCacheRoot } from '../sandbox/catalogue/index.js';
import { PluginRuntime } from '../sandbox/runtime/index.js';
import { buildSnapshot, reloadFailed, type Built, type LastGoodConfig } from './build.js';
import { callTool, type CallOptions, type RegistryCallResult } from './call.js';
import { diffSnapshots, EventFeed } from './events.js';
import { Generation, Generations, type Lease } from './generation.js';
import { InstancePool } from './instances.js';
import type { LiveRegistryOptions, RegistryStats } from './options.js';
import { PluginCache } from './plugin-cache.js';
import { ReloadQueue } from './reload-queue.js';
import { SkillCache } from './skill-cache.js';
import { publishSnapshot, sameSettings } from './snapshot.js';
import type { WatchTargets } from './targets.js';
import type { RegistryEvent, RegistryListener, RegistrySnapshot } from './types.js';
import { RegistryWatcher } from './watcher.js';

export type { LiveRegistryOptions, RegistryStats } from './options.js';

/** Options of a registry call: the registry supplies its approvals store and held variables. */
export type RegistryCallOptions = Omit<CallOptions, 'approvals' | 'heldEnv'>;

export class LiveRegistry {
  readonly paths: WeftPaths;
  readonly approvals: ApprovalsStore;
  private readonly skillCache = new SkillCache();
  private readonly pluginCache = new PluginCache();
  private readonly feed = new EventFeed();
  private readonly activity = new Set<(reloading: boolean) => void>();
  private readonly runtime: PluginRuntime;
  private readonly pool: InstancePool;
  private readonly gens: Generations;
  private readonly queue: ReloadQueue<RegistrySnapshot>;
  private lastGood: LastGoodConfig | undefined;
  private watcher: RegistryWatcher | undefined;
  private watching: Promise<void> | undefined;
  private targets: WatchTargets = { dirs: [], files: [] };
  private stopped = false;
  private readonly counts = { rebuilds: 0, published: 0, failed: 0, buildMs: 0 };

  constructor(private readonly options: LiveRegistryOptions) {
    this.paths = options.paths;
    this.approvals = options.approvals ?? new ApprovalsStore(options.paths.approvalsFile);
    this.runtime = options.runtime ?? new PluginRuntime({
      cacheRoot: pluginCacheRoot(options.paths.clawftHome), ...(options.spareWorker === false ? { spareWorker: false } : {}),
    });
    this.pool = new InstancePool({ paths: this.paths, approvals: this.approvals, runtime: this.runtime,
      ...(options.onPluginLog ? { onPluginLog: options.onPluginLog } : {}) });
    this.gens = new Generations(this.pool, () => this.queue.pump());
    this.queue = new ReloadQueue((paths) => this.rebuild(paths), () => this.gens.draining.size < (options.maxDraining ?? 3));
  }

  /**
   * Builds generation 1, then watches; changes made in between are caught by
   * one more (cached) build. With `watchInBackground` it resolves after
   * generation 1 and the watching starts meanwhile (`watching` settles when
   * it has): the REPL draws its prompt without waiting for the file scan.
   */
  async start(): Promise<RegistrySnapshot> {
    await this.reload('start');
    if (this.options.watch !== false) {
      this.watching = this.startWatching();
      if (this.options.watchInBackground) this.watching.catch(() => undefined);
      else await this.watching;
    }
    return this.current();
  }

  /** Settles once the watcher runs (at once when not watching). */
  whenWatching(): Promise<void> {
    return this.watching ?? Promise.resolve();
  }

  private async startWatching(): Promise<void> {
    // Options given to the registry win over config `watch` (read once, at start).
    const { watch } = this.current().config;
    const debounceMs = this.options.debounceMs ?? watch.debounceMs;
    const maxWaitMs = Math.max(this.options.maxWaitMs ?? watch.maxWaitMs, debounceMs);
    const watcher = new RegistryWatcher({
      debounceMs, maxWaitMs,
      onChange: (paths) => { void this.reload('watch', paths).catch(() => undefined); },
      lead: () => this.counts.buildMs,
    });
    this.watcher = watcher;
    await watcher.start(this.targets);
    if (this.stopped) return;
    await this.reload('watch-start');
  }

  /** The current snapshot. For a call, use acquire() so the whole call stays on one generation. */
  current(): RegistrySnapshot {
    if (!this.gens.current) throw new Error('the registry has not started (call start() first)');
    return this.gens.current.snapshot;
  }

  get stats(): RegistryStats {
    return {
      ...this.counts, parsed: this.skillCache.parsed, pluginsRead: this.pluginCache.pluginsRead,
      instancesCreated: this.pool.created, instancesDisposed: this.pool.disposed, draining: this.gens.draining.size,
    };
  }

  /** The debounce settings the watcher runs with (undefined without a watcher). */
  get watchSettings(): { debounceMs: number; maxWaitMs: number } | undefined {
    return this.watcher?.settings;
  }

  /** What chokidar watches (targets, or their nearest existing ancestors). */
  get watchedRoots(): string[] {
    return this.watcher?.roots ?? [];
  }

  on(listener: RegistryListener): () => void {
    return this.feed.on(listener);
  }

  /** Told true when a rebuild starts and false when it ends (the REPL's "reloading…"). */
  onActivity(listener: (reloading: boolean) => void): () => void {
    this.activity.add(listener);
    return () => { this.activity.delete(listener); };
  }

  private busy(reloading: boolean): void {
    for (const l of this.activity) {
      try { l(reloading); } catch { /* a listener's bug must not stop the reload */ }
    }
  }

  /** The event feed as an async iterator, from now until `signal` aborts (for `weft skill watch`). */
  events(signal?: AbortSignal): AsyncGenerator<RegistryEvent> {
    return this.feed.iterate(signal);
  }

  /**
   * Asks for a rebuild; resolves with the snapshot current after the build
   * covering this request. `reason` is for callers' logs; `paths` are files
   * to re-read even if their signature looks unchanged.
   */
  reload(reason = 'manual', paths: readonly string[] = []): Promise<RegistrySnapshot> {
    void reason;
    if (this.stopped) return this.gens.current ? Promise.resolve(this.current()) : Promise.reject(new Error('the registry is stopped'));
    return this.queue.request(paths);
  }

  /** Pins the current generation for one call. Throws once the registry is stopped. */
  acquire(): Lease {
    if (this.stopped) throw new Error('the registry is stopped');
    return this.gens.acquire();
  }

  /**
   * Calls tool `id` on the current generation, start to end (schema, code,
   * instance), with this registry's approvals. Never throws.
   */
  call(id: string, args: Record<string, unknown>, options: RegistryCallOptions = {}): Promise<RegistryCallResult> {
    if (this.stopped) return Promise.resolve({ ok: false, kind: 'cancelled', error: `${id} was not run: the registry is stopped`, generation: 0, version: '' });
    return this.withLease((lease) => this.callOn(lease, id, args, options));
  }

  /** Like call(), on a lease the caller holds (and releases): for callers that looked the tool up on it first. */
  callOn(lease: Lease, id: string, args: Record<string, unknown>, options: RegistryCallOptions = {}): Promise<RegistryCallResult> {
    return callTool(lease, id, args, { ...options, approvals: this.approvals, ...(this.options.heldEnv ? { heldEnv: this.options.heldEnv } : {}) });
  }

  /** Runs `fn` on one lease, released however `fn` ends. */
  async withLease<T>(fn: (lease: Lease) => Promise<T>): Promise<T> {
    const lease = this.acquire();
    try {
      return await fn(lease);
    } finally {
      void lease.release();
    }
  }

  /** Stops watching, waits for the build in progress, disposes every plugin instance. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.watching?.catch(() => undefined);
    await this.watcher?.close();
    await this.queue.close(() => this.gens.current?.snapshot);
    await this.gens.settle();
    await this.pool.disposeAll();
    if (!this.options.runtime) await this.runtime.dispose();
  }

  private async rebuild(paths: string[]): Promise<RegistrySnapshot> {
    this.skillCache.invalidate(paths);
    this.counts.rebuilds += 1;
    this.busy(true);
    const started = performance.now();
    let built: Built;
    try {
      built = await buildSnapshot({
        paths: this.paths, approvals: this.approvals, skillCache: this.skillCache, pluginCache: this.pluginCache,
        ...(this.lastGood ? { lastGood: this.lastGood } : {}),
        ...(this.options.bundledDir ? { bundledDir: this.options.bundledDir } : {}),
        ...(this.options.eligibility ? { eligibility: this.options.eligibility } : {}),
      });
    } catch (error) {
      this.counts.failed += 1;
      const prev = this.gens.current;
      if (!prev) throw error;
      // The same content, with the failure among its diagnostics, so current() shows it and the next good build clears it.
      const diagnostics = [...prev.snapshot.diagnostics.filter((d) => d.code !== 'reload-failed'), reloadFailed(error, this.paths.clawftHome)];
      return this.publish({ snapshot: { ...prev.snapshot, diagnostics }, components: prev.components, targets: this.targets });
    } finally {
      this.busy(false);
      const ms = performance.now() - started;
      this.counts.buildMs = this.counts.buildMs === 0 ? ms : this.counts.buildMs * 0.7 + ms * 0.3;
    }
    if (built.lastGood) this.lastGood = built.lastGood;
    return this.publish(built);
  }

  private publish(built: Built): RegistrySnapshot {
    const prev = this.gens.current?.snapshot;
    const next = publishSnapshot(built.snapshot, (prev?.id ?? 0) + 1);
    const events = diffSnapshots(prev, next);
    this.targets = built.targets;
    this.watcher?.update(built.targets);
    if (prev && events.length === 0 && sameSettings(prev, next)) return prev;
    this.gens.swap(new Generation(next, built.components));
    this.counts.published += 1;
    const changes = events.filter((e) => e.type !== 'diagnostics').length;
    this.feed.emit([...events, { type: 'reloaded', generation: next.id, changes }]);
    return next;
  }
}
