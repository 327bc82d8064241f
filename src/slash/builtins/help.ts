import type { ResolvedCommands, SlashCommand } from '../types.js';

function line(c: SlashCommand): string {
  const names = [`/${c.name}`, ...(c.aliases ?? []).map((a) => `/${a}`)].join(', ');
  const hint = c.argumentHint ? ` ${c.argumentHint}` : '';
  const marks = [c.kind === 'native' ? 'runs a native command' : '', c.state && c.state !== 'ready' ? c.state : ''].filter(Boolean);
  return `  ${names}${hint}  ${marks.length ? `[${marks.join(', ')}] ` : ''}${c.description}`;
}

/** The /help text: built-ins, then skill and plugin commands, then every naming conflict with its fix. */
export function helpText(commands: ResolvedCommands): string {
  const builtins = commands.list.filter((c) => c.source === 'builtin');
  const others = commands.list.filter((c) => c.source !== 'builtin');
  const out = ['Commands:', ...builtins.map(line), '', others.length ? 'Skills and plugin tools:' : 'No skill or plugin commands loaded.', ...others.map(line)];
  if (commands.conflicts.length > 0) {
    out.push('', `Name conflicts (${commands.conflicts.length}):`);
    for (const c of commands.conflicts) out.push(`  /${c.name}: ${c.problem}`, `    fix: ${c.fix}`);
  }
  out.push('', 'Anything not starting with / goes to the agent. /skill <name> runs a skill by its own name, even when its /command is contested.');
  return out.join('\n');
}

export const help: SlashCommand = {
  name: 'help', description: 'list every command, with the skill commands and any name conflicts', source: 'builtin',
  run: async (_args, ctx) => ({ kind: 'text', text: helpText(ctx.commands()) }),
};
