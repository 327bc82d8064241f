/**
 * Generations: one published snapshot each, with the component bytes it
 * describes and the calls (leases) running on it. A lease pins its
 * generation: the call sees that snapshot's schemas and runs that
 * generation's plugin instances from start to end, whatever reloads happen
 * meanwhile. A generation that stops being current drains, and retires
 * (disposing the instances only it held) when its last lease is released.
 */
import type { PluginInstance } from '../sandbox/runtime/index.js';
import { instanceKey, type InstancePool } from './instances.js';
import type { RegistrySnapshot } from './types.js';

export class Generation {
  leases = 0;

  constructor(
    readonly snapshot: RegistrySnapshot,
    /** Plugin id → the bytes of the component its record's contentHash covers. */
    readonly components: ReadonlyMap<string, Uint8Array>,
  ) {}

  get id(): number {
    return this.snapshot.id;
  }
}

/** A call's hold on one generation. Release it once, when the call is over (further releases are ignored). */
export interface Lease {
  readonly snapshot: RegistrySnapshot;
  readonly generation: number;
  /** The instance of plugin `pluginId` in this generation (made on the first call that asks); rejects unless approved here. */
  instance(pluginId: string): Promise<PluginInstance>;
  /** Resolves once the generation's instances are disposed, if this was its last lease and it is no longer current. */
  release(): Promise<void>;
}

export class Generations {
  current: Generation | undefined;
  readonly draining = new Map<number, Generation>();
  private readonly retiring = new Set<Promise<void>>();

  /** `onRetire`: a generation retired (a reload held back by the drain limit may go). */
  constructor(private readonly pool: InstancePool, private readonly onRetire: () => void) {}

  /** Makes `next` current; the previous one drains, or retires at once without leases. */
  swap(next: Generation): void {
    const prev = this.current;
    if (prev) {
      const { config, workspace, plugins } = next.snapshot;
      const same = plugins.filter((p) => p.state === 'approved').map((p) => instanceKey(p, config, workspace?.root ?? null));
      this.pool.carry(prev.id, next.id, new Set(same));
    }
    this.current = next;
    if (!prev) return;
    this.draining.set(prev.id, prev);
    if (prev.leases === 0) void this.retire(prev);
  }

  acquire(): Lease {
    const gen = this.current;
    if (!gen) throw new Error('the registry has not started (call start() first)');
    gen.leases += 1;
    let released: Promise<void> | undefined;
    return {
      snapshot: gen.snapshot,
      generation: gen.id,
      instance: (pluginId) => (released ? Promise.reject(new Error('the lease was released')) : this.instance(gen, pluginId)),
      release: () => {
        if (released) return released;
        gen.leases -= 1;
        released = gen.leases === 0 && this.draining.has(gen.id) ? this.retire(gen) : Promise.resolve();
        return released;
      },
    };
  }

  /** Waits for retirements in progress (their instances disposed). */
  async settle(): Promise<void> {
    await Promise.all(this.retiring);
  }

  private retire(gen: Generation): Promise<void> {
    this.draining.delete(gen.id);
    const done = this.pool.release(gen.id).catch(() => undefined);
    this.retiring.add(done);
    void done.finally(() => this.retiring.delete(done));
    queueMicrotask(this.onRetire);
    return done;
  }

  private instance(gen: Generation, pluginId: string): Promise<PluginInstance> {
    const record = gen.snapshot.plugins.find((p) => p.id === pluginId && p.state === 'approved');
    if (!record) return Promise.reject(new Error(`plugin ${pluginId} is not approved in generation ${gen.id}; run \`weft plugin approve ${pluginId}\``));
    const bytes = gen.components.get(pluginId);
    if (!bytes) return Promise.reject(new Error(`plugin ${pluginId}: its component could not be read when generation ${gen.id} was built; it is read again on the next change`));
    return this.pool.get(gen.id, record, bytes, gen.snapshot.config, gen.snapshot.workspace?.root ?? null);
  }
}
