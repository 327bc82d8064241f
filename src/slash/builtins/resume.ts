import { ExitCode } from '../../plugin/exit-codes.js';
import type { SlashCommand } from '../types.js';

function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return `${s}s ago`;
  if (s < 5400) return `${Math.round(s / 60)}m ago`;
  if (s < 129_600) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

/** `/resume` lists the conversations kept for this workspace; `/resume <id>` picks one up. */
export const resume: SlashCommand = {
  name: 'resume', argumentHint: '[id]', description: 'list earlier conversations here, or continue one', source: 'builtin',
  run: async (args, ctx) => {
    const id = args.trim();
    if (!id) {
      const sessions = await ctx.sessions.list();
      if (sessions.length === 0) return { kind: 'text', text: 'no earlier conversations here yet (each one is kept from its first message to the model)' };
      const current = ctx.sessions.current();
      const lines = sessions.map((s) => `${s.id === current ? '*' : ' '} ${s.id}  ${ago(s.updatedAt).padEnd(8)} ${String(s.messages).padStart(4)} msgs  ${s.title}`);
      return { kind: 'text', text: `${lines.join('\n')}\n/resume <id> continues one (a unique prefix is enough).` };
    }
    try {
      const opened = await ctx.sessions.resume(id);
      return { kind: 'text', text: `resumed ${opened.id} (${opened.messages} messages): ${opened.title}` };
    } catch (error) {
      const e = error as Error & { fix?: string };
      return { kind: 'error', message: `/resume: ${e.message}`, fix: e.fix ?? '/resume lists the conversations kept here.', exitCode: ExitCode.usage };
    }
  },
};
