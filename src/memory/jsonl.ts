/**
 * The memory backend: `$CLAWFT_HOME/memory/<namespace>.jsonl`, one
 * append-only log per namespace (log.ts), with time to live, a simple
 * search, and compaction (temp file + rename, under a lock) once a log
 * holds twice as many lines as live entries, or twice the bytes. A log with unreadable lines is
 * never compacted, so nothing written is lost to a rewrite.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../plugin/approvals/index.js';
import type { MemoryBackend, MemoryEntry, MemoryStoreOptions } from '../plugin/contract/memory.js';
import { withLock } from '../plugin/lock.js';
import { NamespaceLog } from './log.js';

/** Namespaces become file names: letters, digits, `-`, `_` and `.` kept, anything else %-escaped. */
export function namespaceFile(namespace: string): string {
  if (!namespace) throw new Error('a memory namespace cannot be empty');
  return `${namespace.replace(/[^A-Za-z0-9_.-]|^\./g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}.jsonl`;
}

function namespaceOf(file: string): string {
  return decodeURIComponent(file.slice(0, -'.jsonl'.length));
}

/** Compaction bytes floor: below it a log is left alone whatever its waste. */
export const COMPACT_MIN_BYTES = 1024 * 1024;

/**
 * Many lines for few entries, or (for large values, such as whole sessions
 * stored again each turn) more than half the bytes dead: either way the log
 * is rewritten, so it stays within about twice what it holds.
 */
function needsCompaction(log: NamespaceLog): boolean {
  if (log.lines > 64 && log.lines > log.entries.size * 2) return true;
  return log.size > COMPACT_MIN_BYTES && log.size > log.liveBytes * 2;
}

export interface JsonlMemoryOptions {
  dir: string;
  now?: () => Date;
}

export class JsonlMemory implements MemoryBackend {
  private readonly logs = new Map<string, NamespaceLog>();
  private readonly now: () => Date;

  constructor(private readonly options: JsonlMemoryOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private async log(namespace: string): Promise<NamespaceLog> {
    let log = this.logs.get(namespace);
    if (!log) {
      log = new NamespaceLog(namespace, path.join(this.options.dir, namespaceFile(namespace)));
      this.logs.set(namespace, log);
    }
    await log.refresh();
    return log;
  }

  private live(entry: MemoryEntry | undefined): entry is MemoryEntry {
    return entry !== undefined && (!entry.expiresAt || Date.parse(entry.expiresAt) > this.now().getTime());
  }

  async store<T>(namespace: string, key: string, value: T, options: MemoryStoreOptions = {}): Promise<void> {
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    const log = await this.log(namespace);
    const now = this.now();
    const expiresAt = options.ttlMs !== undefined ? new Date(now.getTime() + options.ttlMs).toISOString() : undefined;
    await withLock(log.file, () => log.append({ op: 'put', key, value, createdAt: now.toISOString(), ...(expiresAt ? { expiresAt } : {}) }));
    await log.refresh();
    if (log.corrupt === 0 && needsCompaction(log)) await this.compact(log);
  }

  async retrieve<T>(namespace: string, key: string): Promise<MemoryEntry<T> | undefined> {
    const entry = (await this.log(namespace)).entries.get(key);
    return this.live(entry) ? (entry as MemoryEntry<T>) : undefined;
  }

  /** Entries whose key or value contains every word of `query` (any case), most words and newest first. */
  async search(namespace: string, query: string, limit = 20): Promise<MemoryEntry[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const live = [...(await this.log(namespace)).entries.values()].filter((e) => this.live(e));
    // no words: every entry matches, and serialising large values (whole sessions) to find that out is waste
    if (words.length === 0) return live.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, limit);
    const scored = live.map((entry) => {
      const text = `${entry.key}\n${JSON.stringify(entry.value)}`.toLowerCase();
      return { entry, hits: words.filter((w) => text.includes(w)).length };
    }).filter((s) => s.hits === words.length);
    scored.sort((a, b) => b.hits - a.hits || (a.entry.createdAt < b.entry.createdAt ? 1 : a.entry.createdAt > b.entry.createdAt ? -1 : 0));
    return scored.slice(0, limit).map((s) => s.entry);
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    const log = await this.log(namespace);
    if (!this.live(log.entries.get(key))) return false;
    await withLock(log.file, () => log.append({ op: 'del', key, at: this.now().toISOString() }));
    await log.refresh();
    return true;
  }

  async namespaces(): Promise<string[]> {
    let files: string[];
    try {
      files = (await readdir(this.options.dir)).filter((f) => f.endsWith('.jsonl'));
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const file of files) {
      const namespace = namespaceOf(file);
      const log = await this.log(namespace);
      if ([...log.entries.values()].some((e) => this.live(e))) out.push(namespace);
    }
    return out.sort();
  }

  /** Rewrites a log with only its live entries (temp file + rename, under the log's lock). */
  private async compact(log: NamespaceLog): Promise<void> {
    await withLock(log.file, async () => {
      await log.refresh(); // what others appended before we took the lock
      if (log.corrupt > 0) return;
      const lines = [...log.entries.values()].filter((e) => this.live(e))
        .map((e) => JSON.stringify({ op: 'put', key: e.key, value: e.value, createdAt: e.createdAt, ...(e.expiresAt ? { expiresAt: e.expiresAt } : {}) }));
      const header = JSON.stringify({ op: 'compacted', id: randomUUID(), at: this.now().toISOString() });
      await writeAtomic(log.file, `${[header, ...lines].join('\n')}\n`);
    });
    await log.refresh();
  }
}
