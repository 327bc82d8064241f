/**
 * The content hash of a folder: what an approval of a skill or plugin folder
 * is pinned to. Any change to any file (bytes, name, a new or removed file)
 * changes it.
 *
 * Format: `sha256:<hex>` over, for every regular file in path order
 * (relative POSIX paths, compared as UTF-8 bytes):
 *   u64be(path byte length) ‖ path ‖ u64be(content length) ‖ content
 * preceded by the tag `weft-content-hash/1\0`. Lengths make the encoding
 * unambiguous: bytes cannot move between a name and a body or between two
 * files without changing the hash.
 *
 * Directories contribute nothing of their own: an empty folder is invisible,
 * and so is a folder's mode. Symlinks anywhere inside are refused (a link
 * could point the approved content at something that changes behind it);
 * so are sockets, FIFOs and devices. The folder itself may be reached
 * through a symlink: it is resolved with realpath first.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { WeftError } from '../errors.js';

const TAG = 'weft-content-hash/1\0';

export interface HashedFile {
  /** POSIX path relative to the folder. */
  path: string;
  size: number;
}

export interface FolderHash {
  /** `sha256:<hex>`. */
  hash: string;
  /** The realpath of the folder that was hashed. */
  root: string;
  files: HashedFile[];
}

/** `sha256:<hex>` of every file in `dir`, recursively. Throws on a symlink inside. */
export async function contentHash(dir: string): Promise<string> {
  return (await hashFolder(dir)).hash;
}

/** Like {@link contentHash}, also naming the folder's realpath and the files hashed. */
export async function hashFolder(dir: string): Promise<FolderHash> {
  const root = await realFolder(dir);
  const relPaths = await listFiles(root, '');
  relPaths.sort(compareUtf8);
  const hash = createHash('sha256');
  hash.update(TAG);
  const files: HashedFile[] = [];
  for (const rel of relPaths) {
    const bytes = await readNoFollow(path.join(root, ...rel.split('/')));
    const name = Buffer.from(rel, 'utf8');
    hash.update(u64(name.length));
    hash.update(name);
    hash.update(u64(bytes.length));
    hash.update(bytes);
    files.push({ path: rel, size: bytes.length });
  }
  return { hash: `sha256:${hash.digest('hex')}`, root, files };
}

async function realFolder(dir: string): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (error) {
    throw new WeftError(`Cannot read folder ${dir}: ${(error as Error).message}`, {
      code: 'folder-unreadable',
      file: dir,
      fix: 'Check the path exists and is readable.',
    });
  }
  if (!(await fs.stat(real)).isDirectory()) {
    throw new WeftError(`${dir} is not a folder`, {
      code: 'not-a-folder',
      file: dir,
      fix: 'Give the path of the folder, not of a file in it.',
    });
  }
  return real;
}

/** Relative POSIX paths of the regular files under `root/rel`. */
async function listFiles(root: string, rel: string): Promise<string[]> {
  const abs = rel === '' ? root : path.join(root, ...rel.split('/'));
  const entries = await fs.readdir(abs, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const childAbs = path.join(abs, entry.name);
    if (entry.isSymbolicLink()) {
      throw symlinkRefused(childAbs);
    }
    if (entry.isDirectory()) out.push(...(await listFiles(root, childRel)));
    else if (entry.isFile()) out.push(childRel);
    else {
      throw new WeftError(`Not a regular file: ${childAbs}`, {
        code: 'special-file-refused',
        file: childAbs,
        fix: 'Remove the socket, FIFO or device file from the folder.',
      });
    }
  }
  return out;
}

/** Read a file, refusing it if it was swapped for a symlink after listing. */
async function readNoFollow(file: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw symlinkRefused(file);
    throw error;
  }
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function symlinkRefused(link: string): WeftError {
  return new WeftError(`Symlink refused: ${link}`, {
    code: 'symlink-refused',
    file: link,
    fix: 'Replace the link with the file or folder it points to.',
  });
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function u64(n: number): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(n));
  return buf;
}
