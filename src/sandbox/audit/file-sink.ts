/**
 * The audit log on disk: `<dir>/YYYY-MM-DD.jsonl`, one JSON line per record,
 * one file per UTC day (from the injected clock), files older than
 * `keepDays` deleted when a new day starts. Appends use O_APPEND so several
 * weft processes can share a file without overwriting each other, and
 * O_NOFOLLOW so a planted symlink cannot redirect the log.
 */
import { constants as C } from 'node:fs';
import { mkdir, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DenialFolder, type Folded } from './fold.js';
import { toRecord, type AuditEntry, type AuditSink } from './types.js';

export const DEFAULT_KEEP_DAYS = 30;
export const DEFAULT_FOLD_MS = 10_000;
const DAY_MS = 86_400_000;
export const AUDIT_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

export interface FileAuditSinkOptions {
  /** Usually `auditDir($CLAWFT_HOME)`. */
  dir: string;
  now?: () => number;
  keepDays?: number;
  /** Window in which identical denials fold into one record. */
  foldMs?: number;
  /** Write failures land here; recording itself never throws. */
  onError?: (error: unknown) => void;
}

export interface FileAuditSink extends AuditSink {
  readonly dir: string;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function auditDir(clawftHome: string): string {
  return path.join(clawftHome, 'audit');
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function createFileAuditSink(options: FileAuditSinkOptions): FileAuditSink {
  const { dir } = options;
  const now = options.now ?? Date.now;
  const keepDays = Math.max(1, options.keepDays ?? DEFAULT_KEEP_DAYS);
  const foldMs = options.foldMs ?? DEFAULT_FOLD_MS;
  const onError = options.onError ?? (() => {});
  const folder = new DenialFolder(foldMs);
  let tail: Promise<void> = Promise.resolve();
  let file: { day: string; handle: FileHandle } | undefined;
  let newestDay = '';
  let timer: NodeJS.Timeout | undefined;

  async function handleFor(day: string): Promise<FileHandle> {
    if (file?.day === day) return file.handle;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (day > newestDay) {
      newestDay = day;
      await prune(dir, day, keepDays);
    }
    await file?.handle.close();
    file = undefined;
    const handle = await open(path.join(dir, `${day}.jsonl`), C.O_WRONLY | C.O_APPEND | C.O_CREAT | C.O_NOFOLLOW, 0o600);
    file = { day, handle };
    return handle;
  }

  function write(items: Folded[]): void {
    for (const { entry, first, last } of items) {
      const line = `${JSON.stringify(toRecord(entry, first, last))}\n`;
      const day = utcDay(first);
      tail = tail.then(async () => {
        await (await handleFor(day)).write(line);
      }).catch(onError);
    }
  }

  // Held denials must reach the file even if the plugin goes quiet; the
  // timer is unref'd so it never keeps the process alive.
  function schedule(): void {
    if (timer || folder.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      write(folder.expired(now()));
      schedule();
    }, Math.max(foldMs, 1));
    timer.unref();
  }

  return {
    dir,
    record(entry: AuditEntry): void {
      try {
        write(folder.add(entry, entry.at ?? now()));
        schedule();
      } catch (error) {
        onError(error);
      }
    },
    async flush(): Promise<void> {
      write(folder.drain());
      await tail;
    },
    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      write(folder.drain());
      await tail;
      await file?.handle.close().catch(onError);
      file = undefined;
    },
  };
}

/** Deletes day files older than `keepDays` days before `today` (inclusive window). */
async function prune(dir: string, today: string, keepDays: number): Promise<void> {
  const cutoff = Date.parse(today) - (keepDays - 1) * DAY_MS;
  for (const name of await readdir(dir)) {
    const day = AUDIT_FILE.exec(name)?.[1];
    if (day && Date.parse(day) < cutoff) await unlink(path.join(dir, name)).catch(() => {});
  }
}
