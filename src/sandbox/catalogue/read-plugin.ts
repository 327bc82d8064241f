import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { hasErrors } from '../../plugin/diagnostic.js';
import { readManifest } from '../../plugin/manifest/parse.js';
import type { PluginManifest } from '../../plugin/manifest/types.js';
import { admitComponent, type AdmissionLimits } from '../admission/index.js';
import { readComponent } from './read-component.js';
import type { PluginRecord, PluginScope } from './types.js';

function componentMissing(file: string, error: unknown): Diagnostic {
  return {
    code: 'plugin-component-missing', severity: 'error', file, field: 'wasm_module',
    problem: `the component cannot be read: ${(error as Error).message}`,
    fix: 'Build the plugin, or correct wasm_module in the manifest (a path relative to the plugin folder).',
  };
}

/**
 * What an approval is bound to: the normalised manifest (its permissions and
 * tools) and the component bytes. A manifest edit that widens permissions
 * must not ride on an unchanged component's hash.
 */
export function pluginHash(manifest: PluginManifest, component: Uint8Array): string {
  const hash = createHash('sha256').update(JSON.stringify(manifest)).update('\0').update(component);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Reads one plugin folder: the manifest, then static admission of its
 * component. Nothing is transpiled or run here; the state is decided later
 * (trust, approvals), so this returns `invalid` or a provisional `awaiting-approval`.
 */
export async function readPlugin(dir: string, scope: PluginScope, limits: AdmissionLimits): Promise<PluginRecord> {
  const { manifest, diagnostics } = await readManifest(dir);
  const record: PluginRecord = { id: manifest?.id ?? path.basename(dir), dir, scope, state: 'invalid', diagnostics: [...diagnostics] };
  if (!manifest) return record;
  record.manifest = manifest;
  if (manifest.wasm_module) {
    const file = path.join(dir, manifest.wasm_module);
    record.component = file;
    try {
      const bytes = await readComponent(file, limits.maxBytes);
      record.contentHash = pluginHash(manifest, bytes);
      const admitted = admitComponent(bytes, file, limits);
      if (admitted.ok) record.sizes = admitted.sizes;
      else record.diagnostics.push(...admitted.diagnostics);
    } catch (error) {
      record.diagnostics.push(componentMissing(file, error));
    }
  }
  if (!hasErrors(record.diagnostics)) record.state = 'awaiting-approval';
  return record;
}
