/**
 * What a new plugin version asks beyond what the user approved, and the
 * grant (asked ∩ allowed). Asking for fewer permissions is never a prompt;
 * an approval covers the permissions AND the tools (names and schemas).
 */
import { emptyPermissions } from './manifest/limits.js';
import { fileCovers, hostCovers, minimal, narrowerAccess, pathWithin } from './manifest/coverage.js';
import type { FilesystemPermission, ManifestTool, PluginPermissions } from './manifest/types.js';

export interface ApprovalScope {
  permissions: PluginPermissions;
  tools: ManifestTool[];
}

export interface PermissionDiff {
  /** Host patterns no approved pattern covers. */
  network: string[];
  /** Paths outside every approved path, or asking wider access than approved there. */
  filesystem: FilesystemPermission[];
  env_vars: string[];
  /** True when shell goes from false to true. */
  shell: boolean;
  /** Tools not approved, and tools whose input schema changed (deep comparison). */
  tools: { added: string[]; changed: string[] };
  empty: boolean;
}

export function diffPermissions(approved: ApprovalScope, next: ApprovalScope): PermissionDiff {
  const was = approved.permissions;
  const now = next.permissions;
  const network = unique(now.network.filter((host) => !was.network.some((p) => hostCovers(p, host))));
  const filesystem = minimal(
    now.filesystem.filter((f) => !was.filesystem.some((g) => fileCovers(g, f))),
    fileCovers,
  );
  const env_vars = unique(now.env_vars.filter((v) => !was.env_vars.includes(v)));
  const shell = now.shell && !was.shell;
  const before = new Map(approved.tools.map((t) => [t.name, t.input_schema]));
  const added = unique(next.tools.filter((t) => !before.has(t.name)).map((t) => t.name));
  const changed = unique(next.tools.filter((t) => before.has(t.name) && !deepEqual(before.get(t.name), t.input_schema)).map((t) => t.name));
  const empty = !network.length && !filesystem.length && !env_vars.length && !shell && !added.length && !changed.length;
  return { network, filesystem, env_vars, shell, tools: { added, changed }, empty };
}

/**
 * The grant: every host, path and access both asked and allowed. A wildcard
 * asked and an exact host allowed under it grant the exact host; a path asked
 * inside an allowed one keeps the asked path; an allowed path inside an asked
 * one grants the allowed path; access is the narrower of the two.
 */
export function intersectPermissions(asked: PluginPermissions, allowed: PluginPermissions): PluginPermissions {
  const grant = emptyPermissions();
  const hosts = asked.network.flatMap((a) =>
    allowed.network.some((l) => hostCovers(l, a)) ? [a] : allowed.network.filter((l) => hostCovers(a, l)));
  grant.network = minimal(unique(hosts), hostCovers);
  const files = asked.filesystem.flatMap((a) => allowed.filesystem.flatMap((l): FilesystemPermission[] => {
    const access = narrowerAccess(a.access, l.access);
    if (pathWithin(a.path, l.path)) return [{ path: a.path, access }];
    if (pathWithin(l.path, a.path)) return [{ path: l.path, access }];
    return [];
  }));
  grant.filesystem = minimal(files, fileCovers);
  grant.env_vars = unique(asked.env_vars.filter((v) => allowed.env_vars.includes(v)));
  grant.shell = asked.shell && allowed.shell;
  return grant;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  const ao = a as Record<string, unknown>;
  return ak.length === Object.keys(bo).length && ak.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}
