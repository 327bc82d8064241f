/**
 * Plugin instances of the registry's generations. An instance is made on
 * the first call in a generation that needs it (one worker per plugin, as
 * the runtime does it) and is held by every alive generation that uses it.
 *
 * Carry-forward (decided here): when a new generation publishes and a plugin
 * is the same there (same content hash, approved, same config exceptions
 * and workspace), the new generation takes a hold on the old generation's
 * instance instead of booting another: it runs exactly the same code under
 * the same grant. Anything else gets a fresh instance in the new generation.
 * An instance is disposed when the last generation holding it retires.
 */
import type { WeftPaths } from '../config/paths.js';
import type { WeftConfig } from '../config/types.js';
import type { ApprovalsStore } from '../plugin/approvals/index.js';
import { auditDir, createFileAuditSink } from '../sandbox/audit/index.js';
import { admissionLimits } from '../sandbox/admission/index.js';
import { protectedFolders, type PluginRecord } from '../sandbox/catalogue/index.js';
import { createHost, type Host } from '../sandbox/host/index.js';
import type { PluginInstance, PluginRuntime } from '../sandbox/runtime/index.js';

interface Held {
  key: string;
  instance: Promise<PluginInstance>;
  holders: Set<number>;
  close: () => Promise<void>;
}

export interface InstanceContext {
  paths: WeftPaths;
  approvals: ApprovalsStore;
  runtime: PluginRuntime;
  /** Where plugins' log lines go (already sanitised and rate-limited by the host). */
  onPluginLog?: (pluginId: string, level: string, message: string) => void;
}

/** What makes two generations' instances of one plugin interchangeable. */
export function instanceKey(record: PluginRecord, config: WeftConfig, workspace: string | null): string {
  return JSON.stringify([record.id, record.contentHash ?? '', record.state, config.sandbox.plugins[record.id] ?? {}, workspace]);
}

export class InstancePool {
  created = 0;
  disposed = 0;
  private readonly held = new Map<string, Held>();
  private closed = false;

  constructor(private readonly ctx: InstanceContext) {}

  /** The instance of `record` for generation `gen`, made now if none is held under its key. */
  get(gen: number, record: PluginRecord, bytes: Uint8Array, config: WeftConfig, workspace: string | null): Promise<PluginInstance> {
    if (this.closed) return Promise.reject(new Error('the registry is stopped'));
    const key = instanceKey(record, config, workspace);
    let entry = this.held.get(key);
    if (!entry) {
      entry = this.make(key, record, bytes, config, workspace);
      this.held.set(key, entry);
    }
    entry.holders.add(gen);
    return entry.instance;
  }

  /** Generation `to` takes a hold on what `from` holds under `keys` (carry-forward). */
  carry(from: number, to: number, keys: ReadonlySet<string>): void {
    for (const entry of this.held.values()) if (entry.holders.has(from) && keys.has(entry.key)) entry.holders.add(to);
  }

  /** Generation `gen` retired: dispose what nobody else holds. */
  async release(gen: number): Promise<void> {
    const closing: Array<Promise<void>> = [];
    for (const [key, entry] of this.held) {
      if (!entry.holders.delete(gen) || entry.holders.size > 0) continue;
      this.held.delete(key);
      closing.push(entry.close());
    }
    await Promise.all(closing);
  }

  async disposeAll(): Promise<void> {
    this.closed = true;
    const all = [...this.held.values()];
    this.held.clear();
    await Promise.all(all.map((e) => e.close()));
  }

  private make(key: string, record: PluginRecord, bytes: Uint8Array, config: WeftConfig, workspace: string | null): Held {
    const { paths, approvals, runtime, onPluginLog } = this.ctx;
    const audit = createFileAuditSink({ dir: auditDir(paths.clawftHome) });
    const exceptions = config.sandbox.plugins[record.id] ?? {};
    let host: Host | undefined;
    const instance = (async () => {
      const approval = await approvals.getPluginApproval(record.id);
      // The grant in force now (a carried-forward approval names newer bytes with the same permissions).
      if (!approval || !record.manifest) throw new Error(`plugin ${record.id} is not approved; run \`weft plugin approve ${record.id}\``);
      host = createHost({
        pluginId: record.id, granted: approval.permissions, limits: record.manifest.resources, workspace, home: paths.home,
        audit, protect: protectedFolders({ clawftHome: paths.clawftHome, workspace }),
        ...(onPluginLog ? { onLog: (level: string, message: string) => onPluginLog(record.id, level, message) } : {}),
        ...(exceptions.allowAddresses ? { allowAddresses: exceptions.allowAddresses } : {}),
        ...(exceptions.allowEnv ? { allowEnv: exceptions.allowEnv } : {}),
      });
      this.created += 1;
      return runtime.load({
        id: record.id, componentBytes: bytes, manifest: record.manifest, host, admission: admissionLimits(config.sandbox),
        ...(record.component ? { file: record.component } : {}),
      });
    })();
    const close = async (): Promise<void> => {
      const made = await instance.catch(() => undefined);
      if (made) {
        await runtime.unload(made);
        this.disposed += 1;
      }
      await host?.flush(); // the dropped-log count of the last window
      await audit.close();
    };
    const entry: Held = { key, instance, holders: new Set(), close };
    // A failed load is the awaiting caller's error; the next call in the generation tries again.
    instance.catch(() => {
      if (this.held.get(key) === entry) this.held.delete(key);
      void audit.close();
    });
    return entry;
  }
}
