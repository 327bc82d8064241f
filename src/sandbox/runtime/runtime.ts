/**
 * The plugin runtime of one weft process: a cache root, an optional spare
 * worker (a pool of one) and the plugins loaded through it, so they can be
 * disposed together.
 */
import type { PluginManifest } from '../../plugin/manifest/types.js';
import type { AdmissionLimits } from '../admission/index.js';
import type { HostHandler } from './host-bridge-types.js';
import { loadPlugin } from './load.js';
import type { PluginInstance } from './plugin.js';
import { WorkerPool } from './pool.js';
import type { RuntimeEvent } from './types.js';

export interface RuntimeOptions {
  cacheRoot: string;
  /** Keep one booted worker ready for the next plugin (default true). */
  spareWorker?: boolean;
  onEvent?: (event: RuntimeEvent) => void;
}

export class PluginRuntime {
  readonly pool: WorkerPool | undefined;
  private readonly plugins = new Set<PluginInstance>();

  constructor(private readonly options: RuntimeOptions) {
    this.pool = options.spareWorker === false ? undefined : new WorkerPool(true);
  }

  /** Boots the spare worker now (e.g. while the REPL draws its first frame). */
  async prestart(): Promise<void> {
    await this.pool?.prestart();
  }

  /** `admission`: the size limits in force (config `sandbox.maxPlugin*`); default the built-in ones. */
  async load(plugin: { id: string; componentBytes: Uint8Array; manifest: PluginManifest; host: HostHandler; file?: string; admission?: AdmissionLimits }): Promise<PluginInstance> {
    const { cacheRoot, onEvent } = this.options;
    const instance = await loadPlugin({ ...plugin, cacheRoot, ...(this.pool ? { pool: this.pool } : {}), ...(onEvent ? { onEvent } : {}) });
    this.plugins.add(instance);
    return instance;
  }

  async unload(instance: PluginInstance): Promise<void> {
    this.plugins.delete(instance);
    await instance.dispose();
  }

  async dispose(): Promise<void> {
    const all = [...this.plugins];
    this.plugins.clear();
    await Promise.all([...all.map((p) => p.dispose()), this.pool?.dispose()]);
  }
}
