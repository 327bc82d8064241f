import { ExitCode } from '../../plugin/exit-codes.js';
import type { SlashCommand } from '../types.js';

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
