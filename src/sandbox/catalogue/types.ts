import type { Diagnostic } from '../../plugin/diagnostic.js';
import type { PluginManifest } from '../../plugin/manifest/types.js';
import type { PermissionDiff } from '../../plugin/permission-diff.js';
import type { AdmissionSizes } from '../admission/index.js';

export type PluginScope = 'managed' | 'workspace';

/**
 * Where a plugin stands, in the order it is decided:
 * - invalid: manifest or component refused (see diagnostics); never run.
 * - untrusted: in a workspace that is not trusted; never read further.
 * - awaiting-approval: valid, never approved; listed with what it asks.
 * - permissions-widened: approved once, but this version asks for more; `diff` is what is new.
 * - approved: may be instantiated on its first call.
 */
export type PluginState = 'invalid' | 'untrusted' | 'awaiting-approval' | 'permissions-widened' | 'approved';

export interface PluginRecord {
  /** The manifest id, or the folder name when there is no valid manifest. */
  id: string;
  dir: string;
  scope: PluginScope;
  state: PluginState;
  manifest?: PluginManifest;
  /** Absolute path of the component (`wasm_module`). */
  component?: string;
  /** `sha256:<hex>` of the normalised manifest and the component bytes (see pluginHash). */
  contentHash?: string;
  sizes?: AdmissionSizes;
  diff?: PermissionDiff;
  diagnostics: Diagnostic[];
}

export interface PluginFolder {
  dir: string;
  scope: PluginScope;
  trusted: boolean;
}
