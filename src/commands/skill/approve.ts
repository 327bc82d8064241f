import { UsageError, WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { contentHash } from '../../plugin/approvals/index.js';
import { nativeEnvNames } from '../../skills/runner/index.js';
import type { CommandInput } from '../command.js';
import { confirm } from '../confirm.js';
import { emit } from '../report.js';
import { loadIndex, skillContext } from './load.js';

async function target(input: CommandInput, verb: string) {
  const name = input.args[1];
  if (!name || input.args.length > 2) throw new UsageError(`weft skill ${verb} takes one skill name`, `Usage: weft skill ${verb} <name>`);
  const ctx = await skillContext(input);
  const index = await loadIndex(ctx, input);
  const entry = index.active.get(name) ?? index.skills.find((s) => s.skill.name === name);
  if (!entry) throw new WeftError(`no skill named "${name}"`, { code: 'skill-not-found', value: name, fix: 'See `weft skill list` for the names.' });
  return { ctx, entry, name };
}

/** `weft skill approve <name>`: lets a native-command skill run, exactly as its folder is now. */
export async function approveSkillCommand(input: CommandInput): Promise<number> {
  const { ctx, entry, name } = await target(input, 'approve');
  const tool = entry.skill.weftTool;
  if (tool?.kind !== 'native' || entry.level === 'bundled') {
    emit(input, { name, approved: true, needed: false }, () => `${name} needs no approval (${tool?.kind === 'native' ? 'bundled with weft' : 'it runs no native command'})`);
    return ExitCode.ok;
  }
  const shown = await contentHash(entry.skill.dir);
  if (!input.flags.yes) {
    const answer = await confirm(`"${name}" runs ${tool.run.join(' ')} in the workspace and receives ${nativeEnvNames(entry.skill).join(', ')}. Approve it?`, input.stderr);
    if (answer === 'nobody') {
      throw new WeftError(`"${name}" needs approval and nobody can answer here`, { code: 'approval-required', value: name,
        fix: `Run \`weft skill approve ${name}\` in a terminal, or add --yes.` }, ExitCode.approvalRequired);
    }
    if (answer === 'no') throw new WeftError('not approved', { code: 'approval-refused', value: name });
  }
  // expectedHash: what was shown is what is approved; an edit in between refuses.
  await ctx.approvals.approveSkill(entry.skill.dir, { expectedHash: shown });
  emit(input, { name, approved: true, needed: true, file: entry.skill.file }, () => `approved ${name}: it may run ${tool.run[0]} until its folder changes`);
  return ExitCode.ok;
}

export async function revokeSkillCommand(input: CommandInput): Promise<number> {
  const { ctx, entry, name } = await target(input, 'revoke');
  const removed = await ctx.approvals.revokeSkill(entry.skill.dir);
  emit(input, { name, revoked: removed }, () => (removed ? `revoked ${name}: it will not run until approved again` : `${name} was not approved; nothing to revoke`));
  return ExitCode.ok;
}
