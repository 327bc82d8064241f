/**
 * File signatures: what "unchanged since the last read" means. Inode, size,
 * mtime and ctime together: an editor's temp + rename gives a new inode, an
 * in-place write moves ctime (nanosecond clocks on the filesystems weft runs
 * on), so a rewrite of identical length in the same millisecond is still seen.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** `ino:size:mtimeMs:ctimeMs`, or undefined when the file is gone. */
export function fileSignature(file: string): string | undefined {
  const s = statSync(file, { throwIfNoEntry: false, bigint: true });
  if (!s || !s.isFile()) return undefined;
  return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** Signatures of the regular files directly in `dir` (a plugin's manifest and component), plus `extra` files. */
export function folderSignature(dir: string, extra: readonly string[] = []): string {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name).sort();
  } catch {
    return 'missing';
  }
  const files = [...names.map((n) => path.join(dir, n)), ...extra];
  return files.map((f) => `${f}=${fileSignature(f) ?? '-'}`).join('\n');
}

/** True when `file` is `dir` or inside it. */
export function within(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
