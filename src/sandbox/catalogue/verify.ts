import path from 'node:path';
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { loadPlugin, PluginLoadError } from '../runtime/index.js';
import { readComponent } from './read-component.js';
import type { PluginRecord } from './types.js';

export function pluginCacheRoot(clawftHome: string): string {
  return path.join(clawftHome, 'cache', 'plugins');
}

/**
 * The tools check, once per content hash: transpile, instantiate in a
 * throwaway worker whose every host function denies, compare list-tools with
 * the manifest. The result is cached with the transpile output, so the first
 * real call starts from it. Returns the problems found (none: it passed).
 */
export async function verifyPluginTools(record: PluginRecord, clawftHome: string, maxBytes: number): Promise<Diagnostic[]> {
  if (!record.manifest || !record.component) return [];
  try {
    const instance = await loadPlugin({
      id: record.manifest.id, componentBytes: await readComponent(record.component, maxBytes), manifest: record.manifest,
      cacheRoot: pluginCacheRoot(clawftHome), host: async () => ({ ok: false, error: 'denied during the tools check' }), file: record.component,
    });
    await instance.dispose();
    return [];
  } catch (error) {
    if (error instanceof PluginLoadError) return error.diagnostics;
    throw error;
  }
}
