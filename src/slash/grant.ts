/**
 * What a tool needs before it may run, and granting it. A grant is what the
 * CLI's approve commands record (native skills pinned to the folder hash
 * shown; plugins to the permissions their manifest asks for), followed by a
 * reload so the next call sees it.
 */
import { contentHash } from '../plugin/approvals/index.js';
import type { LiveRegistry, RegistrySnapshot, RegistryTool } from '../registry/index.js';
import { nativeEnvNames } from '../skills/runner/index.js';
import type { PendingApproval } from './types.js';

export interface GrantableApproval extends PendingApproval {
  /** Native skills: the folder hash the person was shown. */
  expectedHash?: string;
}

/** The approval `tool` waits for, or undefined when it needs none (or none a person can give here). */
export async function pendingApproval(tool: RegistryTool, snapshot: RegistrySnapshot): Promise<GrantableApproval | undefined> {
  if (tool.state !== 'needs-approval') return undefined;
  const entry = snapshot.skills.active.get(tool.id);
  const spec = entry?.skill.weftTool;
  if (tool.kind === 'native' && entry && spec?.kind === 'native') {
    const expectedHash = await contentHash(entry.skill.dir).catch(() => undefined);
    if (!expectedHash) return undefined;
    return {
      kind: 'native-skill', subject: tool.id, expectedHash, command: tool.approveCommand ?? `weft skill approve ${tool.id}`,
      summary: `runs \`${spec.run.join(' ')}\` in the workspace, receiving ${nativeEnvNames(entry.skill).join(', ')}`,
    };
  }
  const plugin = tool.source.plugin;
  const record = plugin ? snapshot.plugins.find((p) => p.id === plugin && p.manifest) : undefined;
  if (!record?.manifest) return undefined;
  // An upgrade that asks for more: only what is new is put to the person.
  const p = record.state === 'permissions-widened' && record.diff ? record.diff : record.manifest.permissions;
  const widened = record.state === 'permissions-widened' && record.diff;
  const asks = [
    ...(p.network.length ? [`network: ${p.network.join(', ')}`] : []),
    ...(p.filesystem.length ? [`files: ${p.filesystem.map((f) => `${f.path} (${f.access})`).join(', ')}`] : []),
    ...(p.env_vars.length ? [`environment: ${p.env_vars.join(', ')}`] : []),
    ...(p.shell ? ['a shell'] : []),
    ...(widened ? [...widened.tools.added.map((t) => `new tool ${t}`), ...widened.tools.changed.map((t) => `changed tool ${t}`)] : []),
  ];
  return {
    kind: 'plugin', subject: record.id, command: tool.approveCommand ?? `weft plugin approve ${record.id}`,
    summary: `plugin ${record.id} ${record.manifest.version} ${widened ? 'now asks for more than you approved' : 'asks for'}: ${asks.length ? asks.join('; ') : 'no permissions'}`,
  };
}

/** Records the approval, then reloads so the next call runs on a generation that has it. */
export async function grant(registry: LiveRegistry, approval: GrantableApproval): Promise<void> {
  const snapshot = registry.current();
  if (approval.kind === 'native-skill') {
    const entry = snapshot.skills.active.get(approval.subject);
    if (!entry) throw new Error(`the skill "${approval.subject}" is gone`);
    await registry.approvals.approveSkill(entry.skill.dir, approval.expectedHash ? { expectedHash: approval.expectedHash } : {});
  } else if (approval.kind === 'plugin') {
    const record = snapshot.plugins.find((p) => p.id === approval.subject && p.manifest && p.contentHash);
    if (!record?.manifest || !record.contentHash) throw new Error(`the plugin "${approval.subject}" is gone`);
    const m = record.manifest;
    await registry.approvals.approvePlugin(m.id, { contentHash: record.contentHash, version: m.version, permissions: m.permissions, tools: m.tools });
  } else {
    await registry.approvals.trustWorkspace(approval.subject);
  }
  await registry.reload('approval');
}
