/**
 * read-file: the whole file, at most 8 MiB, from a path the plugin may read.
 * Opened O_NOFOLLOW | O_NONBLOCK (a FIFO swapped in cannot hang the host)
 * inside a pinned folder, and the descriptor re-verified before reading.
 */
import { constants as C } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolveGuestPath } from './fs-paths.js';
import { childPath, errnoReason, isAt, openDir } from './fs-pin.js';
import { allow, CAPS, deny, Refusal, type HostContext, type Outcome } from './types.js';

export async function readGuestFile(ctx: HostContext, raw: string): Promise<Outcome> {
  const target = String(raw);
  const checked = await resolveGuestPath(ctx, raw, 'read');
  if (!checked.ok) return deny(target, checked.reason);
  const { abs, dir, name, real } = checked.path;
  try {
    await ctx.hooks?.beforeOpen?.(abs);
    const folder = await openDir(dir);
    try {
      const file = await open(childPath(folder, dir, name), C.O_RDONLY | C.O_NOFOLLOW | C.O_NONBLOCK);
      try {
        if (!(await isAt(file, real))) throw new Refusal(`"${raw}" was replaced while it was being opened`);
        const stat = await file.stat();
        if (!stat.isFile()) throw new Refusal(`"${raw}" is not a regular file`);
        if (stat.size > CAPS.readBytes) throw new Refusal(tooBig(raw, stat.size));
        const bytes = await readCapped(file, CAPS.readBytes, stat.size);
        if (!bytes) throw new Refusal(tooBig(raw));
        return allow(target, bytes);
      } finally {
        await file.close();
      }
    } finally {
      await folder.close();
    }
  } catch (error) {
    return deny(target, error instanceof Refusal ? error.message : errnoReason(error, raw));
  }
}

function tooBig(raw: string, size?: number): string {
  const was = size === undefined ? 'grew past' : `is ${size} bytes, over`;
  return `"${raw}" ${was} the ${CAPS.readBytes / 1024 / 1024} MiB read limit`;
}

/** Reads to EOF; undefined if more than `cap` bytes come (the file grew after fstat). */
async function readCapped(file: FileHandle, cap: number, sizeHint: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // The first chunk fits the whole file as fstat saw it, plus one byte to notice growth.
    const size = Math.min(chunks.length === 0 ? sizeHint + 1 : 1024 * 1024, cap + 1 - total);
    const chunk = Buffer.allocUnsafe(Math.max(size, 1));
    const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > cap) return undefined;
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}
