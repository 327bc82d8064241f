import { formatDiagnostic } from '../../plugin/diagnostic.js';
import { UsageError, WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';
import { trustCommand } from '../../config/trust.js';
import { nativeEnvNames } from '../../skills/runner/index.js';
import { indexedJson } from './json.js';
import { loadIndex, skillContext } from './load.js';

export async function showSkill(input: CommandInput): Promise<number> {
  const name = input.args[1];
  if (!name || input.args.length > 2) throw new UsageError('weft skill show takes one skill name', 'Usage: weft skill show <name>');
  const ctx = await skillContext(input);
  const index = await loadIndex(ctx, input);
  const matches = index.skills.filter((s) => s.skill.name === name);
  const entry = index.active.get(name) ?? matches[0];
  const untrusted = index.untrusted.find((u) => u.folder === name);
  if (!entry && untrusted) {
    throw new WeftError(`"${name}" is a skill of an untrusted workspace (${untrusted.file})`, { code: 'workspace-untrusted', file: untrusted.file,
      value: name, fix: `Run \`${trustCommand(untrusted.workspace)}\` if you trust its contents.` }, ExitCode.untrustedWorkspace);
  }
  if (!entry) {
    throw new WeftError(`no skill named "${name}"`, { code: 'skill-not-found', value: name, fix: 'See `weft skill list` for the names.' }, ExitCode.error);
  }
  const skill = entry.skill;
  const tool = skill.weftTool;
  const native = tool?.kind === 'native';
  const approval = native && entry.level !== 'bundled' ? await ctx.approvals.skillStatus(skill.dir) : undefined;
  const data = {
    ...indexedJson(entry, index),
    ...(skill.argumentHint ? { argumentHint: skill.argumentHint } : {}),
    userInvocable: skill.userInvocable,
    disableModelInvocation: skill.disableModelInvocation,
    ...(tool ? { tool } : {}),
    ...(native ? { receivesEnv: nativeEnvNames(skill) } : {}),
    ...(approval ? { approval: approval.approved ? 'approved' : approval.reason } : {}),
    others: matches.filter((m) => m !== entry).map((m) => ({ file: m.skill.file, level: m.level })),
    instructions: skill.body,
  };
  emit(input, data, (d) => [
    `${d.name}  (${d.level}, ${d.active ? 'active' : 'not active'}${d.loaded ? '' : ', not loaded'})`,
    `file: ${d.path}`,
    d.description ? `description: ${d.description}` : 'description: (none)',
    d.eligible ? 'eligible: yes' : `eligible: no: ${d.ineligibleReasons.join('; ')}`,
    tool?.kind === 'native' ? `runs native command: ${tool.run.join(' ')}` : tool?.kind === 'plugin' ? `plugin tool: ${tool.plugin}/${tool.name}` : 'instruction-only',
    ...(d.receivesEnv ? [`environment it receives: ${d.receivesEnv.join(', ')}`] : []),
    ...(d.approval ? [`approval: ${d.approval}`] : []),
    ...d.others.map((o) => `also found: ${o.level} ${o.file}`),
    ...d.diagnostics.map(formatDiagnostic),
    '', d.instructions,
  ].join('\n'));
  return ExitCode.ok;
}
