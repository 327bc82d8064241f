import type { PluginPermissions } from '../../plugin/manifest/types.js';
import type { PermissionDiff } from '../../plugin/permission-diff.js';

/** Permissions as lines a person can approve or refuse. */
export function permissionLines(p: Pick<PluginPermissions, 'network' | 'filesystem' | 'env_vars'> & { shell: boolean }): string[] {
  const lines = [
    ...p.network.map((h) => `network: ${h}`),
    ...p.filesystem.map((f) => `${f.access === 'write' ? 'read and write' : 'read'}: ${f.path}`),
    ...p.env_vars.map((v) => `environment variable: ${v}`),
  ];
  if (p.shell) lines.push('shell: its skills may run native commands');
  return lines.length > 0 ? lines : ['no permissions (pure computation)'];
}

/** Only what is new in a version: the prompt after an upgrade shows this, nothing else. */
export function diffLines(diff: PermissionDiff): string[] {
  return [
    ...permissionLines(diff).filter((l) => !l.startsWith('no permissions')),
    ...diff.tools.added.map((t) => `new tool: ${t}`),
    ...diff.tools.changed.map((t) => `changed tool: ${t}`),
  ];
}
