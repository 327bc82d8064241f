import path from 'node:path';
import type { WeftConfig } from '../../config/types.js';
import type { ApprovalsStore } from '../../plugin/approvals/index.js';
import { WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { auditDir, createFileAuditSink } from '../audit/index.js';
import { createHost } from '../host/index.js';
import { PluginRuntime, type CallOutcome } from '../runtime/index.js';
import { admissionLimits } from '../admission/index.js';
import { readComponent } from './read-component.js';
import { pluginHash } from './read-plugin.js';
import type { PluginRecord } from './types.js';
import { pluginCacheRoot } from './verify.js';

export interface PluginCallContext {
  clawftHome: string;
  home: string;
  /** The workspace root `$WORKSPACE` paths resolve against, if any. */
  workspace: string | null;
  config: WeftConfig;
  approvals: ApprovalsStore;
  /** Where the plugin's log messages go (already sanitised and rate-limited). */
  onLog?: (level: string, message: string) => void;
}

/** What no plugin may open, whatever it was granted: weft's home, and the workspace's weft, agent and git folders. */
function protectedFolders(ctx: PluginCallContext): string[] {
  const ws = ctx.workspace;
  return [ctx.clawftHome, ...(ws ? ['.clawft', '.agents', '.git'].map((d) => path.join(ws, d)) : [])];
}

/** Refuses, with the exit code scripts rely on, any plugin that may not run. */
function assertRunnable(record: PluginRecord): asserts record is PluginRecord & { manifest: NonNullable<PluginRecord['manifest']> } {
  if (record.state === 'untrusted') {
    throw new WeftError(`plugin ${record.id} is in an untrusted workspace (${record.dir})`, { code: 'workspace-untrusted', value: record.id,
      fix: 'Run `weft trust` in the workspace if you trust its contents.' }, ExitCode.untrustedWorkspace);
  }
  if (record.state === 'invalid' || !record.manifest) {
    throw new WeftError(`plugin ${record.id} is refused: ${record.diagnostics[0]?.problem ?? 'invalid'}`, { code: 'plugin-invalid', value: record.id,
      fix: 'See `weft plugin check` for every problem.' });
  }
  if (record.state !== 'approved') {
    throw new WeftError(`plugin ${record.id} ${record.state === 'permissions-widened' ? 'asks for more than you approved' : 'is not approved'}; it is never run until it is`,
      { code: 'approval-required', value: record.id, fix: `Run \`weft plugin approve ${record.id}\`.` }, ExitCode.approvalRequired);
  }
}

/**
 * Runs one tool of an approved plugin: a host bound to what the user
 * granted (the approval record, not the manifest), a fresh worker, the
 * manifest's limits, the audit log. The worker is gone when this returns.
 */
export async function callPluginTool(ctx: PluginCallContext, record: PluginRecord, tool: string, argsJson: string, signal?: AbortSignal): Promise<CallOutcome> {
  assertRunnable(record);
  const approval = await ctx.approvals.getPluginApproval(record.manifest.id);
  // The bytes that run are the bytes that were checked and approved: read once,
  // hashed with the manifest, compared with the listing and the approval record.
  const bytes = await readComponent(record.component!, admissionLimits(ctx.config.sandbox).maxBytes);
  const hash = pluginHash(record.manifest, bytes);
  if (!approval || hash !== record.contentHash || approval.contentHash !== hash) {
    throw new WeftError(`plugin ${record.id} changed since it was approved; it is not run`, { code: 'approval-required', value: record.id,
      fix: `Run \`weft plugin approve ${record.id}\` to review it again.` }, ExitCode.approvalRequired);
  }
  const exceptions = ctx.config.sandbox.plugins[record.manifest.id] ?? {};
  const audit = createFileAuditSink({ dir: auditDir(ctx.clawftHome) });
  const host = createHost({
    pluginId: record.manifest.id, granted: approval.permissions, limits: record.manifest.resources,
    workspace: ctx.workspace, home: ctx.home, audit, protect: protectedFolders(ctx),
    ...(ctx.onLog ? { onLog: ctx.onLog } : {}),
    ...(exceptions.allowAddresses ? { allowAddresses: exceptions.allowAddresses } : {}),
    ...(exceptions.allowEnv ? { allowEnv: exceptions.allowEnv } : {}),
  });
  const runtime = new PluginRuntime({ cacheRoot: pluginCacheRoot(ctx.clawftHome), spareWorker: false });
  try {
    const instance = await runtime.load({
      id: record.manifest.id, componentBytes: bytes, manifest: record.manifest, host, file: record.component!,
    });
    return await instance.callTool(tool, argsJson, signal ? { signal } : {});
  } finally {
    await runtime.dispose();
    await host.flush(); // the dropped-log count of the last window
    await audit.close();
  }
}
