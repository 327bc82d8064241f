/** An audit sink that keeps entries in memory: for tests and embedding. */
import type { AuditEntry, AuditSink } from './types.js';

export interface MemoryAuditSink extends AuditSink {
  readonly entries: AuditEntry[];
}

export function createMemoryAuditSink(): MemoryAuditSink {
  const entries: AuditEntry[] = [];
  return {
    entries,
    record(entry) {
      entries.push({ ...entry });
    },
    async flush() {},
  };
}
