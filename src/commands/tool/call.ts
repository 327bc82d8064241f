import { UsageError, WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { requireConfig } from '../../config/load.js';
import { callPluginTool } from '../../sandbox/catalogue/call.js';
import { splitToolId } from '../../sandbox/catalogue/tools.js';
import type { CommandInput } from '../command.js';
import { findPlugin, pluginContext } from '../plugin/load.js';
import { emit, plain } from '../report.js';
import { callSkillTool } from './skill-call.js';
import { validateArgs } from './validate.js';

function parseArgs(text: unknown): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const value = JSON.parse(String(text)) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch { /* reported below */ }
  throw new WeftError(`--args is not a JSON object: ${String(text)}`, { code: 'args-invalid', field: '--args', value: text,
    fix: 'Pass the arguments as one JSON object, e.g. --args \'{"n": 3}\'.' });
}

/** `weft tool call <id> [--args JSON]`: a plugin tool (`<plugin id>/<tool>`) or a skill (its name); exit 4 when the tool fails (fuel, memory and deadline included). */
export async function toolCall(input: CommandInput): Promise<number> {
  const id = input.args[1];
  if (!id || input.args.length > 2) throw new UsageError('weft tool call takes one tool id', 'Usage: weft tool call <plugin id>/<tool> [--args JSON]');
  const parts = splitToolId(id);
  if (!parts) {
    // No `/`: a skill's tool id is its name.
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      return await callSkillTool(input, id, parseArgs(input.flags.args), abort.signal);
    } finally {
      process.off('SIGINT', onSigint);
    }
  }
  const ctx = await pluginContext(input);
  const record = await findPlugin(ctx, parts.plugin);
  const tool = record.manifest?.tools.find((t) => t.name === parts.tool);
  if (record.manifest && !tool) {
    throw new WeftError(`plugin ${record.id} has no tool "${parts.tool}"`, { code: 'tool-not-found', value: id,
      fix: `Its tools: ${record.manifest.tools.map((t) => t.name).join(', ')}.` });
  }
  const args = parseArgs(input.flags.args);
  if (tool) validateArgs(tool.input_schema, args, id);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const outcome = await callPluginTool({
      clawftHome: ctx.paths.clawftHome, home: ctx.paths.home, workspace: ctx.workspace?.root ?? null,
      config: requireConfig(ctx.config), approvals: ctx.approvals,
      onLog: (level, message) => input.stderr.write(`[${parts.plugin} ${level}] ${plain(message)}\n`),
    }, record, parts.tool, JSON.stringify(args), abort.signal);
    if (!outcome.ok) {
      throw new WeftError(`${id} failed (${outcome.kind}): ${outcome.error}`, { code: `tool-${outcome.kind}`, value: id },
        outcome.kind === 'cancelled' ? ExitCode.cancelled : ExitCode.toolFailed);
    }
    emit(input, { tool: id, content: outcome.content, fuelUsed: Number(outcome.fuelUsed) }, (d) => d.content);
    return ExitCode.ok;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
