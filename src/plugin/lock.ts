/**
 * A lock file `<target>.lock`, created with O_EXCL so only one process at a
 * time runs a read-modify-write (approvals) or changes a skill root
 * (install). Holders keep it briefly, so a lock older than `staleMs`, or one
 * whose holder pid is no longer alive on this machine, is left over from a
 * crash and is removed.
 *
 * Residual race, accepted: two waiters that judge the same dead lock stale at
 * the same instant could both remove it, the second removing the first's new
 * lock. It needs a crash plus a collision within microseconds, and we re-check
 * the lock's inode and age right before removing it to narrow the window.
 */
import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { WeftError } from './errors.js';

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
        code: 'locked',
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
  if (Date.now() - first.mtimeMs <= staleMs && (await holderAlive(lockFile))) return false;
  const again = await statOrNull(lockFile);
  if (again && again.ino !== first.ino) return false;
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

/** False when the pid written in the lock is gone (killed, crashed). */
async function holderAlive(lockFile: string): Promise<boolean> {
  const text = await fs.readFile(lockFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return true; // being written: give it time
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
