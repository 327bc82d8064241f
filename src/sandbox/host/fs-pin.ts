/**
 * Opening a checked path without letting a symlink swapped in after the
 * check redirect the open. Node has no openat(), so on Linux we get its
 * effect through /proc: the folder is opened first and verified (the kernel
 * reports where the descriptor really is), then the file is opened through
 * `/proc/self/fd/<dir>/<name>` with O_NOFOLLOW. A swapped parent fails the
 * folder check; a swapped final component fails O_NOFOLLOW (ELOOP). Nothing
 * outside the grant is ever opened for writing.
 *
 * Without /proc (macOS), the fallback compares dev/ino of the descriptor
 * with a fresh lstat of the expected path and re-checks its realpath: it
 * catches a swap that is still in place after the open, a narrower
 * guarantee than on Linux.
 */
import { constants as C, existsSync } from 'node:fs';
import { lstat, open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Refusal } from './types.js';

let procFd: boolean | undefined;
function hasProcFd(): boolean {
  procFd ??= process.platform === 'linux' && existsSync('/proc/self/fd');
  return procFd;
}

/** True when `handle` is the file or folder at `expected` (a real path). */
export async function isAt(handle: FileHandle, expected: string): Promise<boolean> {
  try {
    if (hasProcFd()) return (await readlink(`/proc/self/fd/${handle.fd}`)) === expected;
    const [opened, there] = [await handle.stat(), await lstat(expected)];
    return opened.dev === there.dev && opened.ino === there.ino && (await realpath(expected)) === expected;
  } catch {
    return false;
  }
}

/** Opens the real folder `dir` and proves the descriptor is that folder. */
export async function openDir(dir: string): Promise<FileHandle> {
  const handle = await open(dir, C.O_RDONLY | C.O_DIRECTORY);
  if (await isAt(handle, dir)) return handle;
  await handle.close();
  throw new Refusal('a folder on the path was replaced while it was being opened (symbolic link swap refused)');
}

/** The path of `name` inside the pinned folder: resolved from the descriptor on Linux. */
export function childPath(dir: FileHandle, dirPath: string, name: string): string {
  return hasProcFd() ? `/proc/self/fd/${dir.fd}/${name}` : path.join(dirPath, name);
}

/** A short, path-free explanation of a file-system error (Node's messages name /proc paths). */
export function errnoReason(error: unknown, raw: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return `"${raw}" does not exist`;
    case 'ELOOP': return `"${raw}" is a symbolic link, which weft does not follow here`;
    case 'EISDIR': return `"${raw}" is a folder, not a file`;
    case 'ENOTDIR': return `a component of "${raw}" is not a folder`;
    case 'EACCES':
    case 'EPERM': return `the operating system denied access to "${raw}"`;
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return `"${raw}" is on a read-only file system`;
    case 'ENAMETOOLONG': return `"${raw}" is too long a name`;
    case 'EMFILE':
    case 'ENFILE': return 'too many open files; try again';
    case 'ENXIO':
    case 'EAGAIN': return `"${raw}" is not a regular file`;
    default: return `"${raw}" could not be accessed (${code ?? 'unexpected error'})`;
  }
}
