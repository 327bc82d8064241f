import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const TMP_PREFIX = '.tmp-';
export const TRASH_PREFIX = '.trash-';
/** `.trash-<name>-<8 hex>`; the name itself may hold dashes. */
const TRASH = /^\.trash-(.+)-[0-9a-f]{8}$/;

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/**
 * Repairs a root of installed folders (skills, plugins) after a crash: an
 * install killed between moving the old copy aside and moving the new one in
 * leaves `<name>` missing and `.trash-<name>-*` present, so the old one goes
 * back first; only then are leftover `.tmp-*` and `.trash-*` folders deleted.
 * Returns what it did.
 */
export async function recoverRoot(root: string): Promise<{ restored: string[]; removed: string[] }> {
  const done = { restored: [] as string[], removed: [] as string[] };
  const entries = await readdir(root).catch(() => [] as string[]);
  for (const entry of entries.sort()) {
    const m = TRASH.exec(entry);
    if (!m) continue;
    const target = path.join(root, m[1]!);
    if (!(await exists(target))) {
      await rename(path.join(root, entry), target);
      done.restored.push(m[1]!);
    }
  }
  for (const entry of await readdir(root).catch(() => [] as string[])) {
    if (entry.startsWith(TMP_PREFIX) || entry.startsWith(TRASH_PREFIX)) {
      await rm(path.join(root, entry), { recursive: true, force: true });
      done.removed.push(entry);
    }
  }
  return done;
}
