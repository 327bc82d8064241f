/**
 * One loaded plugin on the main thread. Its worker (and the instance in it)
 * is created on the first call, not when the plugin is loaded. Calls run one
 * at a time, in order; each gets the full fuel budget and its own wall-clock
 * deadline. A deadline or a cancellation terminates the worker; the next call
 * starts a fresh one. The main thread only ever awaits, so the REPL stays live.
 */
import type { ResourceLimits } from '../../plugin/manifest/types.js';
import type { CacheEntry } from './cache.js';
import type { HostHandler } from './host-bridge-types.js';
import { PluginWorker } from './plugin-worker.js';
import type { WorkerSource } from './pool.js';
import type { GuestOp, GuestOutcome, GuestToolInfo } from './protocol.js';
import { watchStop } from './stop.js';
import type { CallOptions, CallOutcome, RuntimeEvent, VerifiedTool } from './types.js';

export interface PluginInstanceOptions {
  id: string;
  entry: CacheEntry;
  limits: ResourceLimits;
  host: HostHandler;
  /** Where workers come from (a pool with a spare); default: a new worker each time. */
  pool?: WorkerSource;
  onEvent?: (event: RuntimeEvent) => void;
  /** Runs without the fuel meter: only for benchmarks that measure the meter's cost. */
  unmetered?: boolean;
}

type Failure = CallOutcome & { ok: false };

export class PluginInstance {
  readonly id: string;
  /** The tools the component reported and the manifest declared (verified at load). */
  readonly tools: readonly VerifiedTool[];
  /** The worker as soon as it is taken (so it can be terminated mid-start), and its loaded state. */
  private current: PluginWorker | undefined;
  private worker: Promise<PluginWorker> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: PluginInstanceOptions) {
    this.id = options.id;
    this.tools = options.entry.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: JSON.parse(t.inputSchema) as unknown }));
  }

  callTool(name: string, argsJson: string, options: CallOptions = {}): Promise<CallOutcome> {
    return this.enqueue({ op: 'call', name, args: argsJson }, options.signal).then((r) =>
      r.ok ? { ok: true, content: typeof r.value === 'string' ? r.value : JSON.stringify(r.value), fuelUsed: r.fuelUsed } : r);
  }

  /** list-tools, asked of the running component (the verified list is `tools`). */
  async listTools(options: CallOptions = {}): Promise<{ ok: true; tools: GuestToolInfo[]; fuelUsed: bigint } | Failure> {
    const r = await this.enqueue({ op: 'list' }, options.signal);
    return r.ok ? { ok: true, tools: Array.isArray(r.value) ? r.value : [], fuelUsed: r.fuelUsed } : r;
  }

  /** Terminates the worker; later calls fail. Calls already queued end as cancelled. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stopWorker('disposed');
  }

  /** The thread id of the current worker, if one is running (for tests and logs). */
  get workerThreadId(): number | undefined {
    return this.current?.threadId;
  }

  private enqueue(op: GuestOp, signal: AbortSignal | undefined): Promise<(GuestOutcome & { ok: true }) | Failure> {
    const run = this.queue.then(() => this.execute(op, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async execute(op: GuestOp, signal: AbortSignal | undefined): Promise<(GuestOutcome & { ok: true }) | Failure> {
    if (this.disposed) return { ok: false, kind: 'cancelled', error: `plugin ${this.id} was unloaded` };
    if (signal?.aborted) return { ok: false, kind: 'cancelled', error: 'cancelled' };
    const { max_execution_seconds: seconds, max_fuel: fuel } = this.options.limits;
    const stop = watchStop(seconds, signal);
    const hostSignal = new AbortController();
    const work = this.ensureWorker().then((w) => w.run(op, BigInt(fuel), hostSignal.signal));
    try {
      const first = await Promise.race([work.then((outcome) => ({ outcome })), stop.stopped.then((stopped) => ({ stopped }))]);
      if ('stopped' in first) {
        hostSignal.abort();
        work.catch(() => undefined); // settles with the terminated worker; nobody listens any more
        await this.stopWorker(first.stopped.kind);
        return { ok: false, kind: first.stopped.kind, error: first.stopped.error };
      }
      const { outcome } = first;
      if (outcome.ok) return outcome;
      return { ok: false, kind: outcome.kind, error: outcome.error, fuelUsed: outcome.fuelUsed };
    } catch (error) {
      if (this.disposed) return { ok: false, kind: 'cancelled', error: `plugin ${this.id} was unloaded` };
      await this.stopWorker('crashed');
      return { ok: false, kind: 'error', error: `plugin ${this.id}: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      stop.clear();
    }
  }

  private ensureWorker(): Promise<PluginWorker> {
    this.worker ??= this.startWorker();
    return this.worker;
  }

  private async startWorker(): Promise<PluginWorker> {
    const { pool, host, entry, limits, onEvent } = this.options;
    const worker = pool?.take() ?? new PluginWorker();
    this.current = worker;
    worker.attach(host);
    const bootMs = await worker.ready;
    const loadStart = performance.now();
    try {
      await worker.load({
        dir: entry.dir, jsFile: entry.meta.jsFile, coreFiles: entry.meta.coreFiles,
        maxMemoryPages: limits.max_memory_mb * 16, fuel: this.options.unmetered !== true, budget: BigInt(limits.max_fuel),
      });
    } catch (error) {
      if (this.current === worker) { // else a deadline or dispose already stopped it
        [this.current, this.worker] = [undefined, undefined];
        await worker.terminate();
        onEvent?.({ type: 'worker-exit', pluginId: this.id, threadId: worker.threadId, reason: 'load-failed' });
      }
      throw error;
    }
    onEvent?.({ type: 'worker-start', pluginId: this.id, threadId: worker.threadId, bootMs, loadMs: performance.now() - loadStart });
    pool?.refill();
    return worker;
  }

  private async stopWorker(reason: 'deadline' | 'cancelled' | 'crashed' | 'disposed'): Promise<void> {
    const worker = this.current;
    [this.current, this.worker] = [undefined, undefined];
    if (!worker) return;
    await worker.terminate();
    this.options.onEvent?.({ type: 'worker-exit', pluginId: this.id, threadId: worker.threadId, reason });
  }
}
