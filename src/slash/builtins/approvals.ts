/** /approve, /reject and /trust: what a person decides, typed as a command. */
import { ExitCode } from '../../plugin/exit-codes.js';
import { findTool } from '../../registry/index.js';
import { grant, pendingApproval } from '../grant.js';
import type { CommandResult, SlashCommand, SlashContext } from '../types.js';
import { pendingItems } from './pending.js';

function listPending(ctx: SlashContext): CommandResult {
  const items = pendingItems(ctx.registry.current());
  if (items.length === 0) return { kind: 'text', text: 'nothing is waiting for approval' };
  return { kind: 'text', text: ['Waiting for approval:', ...items.map((i) => `  ${i.kind === 'workspace' ? '/trust' : `/approve ${i.name}`}  (${i.kind}; or \`${i.command}\`)`)].join('\n') };
}

async function approveNamed(name: string, ctx: SlashContext): Promise<CommandResult> {
  const s = ctx.registry.current();
  const item = pendingItems(s).find((i) => i.name === name && i.kind !== 'workspace');
  if (!item) return { kind: 'error', message: `nothing named "${name}" is waiting for approval`, fix: 'See /approve for what is.', exitCode: ExitCode.error };
  const tool = item.kind === 'native-skill' ? findTool(s, name) : s.tools.find((t) => t.state === 'needs-approval' && t.source.plugin === name);
  const approval = tool && (await pendingApproval(tool, s));
  if (!approval) return { kind: 'error', message: `"${name}" cannot be approved from here`, fix: `Run \`${item.command}\`.`, exitCode: ExitCode.error };
  await grant(ctx.registry, approval);
  return { kind: 'text', text: `approved ${name}: ${approval.summary}` };
}

export const approve: SlashCommand = {
  name: 'approve', argumentHint: '[name]', description: 'list what waits for approval, or approve a native-command skill or plugin by name', source: 'builtin',
  run: async (args, ctx) => (args.trim() ? approveNamed(args.trim(), ctx) : listPending(ctx)),
  complete: (partial, s) => pendingItems(s).filter((i) => i.kind !== 'workspace' && i.name.startsWith(partial)).map((i) => i.name),
};

export const reject: SlashCommand = {
  name: 'reject', argumentHint: '<name>', description: 'take back the approval of a native-command skill or plugin', source: 'builtin',
  run: async (args, ctx) => {
    const name = args.trim();
    if (!name) return { kind: 'error', message: '/reject takes the name of a skill or plugin', exitCode: ExitCode.usage };
    const s = ctx.registry.current();
    const skill = s.skills.active.get(name);
    const revoked = skill ? await ctx.registry.approvals.revokeSkill(skill.skill.dir) : await ctx.registry.approvals.revokePlugin(name);
    await ctx.registry.reload('approval');
    return { kind: 'text', text: revoked ? `${name} is no longer approved` : `${name} was not approved; nothing changed` };
  },
  complete: (partial, s) => [...s.skills.active.keys(), ...s.plugins.map((p) => p.id)].filter((n) => n.startsWith(partial)).sort(),
};

export const trust: SlashCommand = {
  name: 'trust', argumentHint: '[--revoke]', description: "trust this workspace (load its skills, plugins and config), or take that back", source: 'builtin',
  run: async (args, ctx) => {
    const ws = ctx.registry.current().workspace;
    if (!ws) return { kind: 'error', message: 'there is no workspace here to trust', fix: 'Start weft in a project folder.', exitCode: ExitCode.error };
    const revoke = args.trim() === '--revoke';
    if (revoke) await ctx.registry.approvals.revokeWorkspace(ws.root);
    else await ctx.registry.approvals.trustWorkspace(ws.root);
    await ctx.registry.reload('trust');
    return { kind: 'text', text: revoke ? `${ws.root} is no longer trusted` : `trusted ${ws.root}: its skills, plugins and config load now` };
  },
};
