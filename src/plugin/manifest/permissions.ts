/**
 * Validation of the strings a manifest's permissions (and plugin-relative
 * paths) are written in. Pure: each check returns the normalised value, or
 * the rule broken and how to fix it.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type Check = { ok: true; value: string } | { ok: false; rule: string; fix: string };

const ok = (value: string): Check => ({ ok: true, value });
const fail = (rule: string, fix: string): Check => ({ ok: false, rule, fix });

/** One DNS label: letters, digits, inner hyphens, 1–63 long (RFC 1123). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A network host pattern, lowercased. Decisions: an exact host name, an IPv4
 * or bracket-less IPv6 literal, or `*.` and a host name of at least two
 * labels (`*.com` is too broad). No scheme, port, path or bare `*`. A
 * wildcard never matches an IP literal.
 */
export function checkHostPattern(raw: string): Check {
  const host = raw.toLowerCase();
  const bare = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d*$/, '');
  const example = `"${bare || 'api.example.com'}"`;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) return fail('a host pattern has no scheme', `Write the host alone: ${example}.`);
  if (isIPv6(host)) {
    return host.includes('%') ? fail('an IPv6 zone ("%…") has no meaning in a permission', 'Write the address without the zone.') : ok(host);
  }
  if (host.startsWith('[')) return fail('IPv6 addresses are written without brackets or port', 'Write the address alone, e.g. "::1".');
  if (/[/?#]/.test(host)) return fail('a host pattern has no path', `Write the host alone: ${example}.`);
  if (host.includes(':')) return fail('a host pattern has no port (any port of the host is allowed)', `Write the host alone: ${example}.`);
  if (host === '*') return fail('a bare "*" would allow every host', 'List the hosts the plugin needs, or "*.example.com" for every host under one domain.');
  if (host.startsWith('*.')) return checkWildcard(host.slice(2));
  if (host.includes('*')) return fail('"*" may only be the whole first label, as in "*.example.com"', 'Write an exact host, or "*." followed by a domain.');
  if (isIPv4(host)) return ok(host);
  const problem = hostnameProblem(host);
  return problem ? fail(problem, 'Write a host name such as "api.example.com", or an IP address.') : ok(host);
}

function checkWildcard(base: string): Check {
  const fix = 'Write "*." followed by a domain of at least two labels, e.g. "*.example.com".';
  if (base === '') return fail('"*." must be followed by a domain', fix);
  if (base.includes('*')) return fail('only one "*", as the whole first label, is allowed', fix);
  if (isIPv4(base) || /^[0-9]+$/.test(base.split('.').at(-1) ?? '')) return fail('a wildcard cannot precede an IP address', 'List IP addresses exactly, without "*.".');
  const problem = hostnameProblem(base);
  if (problem) return fail(problem, fix);
  if (!base.includes('.')) return fail(`a wildcard must be followed by at least two labels; "*.${base}" is too broad`, fix);
  return ok(`*.${base}`);
}

function hostnameProblem(host: string): string | undefined {
  if (host === '') return 'a host name cannot be empty';
  if (host.length > 253) return 'a host name is at most 253 characters';
  if (host.endsWith('.')) return 'a host name has no trailing dot';
  for (const label of host.split('.')) {
    if (!LABEL.test(label)) {
      return `each dot-separated label is 1-63 letters, digits or inner hyphens, and "${label}" is not`;
    }
  }
  if (/^[0-9]+$/.test(host.split('.').at(-1) ?? '')) return 'it is not a valid IPv4 address';
  return undefined;
}

export const PATH_FORMS = 'an absolute path ("/…"), "~" or "~/…", or "$WORKSPACE" or "$WORKSPACE/…"';

export type PathRoot = '/' | '~' | '$WORKSPACE';

/** The root a permission path is written against, or undefined if none of the three forms. */
export function pathRoot(path: string): PathRoot | undefined {
  if (path.startsWith('/')) return '/';
  if (path === '~' || path.startsWith('~/')) return '~';
  if (path === '$WORKSPACE' || path.startsWith('$WORKSPACE/')) return '$WORKSPACE';
  return undefined;
}

/**
 * A filesystem permission path, kept as written. Decisions: the three forms
 * of PATH_FORMS only (no relative paths, other `$VARS`, or `~user`), and no
 * `..` segments anywhere.
 */
export function checkFilesystemPath(path: string): Check {
  const fix = `Write it as ${PATH_FORMS}.`;
  if (path.includes('\0')) return fail('a path cannot contain a NUL character', fix);
  if (!pathRoot(path)) {
    if (path.startsWith('~')) return fail('"~user" paths are not supported, only your own "~"', fix);
    if (path.startsWith('$')) return fail('only $WORKSPACE is expanded in paths, no other variable', fix);
    return fail(`relative paths are not allowed; a path must be ${PATH_FORMS}`, fix);
  }
  if (path.split('/').includes('..')) return fail('".." segments are not allowed', 'Write the path without "..", naming the folder it means directly.');
  return ok(path);
}

/** Environment variable names: `^[A-Za-z_][A-Za-z0-9_]*$`. */
export function checkEnvVarName(name: string): Check {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return ok(name);
  return fail('an environment variable name is letters, digits and "_", not starting with a digit', 'Write the variable name alone, e.g. "API_KEY" (no "$", no "=value").');
}

/**
 * A path inside the plugin folder (wasm_module, skills): relative, with "/"
 * separators, and no `..` segment that could leave the folder.
 */
export function checkPluginPath(path: string): Check {
  const fix = 'Write a path relative to the plugin folder, e.g. "plugin.wasm" or "skills/forecast".';
  if (path.trim() === '') return fail('a path cannot be empty', fix);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return fail('it must be relative to the plugin folder, not absolute', fix);
  if (path.includes('\\')) return fail('paths use "/" as separator', `Write it with "/": "${path.replaceAll('\\', '/')}".`);
  if (path.startsWith('~') || path.startsWith('$')) return fail('"~" and variables are not expanded here; the path is relative to the plugin folder', fix);
  if (path.split('/').includes('..')) return fail('".." segments would leave the plugin folder', fix);
  if (path.includes('\0')) return fail('a path cannot contain a NUL character', fix);
  return ok(path);
}
