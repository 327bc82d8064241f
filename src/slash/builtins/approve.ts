import { ExitCode } from '../../plugin/exit-codes.js';
import { findTool } from '../../registry/index.js';
import { grant, pendingApproval } from '../../registry/index.js';
import type { CommandResult, SlashCommand, SlashContext } from '../types.js';
import { pendingHow, pendingItems } from './pending.js';

function listPending(ctx: SlashContext): CommandResult {
  const items = pendingItems(ctx.registry.current());
  if (items.length === 0) return { kind: 'text', text: 'nothing is waiting for approval' };
  return { kind: 'text', text: ['Waiting for approval:', ...items.map((i) => `  ${i.kind} ${i.name}: ${pendingHow(i)}`)].join('\n') };
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

