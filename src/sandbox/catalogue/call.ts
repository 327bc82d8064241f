import { readFile } from 'node:fs/promises';
import type { WeftConfig } from '../../config/types.js';
import type { ApprovalsStore } from '../../plugin/approvals/index.js';
import { WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { auditDir, createFileAuditSink } from '../audit/index.js';
import { createHost } from '../host/index.js';
import { PluginRuntime, type CallOutcome } from '../runtime/index.js';
import type { PluginRecord } from './types.js';
import { pluginCacheRoot } from './verify.js';

export interface PluginCallContext {
  clawftHome: string;
  home: string;
  /** The workspace root `$WORKSPACE` paths resolve against, if any. */
  workspace: string | null;
  config: WeftConfig;
  approvals: ApprovalsStore;
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
  if (!approval) throw new WeftError(`plugin ${record.id} is not approved`, { code: 'approval-required' }, ExitCode.approvalRequired);
  const exceptions = ctx.config.sandbox.plugins[record.manifest.id] ?? {};
  const audit = createFileAuditSink({ dir: auditDir(ctx.clawftHome) });
  const host = createHost({
    pluginId: record.manifest.id, granted: approval.permissions, limits: record.manifest.resources,
    workspace: ctx.workspace, home: ctx.home, audit, protect: [ctx.clawftHome],
    ...(exceptions.allowAddresses ? { allowAddresses: exceptions.allowAddresses } : {}),
    ...(exceptions.allowEnv ? { allowEnv: exceptions.allowEnv } : {}),
  });
  const runtime = new PluginRuntime({ cacheRoot: pluginCacheRoot(ctx.clawftHome), spareWorker: false });
  try {
    const instance = await runtime.load({
      id: record.manifest.id, componentBytes: await readFile(record.component!), manifest: record.manifest, host, file: record.component!,
    });
    return await instance.callTool(tool, argsJson, signal ? { signal } : {});
  } finally {
    await runtime.dispose();
    await host.flush(); // the dropped-log count of the last window
    await audit.close();
  }
}
