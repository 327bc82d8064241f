/**
 * Reading the audit log back, for `weft plugin audit <id>`. Tolerant: a
 * torn or foreign line is skipped (and counted), never fatal.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_FILE, utcDay } from './file-sink.js';
import type { AuditRecord } from './types.js';

export interface ReadAuditOptions {
  /** Only records at or after this time. */
  since?: Date | number;
}

export interface AuditReadResult {
  records: AuditRecord[];
  /** Lines that were not audit records. */
  skipped: number;
}

export async function readAudit(dir: string, pluginId: string, options: ReadAuditOptions = {}): Promise<AuditRecord[]> {
  return (await readAuditDetailed(dir, pluginId, options)).records;
}

export async function readAuditDetailed(dir: string, pluginId: string, options: ReadAuditOptions = {}): Promise<AuditReadResult> {
  const since = options.since === undefined ? undefined : new Date(options.since).getTime();
  const firstDay = since === undefined ? '' : utcDay(since);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw error;
  }
  const days = names.flatMap((n) => AUDIT_FILE.exec(n)?.[1] ?? []).filter((d) => d >= firstDay).sort();
  const records: AuditRecord[] = [];
  let skipped = 0;
  for (const day of days) {
    const text = await readFile(path.join(dir, `${day}.jsonl`), 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const record = parseRecord(line);
      if (!record) skipped += 1;
      else if (record.plugin === pluginId && (since === undefined || Date.parse(record.ts) >= since)) records.push(record);
    }
  }
  records.sort((a, b) => a.ts.localeCompare(b.ts));
  return { records, skipped };
}

function parseRecord(line: string): AuditRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const r = value as Record<string, unknown>;
    const valid = typeof r.ts === 'string' && typeof r.plugin === 'string' && typeof r.fn === 'string'
      && typeof r.target === 'string' && typeof r.allowed === 'boolean' && typeof r.count === 'number';
    return valid ? (value as AuditRecord) : undefined;
  } catch {
    return undefined;
  }
}
