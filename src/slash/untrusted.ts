import { trustCommand } from '../config/trust.js';
import { ExitCode } from '../plugin/exit-codes.js';
import { slashName } from '../plugin/naming/index.js';
import type { RegistrySnapshot } from '../registry/index.js';
import type { CommandResult } from './types.js';

/**
 * When `name` looks like a skill of the untrusted workspace (never parsed,
 * so known by its folder name): in the REPL, the question whether to trust
 * the workspace (then the input runs again); in scripted mode, exit 6
 * naming `weft trust <dir>` (--yes never trusts a workspace).
 */
export function untrustedSkill(snapshot: RegistrySnapshot, name: string, asSlash: boolean, interactive: boolean, retry: string): CommandResult | undefined {
  const ws = snapshot.workspace;
  if (!ws) return undefined;
  const hit = snapshot.skills.untrusted.find((u) => (asSlash ? slashName(u.folder) === name : u.folder === name));
  if (!hit) return undefined;
  const command = trustCommand(ws.root);
  if (interactive) {
    const count = snapshot.skills.untrusted.length;
    return {
      kind: 'approval-required', retry,
      approval: { kind: 'workspace', subject: ws.root, command, summary: `"${name}" is one of its ${count} skill(s); trusting it loads its skills, plugins and config (${hit.file})` },
    };
  }
  return {
    kind: 'error', exitCode: ExitCode.untrustedWorkspace,
    message: `"${name}" is a skill of the untrusted workspace ${ws.root} (${hit.file}), so it is not loaded`,
    fix: `Run /trust or \`${command}\` if you trust the workspace.`,
  };
}
