/** `permissions`: network hosts, filesystem paths, env var names, shell. */
import { emptyPermissions } from './limits.js';
import { checkEnvVarName, checkFilesystemPath, checkHostPattern, type Check } from './permissions.js';
import { dropDuplicates, isPlainObject, readList, show, warnUnknownKeys, type ManifestReport } from './report.js';
import type { FileAccess, FilesystemPermission, PluginPermissions } from './types.js';

export const PERMISSION_KEYS = ['network', 'filesystem', 'env_vars', 'shell'] as const;
export const FILESYSTEM_KEYS = ['path', 'access'] as const;
const ACCESS: readonly FileAccess[] = ['read', 'write'];

export function normalizePermissions(report: ManifestReport, raw: unknown): PluginPermissions {
  const permissions = emptyPermissions();
  if (raw === undefined) return permissions;
  if (!isPlainObject(raw)) {
    report.error('permissions', `permissions is ${show(raw)}; it must be an object.`, 'Write permissions as an object with network, filesystem, env_vars and shell, or leave it out.');
    return permissions;
  }
  warnUnknownKeys(report, raw, PERMISSION_KEYS, 'permissions');
  permissions.network = strings(report, raw.network, 'permissions.network', 'host patterns', checkHostPattern);
  permissions.filesystem = filesystem(report, raw.filesystem);
  permissions.env_vars = strings(report, raw.env_vars, 'permissions.env_vars', 'environment variable names', checkEnvVarName);
  if (raw.shell !== undefined) {
    if (typeof raw.shell === 'boolean') permissions.shell = raw.shell;
    else report.error('permissions.shell', `permissions.shell is ${show(raw.shell)}; it must be true or false.`, 'Write true or false, without quotes.');
  }
  return permissions;
}

function strings(report: ManifestReport, raw: unknown, field: string, what: string, check: (s: string) => Check): string[] {
  const items = readList(report, raw, field, what) ?? [];
  const out: string[] = [];
  items.forEach((item, i) => {
    const at = `${field}[${i}]`;
    if (typeof item !== 'string') {
      report.error(at, `${at} is ${show(item)}; it must be a string.`, 'Write it in quotes.');
      return;
    }
    const result = check(item);
    if (result.ok) out.push(result.value);
    else report.error(at, `${at} is ${show(item)}; ${result.rule}.`, result.fix);
  });
  return dropDuplicates(report, out, field, (s) => JSON.stringify(s));
}

function filesystem(report: ManifestReport, raw: unknown): FilesystemPermission[] {
  const items = readList(report, raw, 'permissions.filesystem', '{path, access} entries') ?? [];
  const out: FilesystemPermission[] = [];
  items.forEach((item, i) => {
    const at = `permissions.filesystem[${i}]`;
    if (!isPlainObject(item)) {
      report.error(at, `${at} is ${show(item)}; it must be an object {path, access}.`, 'Write it as {"path": "~/data", "access": "read"}.');
      return;
    }
    warnUnknownKeys(report, item, FILESYSTEM_KEYS, at);
    const path = filesystemPath(report, item.path, `${at}.path`);
    const access = ACCESS.find((a) => a === item.access);
    if (!access) {
      report.error(`${at}.access`, `${at}.access is ${show(item.access)}; it must be "read" or "write".`, 'Write "read", or "write" (which includes read).');
    }
    if (path !== undefined && access) out.push({ path, access });
  });
  return dropDuplicates(report, out, 'permissions.filesystem', (f) => `${JSON.stringify(f.path)} (${f.access})`);
}

function filesystemPath(report: ManifestReport, raw: unknown, field: string): string | undefined {
  if (typeof raw !== 'string') {
    report.error(field, `${field} is ${show(raw)}; it must be a string.`, 'Write the path in quotes, e.g. "~/data".');
    return undefined;
  }
  const result = checkFilesystemPath(raw);
  if (result.ok) return result.value;
  report.error(field, `${field} is ${show(raw)}; ${result.rule}.`, result.fix);
  return undefined;
}
