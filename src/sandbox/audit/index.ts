/** The audit log of plugin host calls. */
export type { AuditEntry, AuditRecord, AuditSink } from './types.js';
export { auditDir, createFileAuditSink, DEFAULT_FOLD_MS, DEFAULT_KEEP_DAYS, type FileAuditSink, type FileAuditSinkOptions } from './file-sink.js';
export { readAudit, readAuditDetailed, type AuditReadResult, type ReadAuditOptions } from './read.js';
export { createMemoryAuditSink, type MemoryAuditSink } from './memory-sink.js';
export { DenialFolder } from './fold.js';
