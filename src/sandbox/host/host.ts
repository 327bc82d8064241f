/**
 * createHost: the one place plugin host calls are checked and carried out.
 * The worker forwards each guest call here; every call, allowed or not,
 * leaves one audit entry (dropped log messages excepted: they are reported
 * per window). Nothing here throws: any failure, expected or not, becomes
 * `{ok:false, error}` (or `null`/nothing where the WIT signature has no
 * error), because a thrown Error would unwind through the guest.
 *
 * Rate-limit state lives in the host, so the runtime should keep one host
 * per plugin across re-instantiations.
 */
import { performance } from 'node:perf_hooks';
import { getEnv } from './env.js';
import { readGuestFile } from './fs-read.js';
import { writeGuestFile } from './fs-write.js';
import { logMessage } from './log.js';
import { httpRequest } from './net-request.js';
import { redactUrl } from './net-util.js';
import { FixedWindow, SlidingWindow, type DropReport } from './rate-limit.js';
import { deny, type Host, type HostCall, type HostContext, type HostResult, type Outcome } from './types.js';

export function createHost(ctx: HostContext): Host {
  const now = ctx.now ?? Date.now;
  const http = new SlidingWindow(ctx.limits.max_http_requests_per_minute, now);
  const logs = new FixedWindow(ctx.limits.max_log_messages_per_minute, now);

  const reportDrops = (report: DropReport): void => {
    safeRecord(ctx, {
      plugin: ctx.pluginId, fn: 'log', target: 'rate limit', allowed: false, durationMs: 0, at: report.start, count: report.dropped,
      reason: `dropped ${report.dropped} message(s) over the limit of ${logs.limit} per minute`,
    });
  };

  async function dispatch(call: HostCall, signal?: AbortSignal): Promise<Outcome> {
    switch (call.fn) {
      case 'read-file': return readGuestFile(ctx, call.path);
      case 'write-file': return writeGuestFile(ctx, call.path, call.contents);
      case 'http-request': return httpRequest(ctx, http, call, signal);
      case 'get-env': return getEnv(ctx, call.name);
      case 'log': return logMessage(ctx, logs, call.level, call.message, reportDrops);
      default: return deny(String((call as { fn?: unknown } | null)?.fn ?? '?').slice(0, 40), 'unknown host function');
    }
  }

  const host = async (call: HostCall, signal?: AbortSignal): Promise<HostResult> => {
    const started = performance.now();
    const at = now();
    const fn = String((call as { fn?: unknown } | null)?.fn ?? '?').slice(0, 40);
    let outcome: Outcome;
    try {
      outcome = await dispatch(call, signal);
    } catch {
      // Only a bug gets here; the guest learns nothing about it but its existence.
      outcome = { ...deny(targetOf(call), `internal error in ${fn}`) };
      if (fn === 'get-env' || fn === 'log') outcome.result = { ok: true, value: null };
    }
    if (outcome.audit !== false) {
      safeRecord(ctx, {
        plugin: ctx.pluginId, fn, target: outcome.target, allowed: outcome.allowed, durationMs: performance.now() - started, at,
        ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
      });
    }
    return outcome.result;
  };

  return Object.assign(host, {
    async flush(): Promise<void> {
      const report = logs.drain();
      if (report) reportDrops(report);
    },
  });
}

function safeRecord(ctx: HostContext, entry: Parameters<HostContext['audit']['record']>[0]): void {
  try {
    ctx.audit.record(entry);
  } catch {
    // The sink promises not to throw; if one does, the call's result still stands.
  }
}

/** What a call is about, for the audit log, without its payload. */
function targetOf(call: HostCall): string {
  const c = call as Partial<Record<'path' | 'url' | 'name' | 'level', unknown>> | null;
  if (typeof c?.url === 'string') return redactUrl(c.url);
  return String(c?.path ?? c?.name ?? c?.level ?? '').slice(0, 256);
}
