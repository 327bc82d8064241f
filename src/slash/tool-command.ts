/**
 * The slash command of a skill or plugin tool. A code-backed tool runs
 * directly (arguments from the text, see args.ts); an instruction-only skill
 * starts an agent turn with the skill activated, which needs a model.
 */
import { ExitCode } from '../plugin/exit-codes.js';
import type { ToolFailureKind } from '../plugin/contract/tool.js';
import type { RegistrySnapshot, RegistryTool } from '../registry/index.js';
import { findTool } from '../registry/index.js';
import { toolArgs } from './args.js';
import { grant, pendingApproval } from '../registry/index.js';
import type { CommandResult, SlashCommand, SlashContext } from './types.js';

const EXIT_BY_KIND: Partial<Record<ToolFailureKind, (typeof ExitCode)[keyof typeof ExitCode]>> = {
  'approval-required': ExitCode.approvalRequired, 'invalid-arguments': ExitCode.usage, cancelled: ExitCode.cancelled,
};

function argumentHint(tool: RegistryTool, snapshot: RegistrySnapshot): string | undefined {
  const hint = snapshot.skills.active.get(tool.id)?.skill.argumentHint;
  if (hint) return hint;
  if (tool.kind === 'instruction') return undefined;
  const props = Object.keys((tool.inputSchema as { properties?: object }).properties ?? {});
  return props.length ? props.map((p) => `${p}=…`).join(' ') : undefined;
}

/** Runs the tool `id` as it is in the current generation, granting its approval first when allowed. */
export async function runTool(id: string, name: string, text: string, ctx: SlashContext): Promise<CommandResult> {
  const snapshot = ctx.registry.current();
  const tool = findTool(snapshot, id);
  if (!tool) return { kind: 'error', message: `/${name}: "${id}" is no longer loaded`, exitCode: ExitCode.error, fix: 'See /tools.' };
  if (tool.kind === 'instruction') {
    return ctx.agent({ text, skill: id }, ctx);
  }
  if (tool.state === 'untrusted' || tool.state === 'ineligible') {
    return { kind: 'error', message: `/${name} cannot run: ${tool.reason ?? tool.state}`, exitCode: tool.state === 'untrusted' ? ExitCode.untrustedWorkspace : ExitCode.error };
  }
  const parsed = toolArgs(text, tool.inputSchema);
  if (!parsed.ok) {
    const hint = argumentHint(tool, snapshot);
    return { kind: 'error', message: `/${name}: ${parsed.error}`, exitCode: ExitCode.usage, ...(hint ? { fix: `Usage: /${name} ${hint}` } : {}) };
  }
  if (tool.state === 'needs-approval') {
    const approval = await pendingApproval(tool, snapshot);
    if (!approval) return { kind: 'error', message: `/${name} cannot run: ${tool.reason ?? 'it needs approval'}`, exitCode: ExitCode.approvalRequired };
    if (!ctx.autoApprove) return { kind: 'approval-required', approval, retry: `/${name}${text ? ` ${text}` : ''}` };
    await grant(ctx.registry, approval);
  }
  const result = await ctx.registry.call(id, parsed.args, {
    signal: ctx.signal, origin: ctx.interactive ? 'repl' : 'scripted', ...(ctx.onOutput ? { log: ctx.onOutput } : {}),
  });
  if (result.ok) return { kind: 'tool', tool: id, text: result.content, generation: result.generation };
  return { kind: 'error', message: `/${name} failed (${result.kind}): ${result.error}`, exitCode: EXIT_BY_KIND[result.kind] ?? ExitCode.toolFailed, tool: id };
}

export function toolCommand(name: string, tool: RegistryTool, snapshot: RegistrySnapshot): SlashCommand {
  const hint = argumentHint(tool, snapshot);
  return {
    name, description: tool.description, source: tool.origin === 'skill' ? 'skill' : 'plugin', toolId: tool.id, file: tool.source.file,
    kind: tool.kind, state: tool.state, ...(hint ? { argumentHint: hint } : {}),
    run: (args, ctx) => runTool(tool.id, name, args, ctx),
  };
}
