/**
 * How a tool id becomes a name on each surface. Pure, deterministic, never
 * throws, never returns an empty string. A skill's id is its `name:` (never
 * its path); a plugin tool's id is `<plugin id>/<tool>` (see ids.ts).
 *
 * slash  `[a-z0-9_]{1,32}`, OpenClaw's sanitiser exactly: lowercase; each run
 *        of `[^a-z0-9_]` becomes `_`; `_+` collapses to `_`; leading and
 *        trailing `_` are stripped; then cut to 32 characters (so a cut name
 *        may end in `_`, as OpenClaw's does); empty => `skill`. No hash and no
 *        OpenClaw-style `_2` de-duplication: two ids with one slash name are a
 *        collision (collisions.ts). Plugin tools use the same function on
 *        their id: `com.example.fs/read` => `com_example_fs_read`.
 *
 * mcp    `^[A-Za-z0-9._-]{1,128}$`, case kept.
 * llm    `^[a-zA-Z0-9_-]{1,64}$`, case kept; `.` is not allowed here.
 *        Both follow the same three steps:
 *        1. An id already valid on the surface is used unchanged.
 *        2. Otherwise each run of disallowed characters (`/`, spaces, unicode,
 *           and `.` on llm) becomes one `_`: `com.example.fs/read` =>
 *           mcp `com.example.fs_read`, llm `com_example_fs_read`. No hash is
 *           added, so names stay readable. If the result has no letter or
 *           digit left (e.g. `日本語`, `///`) it is `tool_<h>` instead.
 *        3. A result longer than the limit is cut to limit-7 characters and
 *           gets `_<h>` appended, exactly the limit long.
 *        `<h>` is the first 6 hex digits of sha256(id as UTF-8): the hash
 *        of the original id, so two long ids sharing a prefix (or differing
 *        only in replaced characters) end differently. The empty id gives
 *        `tool_<h>`.
 *
 * Replacing characters is not injective (`a/b` and `a_b` both give `a_b`),
 * and a cut name could in principle equal another id verbatim. Such cases
 * are not silent: detectCollisions reports them like any other collision.
 */
import { createHash } from 'node:crypto';

export type Surface = 'slash' | 'mcp' | 'llm';

export const SURFACES: readonly Surface[] = ['slash', 'mcp', 'llm'];

export const SLASH_NAME_PATTERN = /^[a-z0-9_]{1,32}$/;
export const MCP_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
export const LLM_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export const SLASH_MAX = 32;
export const MCP_MAX = 128;
export const LLM_MAX = 64;

/** First 6 hex digits of sha256(id), the suffix of every shortened name. */
export function shortHash(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 6);
}

/** OpenClaw's slash-command sanitiser, reproduced exactly (minus `_2` de-dup). */
export function slashName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, SLASH_MAX);
  return cleaned || 'skill';
}

function fitName(id: string, valid: RegExp, disallowed: RegExp, max: number): string {
  if (valid.test(id)) return id;
  let name = id.replace(disallowed, '_');
  if (!/[A-Za-z0-9]/.test(name)) return `tool_${shortHash(id)}`;
  if (name.length > max) name = `${name.slice(0, max - 7)}_${shortHash(id)}`;
  return name;
}

/** The MCP tool name of an id (rules in the header). */
export function mcpName(id: string): string {
  return fitName(id, MCP_NAME_PATTERN, /[^A-Za-z0-9._-]+/g, MCP_MAX);
}

/** The LLM (function-calling) tool name of an id (rules in the header). */
export function llmName(id: string): string {
  return fitName(id, LLM_NAME_PATTERN, /[^A-Za-z0-9_-]+/g, LLM_MAX);
}

/** The name `id` takes on `surface`. */
export function surfaceName(id: string, surface: Surface): string {
  switch (surface) {
    case 'slash':
      return slashName(id);
    case 'mcp':
      return mcpName(id);
    case 'llm':
      return llmName(id);
  }
}

/** The pattern every name on `surface` matches. */
export function surfacePattern(surface: Surface): RegExp {
  return surface === 'slash' ? SLASH_NAME_PATTERN : surface === 'mcp' ? MCP_NAME_PATTERN : LLM_NAME_PATTERN;
}
