/**
 * The audit log's shapes. Every host call a plugin makes becomes one entry;
 * the file form (`AuditRecord`) is one JSON line. An entry never carries an
 * environment value, a header or a body: targets are names, paths and URLs.
 */

/** What the host hands the sink: one call, or (count > 1) several folded. */
export interface AuditEntry {
  plugin: string;
  /** The host function: `read-file`, `write-file`, `http-request`, `get-env`, `log`. */
  fn: string;
  /** Path as the guest wrote it, URL (secret-looking query values redacted), variable NAME, or log level + size. */
  target: string;
  allowed: boolean;
  /** Why it was refused (or a note on an allowed call). */
  reason?: string;
  durationMs: number;
  /** Epoch ms of the call; the sink's clock when absent. */
  at?: number;
  /** How many calls this entry stands for; 1 when absent. */
  count?: number;
}

/** One line of `$CLAWFT_HOME/audit/YYYY-MM-DD.jsonl`. */
export interface AuditRecord {
  /** ISO time of the (first) call. */
  ts: string;
  plugin: string;
  fn: string;
  target: string;
  allowed: boolean;
  reason?: string;
  /** Total time spent, summed over folded calls. */
  duration_ms: number;
  count: number;
  /** ISO time of the last folded call, when count > 1. */
  last_ts?: string;
}

/** Where host calls are recorded. `record` never throws and never blocks. */
export interface AuditSink {
  record(entry: AuditEntry): void;
  /** Writes everything held back (folded denials) and waits for the writes. */
  flush?(): Promise<void>;
}

export function toRecord(entry: AuditEntry, at: number, lastAt?: number): AuditRecord {
  const record: AuditRecord = {
    ts: new Date(at).toISOString(),
    plugin: entry.plugin,
    fn: entry.fn,
    target: entry.target,
    allowed: entry.allowed,
    duration_ms: Math.round(entry.durationMs * 1000) / 1000,
    count: entry.count ?? 1,
  };
  if (entry.reason !== undefined) record.reason = entry.reason;
  if (lastAt !== undefined && lastAt !== at) record.last_ts = new Date(lastAt).toISOString();
  return record;
}
