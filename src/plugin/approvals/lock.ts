/**
 * A lock file next to the approvals file, `approvals.json.lock`, created with
 * O_EXCL so only one process at a time runs a read-modify-write. Holders keep
 * it for a few milliseconds (no hashing or prompting happens under it), so a
 * lock older than `staleMs` belongs to a process that died and is removed.
 *
 * Residual race, accepted: two waiters that judge the same dead lock stale at
 * the same instant could both remove it, the second removing the first's new
 * lock. It needs a crash plus a collision within microseconds, and we re-check
 * the lock's inode and age right before removing it to narrow the window.
 */
import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { WeftError } from '../errors.js';

export interface LockOptions {
  /** Give up waiting after this long. Default 5 s. */
  timeoutMs?: number;
  /** A lock older than this is left over from a crash. Default 10 s. */
  staleMs?: number;
}

export async function withLock<T>(target: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockFile = `${target}.lock`;
  await acquire(lockFile, options.timeoutMs ?? 5_000, options.staleMs ?? 10_000);
  try {
    return await fn();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

async function acquire(lockFile: string, timeoutMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    try {
      const handle = await fs.open(lockFile, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await removeIfStale(lockFile, staleMs)) continue;
    if (Date.now() >= deadline) {
      throw new WeftError(`Timed out waiting for the lock ${lockFile}`, {
        code: 'approvals-locked',
        file: lockFile,
        fix: `If no other weft is running, delete ${lockFile}.`,
      });
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

async function removeIfStale(lockFile: string, staleMs: number): Promise<boolean> {
  const first = await statOrNull(lockFile);
  if (!first) return true; // released meanwhile: try again at once
  if (Date.now() - first.mtimeMs <= staleMs) return false;
  const again = await statOrNull(lockFile);
  if (again && (again.ino !== first.ino || Date.now() - again.mtimeMs <= staleMs)) return false;
  await fs.rm(lockFile, { force: true });
  return true;
}

async function statOrNull(file: string): Promise<{ ino: number; mtimeMs: number } | null> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
