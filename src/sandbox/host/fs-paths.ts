/**
 * Where a guest path may lead. Two checks, both required: the path as
 * written must fall under a grant with enough access (lexical), and the
 * real path (symlinks resolved) must too (canonical). The open itself is
 * guarded separately (fs-pin.ts) against swaps after these checks.
 *
 * Decisions: guest paths are absolute, `~/…` or `$WORKSPACE/…`; relative
 * paths are refused (there is no meaningful cwd for a plugin); any `..`
 * segment is refused outright rather than normalised away; weft's own
 * folder (`protect`) is closed to every grant.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { accessCovers } from '../../plugin/manifest/coverage.js';
import type { FileAccess } from '../../plugin/manifest/types.js';
import { CAPS, type HostContext } from './types.js';

export type Expanded = { ok: true; abs: string } | { ok: false; reason: string };

const FORMS = 'an absolute path, "~/…" or "$WORKSPACE/…"';
const OWN = "weft's own files (settings, approvals, audit log, process), which no plugin may open";
/** weft's own process: /proc/self/environ holds every secret weft was started with. Never grantable. */
// All of /proc: every process's environ and cmdline can hold secrets, not only weft's.
const OWN_PROCESS = ['/proc'];

/** A path in one of the three forms, made absolute without touching the disk. */
export function expandPath(raw: string, home: string, workspace: string | null): Expanded {
  if (typeof raw !== 'string' || raw === '') return { ok: false, reason: `the path is empty; write ${FORMS}` };
  if (raw.includes('\0')) return { ok: false, reason: 'the path contains a NUL character' };
  if (raw.length > CAPS.pathLength) return { ok: false, reason: `the path is longer than ${CAPS.pathLength} characters` };
  let base: string;
  let rest: string;
  if (raw === '~' || raw.startsWith('~/')) [base, rest] = [home, raw.slice(1)];
  else if (raw === '$WORKSPACE' || raw.startsWith('$WORKSPACE/')) {
    if (workspace === null) return { ok: false, reason: '"$WORKSPACE" paths need an open workspace, and weft has none for this session' };
    [base, rest] = [workspace, raw.slice('$WORKSPACE'.length)];
  } else if (raw.startsWith('/')) [base, rest] = ['/', raw];
  else return { ok: false, reason: `relative paths are refused; write ${FORMS}` };
  if (rest.split('/').includes('..')) return { ok: false, reason: '".." segments are refused; name the file directly' };
  return { ok: true, abs: path.posix.join(base, rest) };
}

/** `inner` is `outer` or inside it. */
export function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
}

/**
 * The real path of `abs`: symlinks resolved in the deepest part that
 * exists, the missing rest appended. Judging a missing file by where it
 * would be keeps "does not exist" from telling a plugin anything about
 * folders outside its grants. Undefined when resolution fails otherwise.
 */
async function canonical(abs: string): Promise<string | undefined> {
  const rest: string[] = [];
  for (let at = abs; ; at = path.dirname(at)) {
    try {
      return path.join(await realpath(at), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || at === '/') return undefined;
      rest.push(path.basename(at));
    }
  }
}

export interface ResolvedPath {
  /** The guest's path made absolute (what hooks and messages use). */
  abs: string;
  /** The real folder the file is in, and its name there. */
  dir: string;
  name: string;
  /** `dir` + `name`. */
  real: string;
}

export type Resolution = { ok: true; path: ResolvedPath } | { ok: false; reason: string };

/**
 * Checks `raw` for `access`. For reads the file's own real path is used (a
 * symlink inside the grants pointing inside the grants is fine); for writes
 * only the folder is resolved and the name is kept (writes never follow a
 * final symlink).
 */
export async function resolveGuestPath(ctx: HostContext, raw: string, access: FileAccess): Promise<Resolution> {
  const expanded = expandPath(raw, ctx.home, ctx.workspace);
  if (!expanded.ok) return expanded;
  const { abs } = expanded;
  const grants = ctx.granted.filesystem.filter((g) => accessCovers(g.access, access));
  const roots = grants.flatMap((g) => {
    const e = expandPath(g.path, ctx.home, ctx.workspace);
    return e.ok ? [e.abs] : [];
  });
  if (!roots.some((root) => within(abs, root))) {
    const listed = grants.map((g) => g.path).join(', ') || 'none';
    return { ok: false, reason: `"${raw}" is outside the paths this plugin may ${access} (granted: ${listed})` };
  }
  const protect = [...(ctx.protect ?? [path.join(ctx.home, '.clawft')]), ...OWN_PROCESS];
  if (protect.some((p) => within(abs, p) || within(p, abs))) return { ok: false, reason: `"${raw}" is in ${OWN}` };

  // Reads resolve the whole path (a final symlink is judged by its target);
  // writes resolve the folder and keep the name (a final symlink is refused later).
  const folder = access === 'read' ? undefined : await canonical(path.dirname(abs));
  const real = access === 'read' ? await canonical(abs) : folder && path.join(folder, path.basename(abs));
  if (real === undefined) return { ok: false, reason: `"${raw}" cannot be resolved (a link loop, or a folder weft may not enter)` };
  const [dir, name] = [path.dirname(real), path.basename(real)];
  if (name === '' || real === '/') return { ok: false, reason: `"${raw}" is not a file` };
  const realRoots = await Promise.all(roots.map(canonical));
  if (!realRoots.some((root) => root !== undefined && within(real, root))) {
    return { ok: false, reason: `"${raw}" leads outside the granted paths through a symbolic link` };
  }
  const realProtect = await Promise.all(protect.map(canonical));
  if (realProtect.some((p) => p !== undefined && (within(real, p) || within(p, real)))) {
    return { ok: false, reason: `"${raw}" leads into ${OWN}` };
  }
  return { ok: true, path: { abs, dir, name, real } };
}
