/**
 * A lock file `<target>.lock`, created with O_EXCL so only one process at a
 * time runs a read-modify-write (approvals) or changes an install root. It
 * holds the holder's pid: a lock whose holder is gone from this machine is
 * left over from a crash and is removed at once; one without a pid (a crash
 * mid-write) is removed after `staleMs`. Nobody waits on a prompt holding it.
 *
 * Residual race, accepted: two waiters that judge the same dead lock stale at
 * the same instant could both remove it, the second removing the first's new
 * lock. It needs a crash plus a collision within microseconds, and we re-check
 * the lock's inode and age right before removing it to narrow the window.
 */
import { randomBytes } from 'node:crypto';
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
  const ours = await acquire(lockFile, options.timeoutMs ?? 5_000, options.staleMs ?? 10_000);
  try {
    return await fn();
  } finally {
    // Only our own lock is removed: had it been judged stale and taken over,
    // deleting it would let a third process in beside the new holder.
    const now = await fs.readFile(lockFile, 'utf8').catch(() => '');
    if (now === ours) await fs.rm(lockFile, { force: true });
  }
}

/** Returns the exact content of the lock file we created (pid, time, a random token). */
async function acquire(lockFile: string, timeoutMs: number, staleMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    try {
      const handle = await fs.open(lockFile, 'wx', 0o600);
      try {
        const content = `${process.pid} ${new Date().toISOString()} ${randomBytes(6).toString('hex')}\n`;
        await handle.writeFile(content);
        return content;
      } finally {
        await handle.close();
      }
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
  // A live holder keeps its lock however long it takes; age alone decides
  // only when the file names no pid (a crash while writing it).
  const holder = await holderPid(lockFile);
  if (holder !== undefined ? isAlive(holder) : Date.now() - first.mtimeMs <= staleMs) return false;
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

/** The pid written in the lock, if it has one yet. */
async function holderPid(lockFile: string): Promise<number | undefined> {
  const text = await fs.readFile(lockFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True unless the process is gone from this machine (EPERM: alive, another user's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
