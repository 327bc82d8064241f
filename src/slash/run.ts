/**
 * Running one line of input as a command: parse, resolve against the
 * current snapshot, run, or explain (unknown command with suggestions, exit 2).
 * Chat input goes to the agent (run by the layer above, through ctx.agent).
 */
import { ExitCode } from '../plugin/exit-codes.js';
import { BUILTINS } from './builtins/index.js';
import { parseInput } from './parse.js';
import { resolveCommands } from './resolve.js';
import { suggest } from './suggest.js';
import { untrustedSkill } from './untrusted.js';
import type { CommandResult, ResolvedCommands, SlashContext } from './types.js';

export function currentCommands(ctx: Pick<SlashContext, 'registry'>): ResolvedCommands {
  return resolveCommands(ctx.registry.current(), BUILTINS);
}

export async function runInput(line: string, ctx: SlashContext): Promise<CommandResult | undefined> {
  const input = parseInput(line);
  if (input.kind === 'empty') return undefined;
  if (input.kind === 'chat') return ctx.agent({ text: input.text }, ctx);
  const commands = ctx.commands();
  const command = commands.byName.get(input.name);
  if (command) return command.run(input.args, ctx);
  const conflict = commands.conflicts.find((c) => c.name === input.name);
  if (conflict) {
    return { kind: 'error', message: `/${input.name} is contested: ${conflict.problem}`, fix: `${conflict.fix} Meanwhile /skill <name> runs the skill.`, exitCode: ExitCode.usage };
  }
  const alias = ctx.registry.current().diagnostics.find((d) => d.code === 'alias-target-missing' && d.field === `commands.aliases.${input.typed}`);
  if (alias) return { kind: 'error', message: `/${input.typed}: ${alias.problem}`, fix: alias.fix, exitCode: ExitCode.usage };
  const untrusted = untrustedSkill(ctx.registry.current(), input.name, true, ctx.interactive, line);
  if (untrusted) return untrusted;
  const close = suggest(input.name, commands);
  return {
    kind: 'error', message: `unknown command /${input.typed}`, exitCode: ExitCode.usage,
    fix: close.length ? `Did you mean ${close.map((c) => `/${c.name}`).join(', ')}? /help lists every command.` : '/help lists every command.',
  };
}
