/**
 * What a tool needs before it may run, and granting it. A grant is what the
 * CLI's approve commands record (native skills pinned to the folder hash
 * shown; plugins to the permissions their manifest asks for), followed by a
 * reload so the next call sees it.
 */
import { contentHash } from '../plugin/approvals/index.js';
import { nativeEnvNames } from '../skills/runner/index.js';
import type { LiveRegistry } from './registry.js';
import type { RegistrySnapshot, RegistryTool } from './types.js';

/** Something only a person can decide, and the command to run if they say yes. */
export interface PendingApproval {
  kind: 'native-skill' | 'plugin' | 'workspace';
  /** Skill name, plugin id or workspace root. */
  subject: string;
  /** One-line summary: what it runs or asks for. */
  summary: string;
  /** The command that grants it outside the REPL. */
  command: string;
}

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

/** Takes an approval back (an "allow once" that is over), then reloads. */
export async function revokeGrant(registry: LiveRegistry, approval: PendingApproval): Promise<void> {
  const entry = registry.current().skills.active.get(approval.subject);
  if (approval.kind === 'native-skill' && entry) await registry.approvals.revokeSkill(entry.skill.dir);
  else if (approval.kind === 'plugin') await registry.approvals.revokePlugin(approval.subject);
  else if (approval.kind === 'workspace') await registry.approvals.revokeWorkspace(approval.subject);
  await registry.reload('approval');
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
