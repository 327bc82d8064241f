import { WeftError } from '../../plugin/errors.js';
import { ExitCode, type ExitCodeValue } from '../../plugin/exit-codes.js';
import type { ToolFailureKind, ToolResult } from '../../plugin/contract/tool.js';
import { requireConfig } from '../../config/load.js';
import { callPluginTool } from '../../sandbox/catalogue/call.js';
import { runNativeSkill } from '../../skills/runner/index.js';
import { substitute } from '../../skills/substitute.js';
import type { CommandInput } from '../command.js';
import { findPlugin } from '../plugin/load.js';
import { emit, plain } from '../report.js';
import { loadIndex, skillContext } from '../skill/load.js';

const EXIT_BY_KIND: Partial<Record<ToolFailureKind, ExitCodeValue>> = {
  'approval-required': ExitCode.approvalRequired, 'invalid-arguments': ExitCode.error, cancelled: ExitCode.cancelled,
};

/**
 * `weft tool call <skill name>`: a native-command skill runs its command, a
 * plugin-backed skill calls its plugin tool, an instruction-only skill
 * returns its instructions with the arguments substituted.
 */
export async function callSkillTool(input: CommandInput, name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<number> {
  const ctx = await skillContext(input);
  const index = await loadIndex(ctx, input);
  const entry = index.active.get(name);
  if (!entry) {
    const untrusted = index.untrusted.some((u) => u.file.split('/').at(-2) === name);
    throw new WeftError(untrusted ? `"${name}" is a skill of an untrusted workspace` : `no tool or skill "${name}"`,
      { code: untrusted ? 'workspace-untrusted' : 'tool-not-found', value: name,
        fix: untrusted ? 'Run `weft trust` in the workspace if you trust its contents.' : 'See `weft tool list` and `weft skill list`.' },
      untrusted ? ExitCode.untrustedWorkspace : ExitCode.error);
  }
  const { skill } = entry;
  const tool = skill.weftTool;
  let result: ToolResult;
  if (tool?.kind === 'native') {
    result = await runNativeSkill(skill, args, { workspace: ctx.workspace?.root ?? input.paths.cwd, approvals: ctx.approvals, bundled: entry.level === 'bundled', signal });
  } else if (tool?.kind === 'plugin') {
    const record = await findPlugin(ctx, tool.plugin);
    const outcome = await callPluginTool({ clawftHome: ctx.paths.clawftHome, home: ctx.paths.home, workspace: ctx.workspace?.root ?? null,
      config: requireConfig(ctx.config), approvals: ctx.approvals, onLog: (level, message) => input.stderr.write(`[${tool.plugin} ${level}] ${plain(message)}\n`) },
    record, tool.name, JSON.stringify(args), signal);
    result = outcome.ok ? { ok: true, content: outcome.content } : { ok: false, kind: outcome.kind, error: outcome.error };
  } else {
    result = { ok: true, content: substitute(skill.body, { arguments: String(args.arguments ?? ''), baseDir: skill.dir }).trim() };
  }
  if (!result.ok) {
    throw new WeftError(`${name} failed (${result.kind}): ${result.error}`, { code: `tool-${result.kind}`, value: name },
      EXIT_BY_KIND[result.kind] ?? ExitCode.toolFailed);
  }
  emit(input, { tool: name, content: result.content, ...(result.truncated ? { truncated: true } : {}) }, (d) => d.content);
  return ExitCode.ok;
}
