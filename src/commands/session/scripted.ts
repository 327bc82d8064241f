/**
 * Scripted mode: inputs run one after another through the same slash
 * commands as the REPL, without Ink, on a registry that does not watch.
 * Nobody can answer a prompt: an approval fails fast with exit 3, unless
 * --yes grants the skill and plugin approvals this invocation needs (never
 * workspace trust: that takes `weft trust` or --trust-workspace).
 */
import { Agent, type TurnHooks } from '../../agent/index.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { grant, LiveRegistry, revokeGrant, type GrantableApproval } from '../../registry/index.js';
import { currentCommands, parseInput, runInput, type CommandResult, type SlashContext } from '../../slash/index.js';
import type { CommandInput } from '../command.js';
import { pluginContext } from '../plugin/load.js';
import { plain } from '../report.js';
import { agentPort, sessionPort } from './agent-port.js';
import { ScriptedOutput, type OutputFormat } from './output.js';

export interface ScriptedOptions {
  /** The inputs; the source stops when `stop` aborts (Ctrl-C, /exit), even if its stream is still open. */
  inputs: (stop: AbortSignal) => AsyncIterable<string> | Iterable<string>;
  format: OutputFormat;
  yes: boolean;
  /** Pick up a kept conversation: `latest` for --continue, else an id (--resume). */
  resume?: { latest: true } | { id: string };
}

/** The tool a command line will run: its command's tool, or for `/skill <name>` that skill. */
function toolOf(name: string, args: string, ctx: SlashContext): string | undefined {
  if (name === 'skill') {
    const skill = args.split(/\s+/)[0] ?? '';
    return ctx.registry.current().skills.active.has(skill) ? skill : undefined;
  }
  return ctx.commands().byName.get(name)?.toolId;
}

function exitCodeOf(result: CommandResult): number {
  if (result.kind === 'error') return result.exitCode;
  if (result.kind === 'approval-required') return ExitCode.approvalRequired;
  if (result.kind === 'answer') return result.failed?.exitCode ?? (result.refused.length > 0 ? ExitCode.approvalRequired : ExitCode.ok);
  return ExitCode.ok;
}

/** Opens the conversation asked for (SessionNotFound, exit 2, says which exist). */
async function openSession(agent: Agent, resume: ScriptedOptions['resume']): Promise<void> {
  if (resume) await ('latest' in resume ? agent.continueLatest() : agent.resume(resume.id));
}

export async function runScripted(input: CommandInput, options: ScriptedOptions): Promise<number> {
  const ctx0 = await pluginContext({ ...input, json: options.format !== 'text' }); // a broken config stops here with its errors
  const registry = new LiveRegistry({
    paths: input.paths, approvals: ctx0.approvals, watch: false, spareWorker: false,
    onPluginLog: (plugin, level, message) => input.stderr.write(`[${plugin} ${level}] ${plain(message)}\n`),
  });
  const abort = new AbortController();
  const stop = new AbortController();
  const onSigint = (): void => { abort.abort(); stop.abort(); };
  process.once('SIGINT', onSigint);
  const out = new ScriptedOutput(options.format, input.stdout, input.stderr);
  if (options.format !== 'text') out.warnings(ctx0.config.diagnostics.filter((d) => d.severity !== 'error'));
  const agentGrants: GrantableApproval[] = [];
  let exitCode: number = ExitCode.ok;
  try {
    await registry.start();
    const agent = new Agent({ registry, paths: input.paths });
    await openSession(agent, options.resume);
    const hooks = (): TurnHooks => ({
      onText: (text) => out.text(text),
      onToolStart: (call, toolId) => out.toolCall(toolId ?? call.name, call.id, call.arguments),
      onToolEnd: (r, content) => out.toolResult(r.toolId ?? r.call.name, r.call.id, r.ok, content),
      // Nobody can answer here. --yes grants what the model's calls need for this invocation only
      // (the model chose them, not the person): taken back at the end. Never workspace trust.
      approve: async (approval) => {
        if (!options.yes || approval.kind === 'workspace') { out.approvalNeeded(approval); return false; }
        await grant(registry, approval);
        agentGrants.push(approval);
        return true;
      },
    });
    const ctx: SlashContext = {
      registry, signal: abort.signal, interactive: false, autoApprove: options.yes, commands: () => currentCommands({ registry }),
      agent: agentPort(agent, hooks, options.format === 'text'), sessions: sessionPort(agent),
    };
    for await (const line of options.inputs(stop.signal)) {
      const parsed = parseInput(line);
      if (parsed.kind === 'empty') continue;
      out.started(line, parsed.kind === 'command' ? toolOf(parsed.name, parsed.args, ctx) : undefined);
      const result = await runInput(line, ctx);
      if (!result || result.kind === 'clear') continue;
      if (result.kind === 'exit') break;
      const code = abort.signal.aborted ? ExitCode.cancelled : exitCodeOf(result);
      out.result({ input: line, result, exitCode: code });
      if (code !== ExitCode.ok && exitCode === ExitCode.ok) exitCode = code;
      if (abort.signal.aborted) break;
    }
  } finally {
    stop.abort(); // /exit or the end: stop reading, even from a stdin that stays open
    for (const approval of agentGrants.reverse()) await revokeGrant(registry, approval).catch(() => undefined);
    process.off('SIGINT', onSigint);
    await registry.stop();
  }
  if (abort.signal.aborted) exitCode = ExitCode.cancelled; // Ctrl-C, also while waiting for the next line
  out.done(exitCode);
  return exitCode;
}
