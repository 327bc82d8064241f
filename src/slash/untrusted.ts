import { trustCommand } from '../config/trust.js';
import { ExitCode } from '../plugin/exit-codes.js';
import { slashName } from '../plugin/naming/index.js';
import type { RegistrySnapshot } from '../registry/index.js';
import type { CommandResult } from './types.js';

/**
 * When `name` looks like a skill of the untrusted workspace (never parsed,
 * so known by its folder name), the exit-6 answer naming `weft trust <dir>`.
 */
export function untrustedSkill(snapshot: RegistrySnapshot, name: string, asSlash: boolean): CommandResult | undefined {
  const ws = snapshot.workspace;
  if (!ws) return undefined;
  const hit = snapshot.skills.untrusted.find((u) => {
    const folder = u.file.split('/').at(-2) ?? '';
    return asSlash ? slashName(folder) === name : folder === name;
  });
  if (!hit) return undefined;
  return {
    kind: 'error', exitCode: ExitCode.untrustedWorkspace,
    message: `"${name}" is a skill of the untrusted workspace ${ws.root} (${hit.file}), so it is not loaded`,
    fix: `Run /trust or \`${trustCommand(ws.root)}\` if you trust the workspace.`,
  };
}
