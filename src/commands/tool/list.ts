import { trustCommand } from '../../config/trust.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { ToolJson, ToolListJson } from '../../plugin/output.js';
import type { RegistrySnapshot, RegistryTool } from '../../registry/index.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';
import { openToolRegistry } from './registry.js';

function toolJson(t: RegistryTool, snapshot: RegistrySnapshot): ToolJson {
  const command = t.kind === 'native' ? snapshot.skills.active.get(t.id)?.skill.weftTool : undefined;
  return {
    id: t.id, kind: t.kind, origin: t.origin, description: t.description, state: t.state, ...(t.reason ? { reason: t.reason } : {}),
    inputSchema: t.inputSchema, ...(command?.kind === 'native' ? { command: [...command.run] } : {}), source: { ...t.source },
  };
}

const KIND_MARK: Record<ToolJson['kind'], string> = { instruction: '', native: '[runs a native command] ', plugin: '' };

function human(list: ToolListJson): string {
  const lines = list.tools.map((t) => `${t.id}  ${t.state === 'ready' ? '' : `[${t.state}] `}${KIND_MARK[t.kind]}${t.description}`
    + (t.reason ? `\n    ${t.reason}` : ''));
  if (list.untrusted.length > 0 && list.workspace) {
    lines.push(`${list.untrusted.length} skill(s) of the untrusted workspace not loaded (${list.untrusted.join(', ')}); run \`${trustCommand(list.workspace)}\` if you trust it`);
  }
  return lines.length > 0 ? lines.join('\n') : 'no tools (add a skill with `weft skill install <dir>` or a plugin with `weft plugin install <dir>`)';
}

/** `weft tool list`: every tool of the registry (skills and plugin tools) with its kind and state. */
export async function toolList(input: CommandInput): Promise<number> {
  const registry = await openToolRegistry(input);
  try {
    const snapshot = registry.current();
    const untrusted = snapshot.skills.untrusted.map((u) => u.folder);
    const workspace = snapshot.workspace ? { workspace: snapshot.workspace.root } : {};
    emit(input, { generation: snapshot.id, tools: snapshot.tools.map((t) => toolJson(t, snapshot)), untrusted, ...workspace } satisfies ToolListJson, human);
    return ExitCode.ok;
  } finally {
    await registry.stop();
  }
}
