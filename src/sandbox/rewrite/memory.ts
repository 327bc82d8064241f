import { RewriteError } from './errors.js';
import type { Reader } from './reader.js';
import type { ByteWriter } from './writer.js';

/** 64 KiB wasm pages in one MiB. */
export const PAGES_PER_MIB = 16;
/** The most pages a 32-bit memory can have (4 GiB). */
export const MAX_PAGES = 65536;

const mib = (pages: number): string => `${pages / PAGES_PER_MIB} MiB`;

/**
 * Reads a memory type's limits and writes them back with a maximum of
 * min(declared maximum, cap). Refuses shared (threads) and 64-bit memories,
 * and an initial size already above the cap.
 */
export function rewriteMemoryLimits(r: Reader, out: ByteWriter, capPages: number, what: string): void {
  const at = r.pos;
  const flags = r.u8();
  if (flags & 0x02) r.fail('unsupported', `${what} is shared (threads)`, at);
  if (flags & 0x04) r.fail('unsupported', `${what} is 64-bit (memory64)`, at);
  if (flags > 0x01) r.fail('unsupported', `${what} has limits flags 0x${flags.toString(16)}`, at);
  const initial = r.u32();
  const declaredMax = flags & 0x01 ? r.u32() : undefined;
  if (initial > capPages) {
    throw new RewriteError('memory-cap', `${what} starts at ${initial} pages (${mib(initial)}), above the cap of ${capPages} pages (${mib(capPages)})`, { offset: at });
  }
  out.u8(0x01);
  out.u32(initial);
  out.u32(declaredMax === undefined ? capPages : Math.min(declaredMax, capPages));
}

/** The memory section: a vector of limits. Returns how many memories it defines. */
export function rewriteMemorySection(r: Reader, out: ByteWriter, capPages: number, importedMemories: number): number {
  const count = r.u32();
  if (count + importedMemories > 1) r.fail('unsupported', `${count + importedMemories} memories (multiple memories)`);
  out.u32(count);
  for (let i = 0; i < count; i++) rewriteMemoryLimits(r, out, capPages, `memory ${importedMemories + i}`);
  if (!r.done) r.fail('malformed', 'trailing bytes in the memory section');
  return count;
}
