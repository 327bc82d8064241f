/**
 * One namespace of the memory store as an append-only JSON-lines log:
 * `{"op":"put","key","value","createdAt","expiresAt"?}` and
 * `{"op":"del","key","at"}`. Writers append under the log's lock (so a
 * compaction never drops a line); readers pick up what others appended by
 * reading from where they stopped. A line that is not valid
 * JSON is skipped and counted, never rewritten away.
 */
import fs from 'node:fs/promises';
import type { MemoryEntry } from '../plugin/contract/memory.js';

export type LogRecord =
  | { op: 'put'; key: string; value: unknown; createdAt: string; expiresAt?: string }
  | { op: 'del'; key: string; at: string }
  /** The first line of a compacted log: unique, so a reader can tell the file was replaced. */
  | { op: 'compacted'; id: string; at: string };

const HEAD_BYTES = 96;

async function readHead(handle: fs.FileHandle, size: number): Promise<string> {
  const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
  await handle.read(buffer, 0, buffer.length, 0);
  return buffer.toString('latin1');
}

export class NamespaceLog {
  /** Key → its live entry (expired ones are dropped when read). */
  readonly entries = new Map<string, MemoryEntry>();
  /** Lines read (the log's length), and lines that could not be read. */
  lines = 0;
  corrupt = 0;
  /** Bytes of the log's lines that hold a live entry (the rest is what a compaction would drop). */
  private readonly entryBytes = new Map<string, number>();
  private offset = 0;
  private partial = '';
  /**
   * The file read so far, by inode and first bytes: a compaction replaces it,
   * and then it is read again from the start. The inode alone is not enough
   * (a freed one is soon reused); a compacted log starts with a line of its own.
   */
  private ino = -1;
  private head = '';

  constructor(readonly namespace: string, readonly file: string) {}

  /** Reads what was appended since the last call (by this process or another). */
  async refresh(): Promise<void> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const { size, ino } = await handle.stat();
      const head = await readHead(handle, size);
      // a head that was shorter (the file was small) only has to begin the new one
      if (ino !== this.ino || size < this.offset || !head.startsWith(this.head)) { // new, or replaced by a compaction: read it from the start
        this.ino = ino;
        this.entries.clear();
        this.entryBytes.clear();
        this.offset = 0;
        this.partial = '';
        this.lines = 0;
        this.corrupt = 0;
      }
      this.head = head;
      if (size === this.offset) return;
      const buffer = Buffer.alloc(size - this.offset);
      await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset = size;
      const text = this.partial + buffer.toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? ''; // a line still being written
      for (const line of parts) if (line.trim()) this.apply(line);
    } finally {
      await handle.close();
    }
  }

  private apply(line: string): void {
    this.lines += 1;
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      this.corrupt += 1;
      return;
    }
    if (record.op === 'put' && typeof record.key === 'string') {
      this.entryBytes.set(record.key, Buffer.byteLength(line) + 1);
      this.entries.set(record.key, {
        namespace: this.namespace, key: record.key, value: record.value, createdAt: record.createdAt,
        ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
      });
    } else if (record.op === 'compacted') {
      // nothing to apply: it marks the file
    } else if (record.op === 'del' && typeof record.key === 'string') {
      this.entries.delete(record.key);
      this.entryBytes.delete(record.key);
    } else {
      this.corrupt += 1;
    }
  }

  /** The log's size in bytes, and how much of it live entries take. */
  get size(): number {
    return this.offset;
  }

  get liveBytes(): number {
    let total = 0;
    for (const n of this.entryBytes.values()) total += n;
    return total;
  }

  /** Appends one record (one write, so concurrent writers never interleave within a line). */
  async append(record: LogRecord): Promise<void> {
    await fs.appendFile(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  }
}
