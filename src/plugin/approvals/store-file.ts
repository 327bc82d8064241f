/**
 * Reading and writing the approvals file. Every write is a read-modify-write
 * under the lock: the file is re-read right before writing and the one change
 * is applied to that fresh copy, so two processes approving at once keep both
 * entries. Writes are atomic: a temp file in the same folder, fsync, rename
 * over the target, so readers (who take no lock) see the old file or the new
 * one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { withLock, type LockOptions } from '../lock.js';
import { parseApprovals } from './parse.js';
import { emptyApprovals, setEntry, type ApprovalsData } from './types.js';

/** The file's approvals; an absent file has none. Throws if the file is corrupt. */
export async function readApprovals(file: string): Promise<ApprovalsData> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyApprovals();
    throw error;
  }
  return parseApprovals(text, file);
}

/**
 * Apply `mutate` to a fresh copy of the file under the lock and write the
 * result back if it changed. A corrupt file throws before anything is written.
 */
export async function updateApprovals<T>(
  file: string,
  mutate: (data: ApprovalsData) => T,
  lock: LockOptions = {},
): Promise<T> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return withLock(
    file,
    async () => {
      const data = await readApprovals(file);
      const before = serializeApprovals(data);
      const result = mutate(data);
      const after = serializeApprovals(data);
      if (after !== before) await writeAtomic(file, after);
      return result;
    },
    lock,
  );
}

/** Pretty JSON, entries sorted by key, trailing newline. */
export function serializeApprovals(data: ApprovalsData): string {
  const sorted = {
    ...data,
    skills: sortKeys(data.skills),
    plugins: sortKeys(data.plugins),
    workspaces: sortKeys(data.workspaces),
  };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Write `text` to `file` atomically with mode 0600. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Make the rename itself durable. Not every platform can fsync a folder. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: the data is already in place
  }
}

function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record).sort()) setEntry(out, key, record[key] as V);
  return out;
}
