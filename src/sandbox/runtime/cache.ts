/**
 * The transpile cache: `<cacheRoot>/<sha256 of the component>/` holds jco's
 * generated module, the core .wasm files, `tools.json` (what list-tools
 * returned, verified against a manifest) and `meta.json`. An entry is built
 * in a temp folder beside it and renamed into place, so a reader sees a whole
 * entry or none; an entry from another transpiler version or cache format is
 * a miss. Only components that passed the tools check get an entry.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GuestToolInfo } from './protocol.js';
import { transpilerVersion, type Transpiled } from './transpile.js';

const FORMAT = 1;

export interface CacheMeta {
  format: number;
  transpiler: string;
  /** sha256 of the component, hex. */
  hash: string;
  jsFile: string;
  coreFiles: string[];
  createdAt: string;
}

/** A folder holding a transpiled component; `tools` is empty until it has been checked. */
export interface CacheEntry {
  dir: string;
  meta: CacheMeta;
  tools: GuestToolInfo[];
}

export function componentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The entry for `hash`, or undefined when there is none or it is unusable. */
export async function lookup(cacheRoot: string, hash: string): Promise<CacheEntry | undefined> {
  const dir = path.join(cacheRoot, hash);
  try {
    const [meta, tools] = await Promise.all([
      readFile(path.join(dir, 'meta.json'), 'utf8').then((t) => JSON.parse(t) as CacheMeta),
      readFile(path.join(dir, 'tools.json'), 'utf8').then((t) => JSON.parse(t) as GuestToolInfo[]),
    ]);
    if (meta.format !== FORMAT || meta.hash !== hash || meta.transpiler !== transpilerVersion() || !Array.isArray(tools)) return undefined;
    return { dir, meta, tools };
  } catch {
    return undefined;
  }
}

/** Writes the transpiled files to a fresh temp folder in cacheRoot (not yet an entry). */
export async function stage(cacheRoot: string, hash: string, transpiled: Transpiled): Promise<CacheEntry> {
  const dir = path.join(cacheRoot, `.tmp-${hash.slice(0, 16)}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.entries(transpiled.files).map(([name, bytes]) => writeFile(path.join(dir, name), bytes)));
  const meta: CacheMeta = {
    format: FORMAT, transpiler: transpilerVersion(), hash,
    jsFile: transpiled.jsFile, coreFiles: transpiled.coreFiles, createdAt: new Date().toISOString(),
  };
  return { dir, meta, tools: [] };
}

/**
 * Writes tools.json and meta.json into a staged folder and renames it into
 * place. If another process committed the same hash first, theirs is kept.
 */
export async function commit(cacheRoot: string, staged: CacheEntry, tools: GuestToolInfo[]): Promise<CacheEntry> {
  await writeFile(path.join(staged.dir, 'tools.json'), JSON.stringify(tools, null, 2));
  await writeFile(path.join(staged.dir, 'meta.json'), JSON.stringify(staged.meta, null, 2));
  const dir = path.join(cacheRoot, staged.meta.hash);
  try {
    await rename(staged.dir, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw error;
    const existing = await lookup(cacheRoot, staged.meta.hash);
    if (existing) {
      await discard(staged.dir);
      return existing;
    }
    // An unusable entry (older format or transpiler) is in the way: move it aside, then ours in.
    const aside = `${staged.dir}-old`;
    await rename(dir, aside);
    await rename(staged.dir, dir);
    await discard(aside);
  }
  return { dir, meta: staged.meta, tools };
}

/** Removes an entry or a staged folder. */
export async function discard(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
