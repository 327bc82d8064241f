import { trustCommand } from '../../config/trust.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { SlashCommand } from '../types.js';

/** `/trust` trusts the workspace, `/trust --revoke` takes it back; any other argument is refused (a typo must never trust). */
export const trust: SlashCommand = {
  name: 'trust', argumentHint: '[--revoke]', description: 'trust this workspace (load its skills, plugins and config), or take that back', source: 'builtin',
  run: async (args, ctx) => {
    const arg = args.trim();
    if (arg !== '' && arg !== '--revoke') {
      return { kind: 'error', message: `/trust takes no argument but --revoke, not "${arg}"`, fix: 'Type /trust to trust this workspace, /trust --revoke to take that back.', exitCode: ExitCode.usage };
    }
    const ws = ctx.registry.current().workspace;
    if (!ws) return { kind: 'error', message: 'there is no workspace here to trust', fix: 'Start weft in a project folder.', exitCode: ExitCode.error };
    if (arg === '--revoke') {
      const was = await ctx.registry.approvals.revokeWorkspace(ws.root);
      await ctx.registry.reload('trust');
      return { kind: 'text', text: was ? `${ws.root} is no longer trusted` : `${ws.root} was not trusted; nothing changed` };
    }
    await ctx.registry.approvals.trustWorkspace(ws.root);
    await ctx.registry.reload('trust');
    return { kind: 'text', text: `trusted ${ws.root}: its skills, plugins and config load now (\`${trustCommand(ws.root)} --revoke\` or /trust --revoke takes it back)` };
  },
};
