/**
 * The plugin read cache: a plugin folder is re-read (manifest parsed,
 * component admitted and hashed) only when a file in it changed; approval
 * state is decided afresh on every build, since approvals.json may change
 * without the plugin changing. The component bytes are kept with the record
 * they were hashed for, so a generation instantiates exactly the code its
 * snapshot describes, even if the file changes again before the first call.
 *
 * scanPlugins has no cache hook, so its rules (folder name = id, an
 * untrusted workspace's plugins listed by folder name and never read, a
 * managed plugin winning over a workspace one of the same id) are repeated
 * here over the same readPlugin and approvals calls.
 */
import type { ApprovalsStore } from '../plugin/approvals/index.js';
import type { AdmissionLimits } from '../sandbox/admission/index.js';
import {
  dedupePlugins, judgeInstalled, pluginHash, pluginSubfolders, readComponent, readPlugin, untrustedPlugin,
  type PluginFolder, type PluginRecord,
} from '../sandbox/catalogue/index.js';
import { folderSignature } from './signature.js';

interface Entry {
  sig: string;
  limits: string;
  record: PluginRecord;
  bytes?: Uint8Array;
}

export interface ScannedPlugins {
  records: PluginRecord[];
  /** Plugin id → the component bytes its record's contentHash covers (valid plugins only). */
  components: Map<string, Uint8Array>;
}

export class PluginCache {
  /** Plugin folders actually read, since the cache was made. */
  pluginsRead = 0;
  private readonly entries = new Map<string, Entry>();

  async scan(folders: readonly PluginFolder[], approvals: ApprovalsStore, limits: AdmissionLimits): Promise<ScannedPlugins> {
    const records: PluginRecord[] = [];
    const components = new Map<string, Uint8Array>();
    const seen = new Set<string>();
    for (const folder of folders) {
      for (const dir of pluginSubfolders(folder.dir)) {
        if (!folder.trusted) {
          records.push(untrustedPlugin(dir, folder));
          continue;
        }
        seen.add(dir);
        const entry = await this.read(dir, folder, limits);
        const judged = await judgeInstalled(entry.record, dir, approvals);
        if (entry.bytes && judged.state !== 'invalid' && !components.has(judged.id)) components.set(judged.id, entry.bytes);
        records.push(judged);
      }
    }
    for (const dir of this.entries.keys()) if (!seen.has(dir)) this.entries.delete(dir);
    return { records: dedupePlugins(records), components };
  }

  private async read(dir: string, folder: PluginFolder, limits: AdmissionLimits): Promise<Entry> {
    const limitsKey = JSON.stringify(limits);
    const old = this.entries.get(dir);
    const extra = old?.record.component ? [old.record.component] : [];
    if (old && old.limits === limitsKey && old.sig === folderSignature(dir, extra)) return old;
    // Read until the bytes kept match the hash admitted: a write landing mid-read is read again.
    for (let attempt = 0; ; attempt++) {
      const sig = folderSignature(dir, extra);
      this.pluginsRead += 1;
      const record = await readPlugin(dir, folder.scope, limits);
      const bytes = record.component && record.contentHash && record.manifest
        ? await readComponent(record.component, limits.maxBytes).catch(() => undefined) : undefined;
      const matches = !bytes || pluginHash(record.manifest!, bytes) === record.contentHash;
      if (matches || attempt >= 2) {
        const entry: Entry = { sig: folderSignature(dir, record.component ? [record.component] : []), limits: limitsKey, record, ...(matches && bytes ? { bytes } : {}) };
        // A signature taken before the read that no longer holds means a write raced it: do not cache.
        if (sig === folderSignature(dir, extra)) this.entries.set(dir, entry);
        return entry;
      }
    }
  }
}

