/**
 * Loading a plugin: static admission first (nothing is transpiled for a
 * refused component), then the cache by content hash; on a miss, transpile
 * into a staged folder, run the tools check there, and commit the entry only
 * if it passes. A mismatch, found now or against a cached entry, refuses the
 * plugin and leaves no entry. No worker is kept and no instance is made here:
 * that happens on the first call.
 */
import type { PluginManifest } from '../../plugin/manifest/types.js';
import { admitComponent, DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from '../admission/index.js';
import { commit, componentHash, discard, lookup, stage, type CacheEntry } from './cache.js';
import { PluginLoadError, toolsMismatch, transpileFailed } from './errors.js';
import type { HostHandler } from './host-bridge-types.js';
import { PluginInstance } from './plugin.js';
import { PluginWorker } from './plugin-worker.js';
import { oneShot, type WorkerPool } from './pool.js';
import { compareTools, verifyTools } from './tools-check.js';
import { transpileComponent } from './transpile.js';
import type { RuntimeEvent } from './types.js';

export interface LoadOptions {
  id: string;
  componentBytes: Uint8Array;
  manifest: PluginManifest;
  cacheRoot: string;
  host: HostHandler;
  /** The component's path, for messages only. */
  file?: string;
  pool?: WorkerPool;
  admission?: AdmissionLimits;
  onEvent?: (event: RuntimeEvent) => void;
}

export async function loadPlugin(options: LoadOptions): Promise<PluginInstance> {
  const { id, componentBytes, manifest, cacheRoot, host, pool, onEvent } = options;
  const file = options.file ?? `${id}/${manifest.wasm_module ?? 'plugin.wasm'}`;
  const admitted = admitComponent(componentBytes, file, options.admission ?? DEFAULT_ADMISSION_LIMITS);
  if (!admitted.ok) {
    throw new PluginLoadError('plugin-admission', `The component was refused: ${admitted.diagnostics.map((d) => d.problem).join(' ')}`, admitted.diagnostics);
  }
  const entry = await cachedOrBuilt(componentHash(componentBytes), componentBytes, manifest, cacheRoot, file, pool);
  return new PluginInstance({ id, entry, limits: manifest.resources, host, ...(pool ? { pool } : {}), ...(onEvent ? { onEvent } : {}) });
}

async function cachedOrBuilt(hash: string, bytes: Uint8Array, manifest: PluginManifest, cacheRoot: string, file: string, pool?: WorkerPool): Promise<CacheEntry> {
  const { tools } = manifest;
  const cached = await lookup(cacheRoot, hash);
  if (cached) {
    const differences = compareTools(cached.tools, tools);
    if (differences.length === 0) return cached;
    await discard(cached.dir);
    throw toolsMismatch(file, differences);
  }
  // The probe's worker boots on another core while this thread transpiles; so does the next spare.
  const probe = pool?.take() ?? new PluginWorker();
  pool?.refill();
  let staged: CacheEntry;
  try {
    staged = await stage(cacheRoot, hash, await transpileComponent(bytes));
  } catch (error) {
    await probe.terminate();
    throw transpileFailed(file, error);
  }
  try {
    const check = await verifyTools(staged, tools, oneShot(probe), manifest.resources.max_memory_mb);
    if (!check.ok) throw toolsMismatch(file, check.differences);
    return await commit(cacheRoot, staged, check.tools);
  } catch (error) {
    await discard(staged.dir);
    throw error;
  }
}
