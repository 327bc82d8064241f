/**
 * When one permission covers another. Conservative by design: paths are
 * compared as written, against the same root (`/`, `~`, `$WORKSPACE`),
 * never expanded, so `/home/me` and `~` are unrelated. That can ask twice;
 * it can never grant by accident.
 */
import type { FileAccess, FilesystemPermission } from './types.js';
import { pathRoot } from './permissions.js';

/**
 * `pattern` covers `asked` (a host or a pattern) if it is the same, or a
 * wildcard over a suffix of it: `*.example.com` covers `api.example.com`,
 * `a.b.example.com` and `*.api.example.com`, not `example.com`.
 */
export function hostCovers(pattern: string, asked: string): boolean {
  const p = pattern.toLowerCase();
  const a = asked.toLowerCase();
  if (p === a) return true;
  if (!p.startsWith('*.')) return false;
  const base = a.startsWith('*.') ? a.slice(2) : a;
  return base.endsWith(p.slice(1));
}

/** `inner` is `outer` or inside it (a path covers its subtree). */
export function pathWithin(inner: string, outer: string): boolean {
  const i = pathKey(inner);
  const o = pathKey(outer);
  if (!i || !o || i.root !== o.root || o.segments.length > i.segments.length) return false;
  return o.segments.every((segment, n) => segment === i.segments[n]);
}

function pathKey(path: string): { root: string; segments: string[] } | undefined {
  const root = pathRoot(path);
  if (!root) return undefined;
  const segments = path.slice(root.length).split('/').filter((s) => s !== '' && s !== '.');
  return { root, segments };
}

/** `write` includes `read`. */
export function accessCovers(granted: FileAccess, asked: FileAccess): boolean {
  return granted === 'write' || asked === 'read';
}

export function narrowerAccess(a: FileAccess, b: FileAccess): FileAccess {
  return a === 'write' && b === 'write' ? 'write' : 'read';
}

export function fileCovers(granted: FilesystemPermission, asked: FilesystemPermission): boolean {
  return pathWithin(asked.path, granted.path) && accessCovers(granted.access, asked.access);
}

/** Drops entries another entry covers (keeping the first of equals). */
export function minimal<T>(items: readonly T[], covers: (a: T, b: T) => boolean): T[] {
  return items.filter((item, i) =>
    !items.some((other, j) => j !== i && covers(other, item) && (!covers(item, other) || j < i)));
}
