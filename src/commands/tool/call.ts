import { trustCommand } from '../../config/trust.js';
import { WeftError } from '../../plugin/errors.js';
import { ExitCode, type ExitCodeValue } from '../../plugin/exit-codes.js';
import type { ToolFailureKind } from '../../plugin/contract/tool.js';
import type { ToolCallJson } from '../../plugin/output.js';
import type { RegistrySnapshot, RegistryTool } from '../../registry/index.js';
import { UsageError } from '../../plugin/errors.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';
import { openToolRegistry } from './registry.js';

const EXIT_BY_KIND: Partial<Record<ToolFailureKind, ExitCodeValue>> = {
  'approval-required': ExitCode.approvalRequired, 'invalid-arguments': ExitCode.error, cancelled: ExitCode.cancelled,
};

function parseArgs(text: unknown): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const value = JSON.parse(String(text)) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch { /* reported below */ }
  throw new WeftError(`--args is not a JSON object: ${String(text)}`, { code: 'args-invalid', field: '--args', value: text,
    fix: 'Pass the arguments as one JSON object, e.g. --args \'{"n": 3}\'.' });
}

/** Why `id` is not a tool of this snapshot, with the command that helps. */
function notFound(snapshot: RegistrySnapshot, id: string): WeftError {
  const ws = snapshot.workspace;
  const untrusted = snapshot.skills.untrusted.some((u) => u.folder === id)
    || snapshot.plugins.some((p) => p.state === 'untrusted' && id.startsWith(`${p.id}/`));
  if (untrusted && ws) {
    return new WeftError(`"${id}" comes from the untrusted workspace ${ws.root}`, { code: 'workspace-untrusted', value: id,
      fix: `Run \`${trustCommand(ws.root)}\` if you trust its contents.` }, ExitCode.untrustedWorkspace);
  }
  const binder = [...snapshot.skills.active.values()].find((e) => {
    const t = e.skill.weftTool;
    return t?.kind === 'plugin' && `${t.plugin}/${t.name}` === id;
  });
  if (binder) {
    return new WeftError(`"${id}" is exposed as the skill "${binder.skill.name}"`, { code: 'tool-not-found', value: id,
      fix: `Call it as \`weft tool call ${binder.skill.name}\`.` });
  }
  const unloaded = snapshot.skills.skills.find((e) => e.skill.name === id && !e.skill.loaded);
  if (unloaded) {
    const first = unloaded.skill.diagnostics.find((d) => d.severity === 'error');
    return new WeftError(`the skill "${id}" is not loaded${first ? `: ${first.problem}` : ''}`, { code: 'skill-not-loaded', value: id, file: unloaded.skill.file,
      fix: `See every problem with \`weft skill check ${unloaded.skill.dir}\`.` });
  }
  const held = ws && snapshot.skills.untrusted.length > 0
    ? ` ${snapshot.skills.untrusted.length} skill(s) of the untrusted workspace are not loaded; if it is one of them, run \`${trustCommand(ws.root)}\`.` : '';
  return new WeftError(`no tool "${id}"`, { code: 'tool-not-found', value: id, fix: `See \`weft tool list\` for every tool and its state.${held}` });
}

function notReady(tool: RegistryTool): WeftError {
  const exit = tool.state === 'needs-approval' ? ExitCode.approvalRequired : tool.state === 'untrusted' ? ExitCode.untrustedWorkspace : ExitCode.error;
  const code = tool.state === 'needs-approval' ? 'approval-required' : tool.state === 'untrusted' ? 'workspace-untrusted' : 'tool-ineligible';
  return new WeftError(`${tool.id} cannot run: ${tool.reason ?? tool.state}`, { code, value: tool.id }, exit);
}

/**
 * `weft tool call <id> [--args JSON]`: any tool of the registry (a skill by
 * name, a plugin tool as `<plugin id>/<tool>`), on the path every surface
 * uses. Exit 4 when the tool itself fails (fuel, memory and deadline included).
 */
export async function toolCall(input: CommandInput): Promise<number> {
  const id = input.args[1];
  if (!id || input.args.length > 2) throw new UsageError('weft tool call takes one tool id', 'Usage: weft tool call <tool id> [--args JSON]');
  const args = parseArgs(input.flags.args);
  const registry = await openToolRegistry(input);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const snapshot = registry.current();
    const tool = snapshot.tools.find((t) => t.id === id);
    if (!tool) throw notFound(snapshot, id);
    if (tool.state !== 'ready') throw notReady(tool);
    const result = await registry.call(id, args, { signal: abort.signal, origin: 'scripted' });
    if (!result.ok) {
      throw new WeftError(`${id} failed (${result.kind}): ${result.error}`, { code: `tool-${result.kind}`, value: id },
        EXIT_BY_KIND[result.kind] ?? ExitCode.toolFailed);
    }
    const out: ToolCallJson = { tool: id, content: result.content, ...(result.truncated ? { truncated: true } : {}), generation: result.generation, version: result.version };
    emit(input, out, (d) => d.content);
    return ExitCode.ok;
  } finally {
    process.off('SIGINT', onSigint);
    await registry.stop();
  }
}
